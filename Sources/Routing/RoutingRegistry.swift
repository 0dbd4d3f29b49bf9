/// The registry built into the binary: `Sources/Routing/Resources/groups.yaml` as it was
/// when liaisond was built (a SwiftPM resource embedded in the code), used when the
/// configuration names no `routing.registry`.
public enum RoutingRegistry {
  /// The snapshot's text, as built in.
  public static let embeddedYAML = String(decoding: PackageResources.groups_yaml, as: UTF8.self)

  /// Parsed once. A test loads the same file from the source tree, so a failure here is a
  /// build defect, not an input error.
  public static let embedded: GroupRegistry = {
    do {
      return try GroupRegistry(yaml: embeddedYAML, file: "embedded groups.yaml")
    } catch {
      fatalError("the embedded group registry is invalid: \(error)")
    }
  }()

  /// The registry at `path`, or the embedded one when `path` is nil, with the overrides
  /// file at `overrides` applied.
  public static func load(path: String?, overrides: String? = nil) throws -> GroupRegistry {
    let registry = try path.map(GroupRegistry.load(path:)) ?? embedded
    guard let overrides else { return registry }
    return try RegistryOverrides.load(path: overrides).apply(to: registry)
  }
}
