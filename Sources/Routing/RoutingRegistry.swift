/// The registry built into the binary: `fixtures/groups.yaml` as it was when liaisond was
/// built (see `EmbeddedRegistry.yaml`), used when the configuration names no
/// `routing.registry`.
public enum RoutingRegistry {
  /// Parsed once. A test keeps `EmbeddedRegistry.swift` equal to the fixture and valid, so
  /// a failure here is a build defect, not an input error.
  public static let embedded: GroupRegistry = {
    do {
      return try GroupRegistry(yaml: EmbeddedRegistry.yaml, file: "embedded groups.yaml")
    } catch {
      fatalError("the embedded group registry is invalid (run scripts/embed-registry): \(error)")
    }
  }()

  /// The registry at `path`, or the embedded one when `path` is nil.
  public static func load(path: String?) throws -> GroupRegistry {
    guard let path else { return embedded }
    return try GroupRegistry.load(path: path)
  }
}
