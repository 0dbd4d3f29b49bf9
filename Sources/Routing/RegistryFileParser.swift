import Yams

/// Turns the YAML tree of a registry file into entries, with the line of every problem.
///
/// Walks the composed `Node` tree rather than using `YAMLDecoder` so that an unknown key or
/// a value of the wrong shape is reported with its line, and so that unknown keys are errors
/// (a typo such as `chiars:` must not silently drop the chairs' address).
struct RegistryFileParser {
  let file: String

  static let topKeys: Set<String> = ["version", "snapshot", "groups", "roles"]
  static let groupKeys: Set<String> = [
    "acronym", "name", "type", "state", "verified", "parent", "successor", "concluded", "names",
    "chairs", "list", "ads", "addresses", "domains", "relationship", "liaison_manager", "source",
    "people",
  ]

  func parse(_ root: Node?) throws -> (
    groups: [RegisteredGroup], snapshot: String?, roles: [RoleHolder]
  ) {
    guard let root, let top = root.mapping else {
      throw RoutingError.invalid(
        file: file, line: root?.mark?.line ?? 1, key: "groups",
        reason: "the registry must be a mapping with a 'groups' list")
    }
    for (key, value) in top {
      guard let name = key.string, Self.topKeys.contains(name) else {
        throw RoutingError.invalid(
          file: file, line: key.mark?.line ?? 0, key: key.string ?? "?",
          reason: "unknown key; expected one of \(Self.topKeys.sorted().joined(separator: ", "))")
      }
      if name == "version", value.string != "1" {
        throw RoutingError.invalid(
          file: file, line: value.mark?.line ?? 0, key: "version",
          reason: "version \(value.string ?? "?") is not supported; this liaisond reads version 1")
      }
    }
    guard let list = top["groups"] else {
      throw RoutingError.invalid(
        file: file, line: root.mark?.line ?? 1, key: "groups", reason: "missing")
    }
    guard let entries = list.sequence else {
      throw RoutingError.invalid(
        file: file, line: list.mark?.line ?? 0, key: "groups", reason: "must be a list of groups")
    }
    return (
      try entries.map(parseGroup), top["snapshot"]?.string, try parseLeadership(top["roles"])
    )
  }

  func parseGroup(_ node: Node) throws -> RegisteredGroup {
    let line = node.mark?.line ?? 0
    guard let map = node.mapping else {
      throw RoutingError.invalid(
        file: file, line: line, key: "groups", reason: "each entry must be a mapping")
    }
    for (key, _) in map {
      guard let name = key.string, Self.groupKeys.contains(name) else {
        throw RoutingError.invalid(
          file: file, line: key.mark?.line ?? line, key: key.string ?? "?",
          reason: "unknown key; expected one of \(Self.groupKeys.sorted().joined(separator: ", "))")
      }
    }
    func string(_ key: String, required: Bool = false) throws -> String? {
      guard let value = map[key] else {
        if required {
          throw RoutingError.invalid(file: file, line: line, key: key, reason: "missing")
        }
        return nil
      }
      // A plain `null`, `~` or nothing is YAML's null; a quoted "null" is a string.
      if let scalar = value.scalar, scalar.style == .plain,
        ["null", "~", ""].contains(scalar.string)
      {
        if required {
          throw RoutingError.invalid(
            file: file, line: value.mark?.line ?? line, key: key, reason: "must not be null")
        }
        return nil
      }
      guard let scalar = value.scalar else {
        throw RoutingError.invalid(
          file: file, line: value.mark?.line ?? line, key: key, reason: "must be a single value")
      }
      return scalar.string
    }
    func strings(_ key: String) throws -> [String] {
      guard let value = map[key] else { return [] }
      guard let seq = value.sequence else {
        throw RoutingError.invalid(
          file: file, line: value.mark?.line ?? line, key: key, reason: "must be a list")
      }
      return try seq.map { item in
        guard let s = item.scalar?.string else {
          throw RoutingError.invalid(
            file: file, line: item.mark?.line ?? line, key: key,
            reason: "list items must be single values")
        }
        return s
      }
    }
    func enumValue<T: RawRepresentable>(_ key: String, _: T.Type, default fallback: T? = nil) throws
      -> T
    where T.RawValue == String, T: CaseIterable {
      guard let raw = try string(key, required: fallback == nil) else { return fallback! }
      guard let value = T(rawValue: raw) else {
        throw RoutingError.invalid(
          file: file, line: map[key]?.mark?.line ?? line, key: key,
          reason: "'\(raw)' is not one of \(T.allCases.map(\.rawValue).joined(separator: ", "))")
      }
      return value
    }
    func bool(_ key: String, default fallback: Bool) throws -> Bool {
      guard let raw = try string(key) else { return fallback }
      switch raw.lowercased() {
      case "true", "yes": return true
      case "false", "no": return false
      default:
        throw RoutingError.invalid(
          file: file, line: map[key]?.mark?.line ?? line, key: key,
          reason: "'\(raw)' must be true or false")
      }
    }
    let acronym = try string("acronym", required: true)!
    let concluded = try string("concluded")
    var year: Int?
    if let concluded {
      guard let value = Int(concluded) else {
        throw RoutingError.invalid(
          file: file, line: map["concluded"]?.mark?.line ?? line, key: "concluded",
          reason: "'\(concluded)' must be a year")
      }
      year = value
    }
    let relationship = try string("relationship") ?? "none"
    guard relationship == "formal" || relationship == "none" else {
      throw RoutingError.invalid(
        file: file, line: map["relationship"]?.mark?.line ?? line, key: "relationship",
        reason: "'\(relationship)' must be formal or none")
    }
    return RegisteredGroup(
      acronym: acronym,
      name: try string("name", required: true)!,
      type: try enumValue("type", GroupType.self),
      state: try enumValue("state", GroupState.self),
      verified: try bool("verified", default: true),
      parent: try string("parent"),
      successor: try string("successor"),
      concludedYear: year,
      names: try strings("names"),
      chairs: try string("chairs"),
      list: try string("list"),
      ads: try string("ads"),
      addresses: try strings("addresses"),
      domains: try strings("domains").map { $0.lowercased() },
      formalRelationship: relationship == "formal",
      liaisonManager: try string("liaison_manager"),
      source: try string("source"),
      people: try parsePeople(map["people"]),
      line: line
    )
  }
}
