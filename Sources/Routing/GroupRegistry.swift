import Foundation
import Yams

/// The IETF/IRTF groups and sending bodies that routing works from.
///
/// Loaded from YAML (the shipped `Sources/Routing/Resources/groups.yaml`, embedded in the binary, or the
/// file named by `routing.registry`) and validated as a whole: a registry with a dangling
/// parent or successor, a duplicate acronym or a malformed role address is refused with an
/// error naming the file, line and key.
public struct GroupRegistry: Hashable, Sendable {
  public let groups: [RegisteredGroup]
  /// The date of the snapshot, as the file states it.
  public let snapshot: String?
  /// The holders of the leadership roles (`roles:`): IETF, IAB and IRTF chairs, IAB
  /// Executive Director, secretariat.
  public let roles: [RoleHolder]
  private let indexByAcronym: [String: Int]

  /// Validates `groups`; `file` names the source in errors.
  public init(
    groups: [RegisteredGroup], snapshot: String? = nil, roles: [RoleHolder] = [],
    file: String = "registry"
  ) throws {
    var index: [String: Int] = [:]
    for (i, group) in groups.enumerated() {
      if let first = index[group.acronym] {
        throw RoutingError.invalid(
          file: file, line: group.line, key: "acronym",
          reason:
            "'\(group.acronym)' is already defined at line \(groups[first].line); acronyms must be unique"
        )
      }
      index[group.acronym] = i
    }
    for group in groups {
      try Self.validate(group, index: index, groups: groups, file: file)
      try Self.validatePeople(of: group, file: file)
    }
    try Self.validateLeadership(roles, file: file)
    self.groups = groups
    self.snapshot = snapshot
    self.roles = roles
    self.indexByAcronym = index
  }

  /// Parses and validates a registry in YAML.
  public init(yaml: String, file: String = "groups.yaml") throws {
    let root: Node?
    do {
      root = try Yams.compose(yaml: yaml)
    } catch let error as YamlError {
      throw RoutingError.syntax(file: file, line: Self.line(of: error), reason: "\(error)")
    } catch {
      throw RoutingError.syntax(file: file, line: nil, reason: "\(error)")
    }
    let parsed = try RegistryFileParser(file: file).parse(root)
    try self.init(
      groups: parsed.groups, snapshot: parsed.snapshot, roles: parsed.roles, file: file)
  }

  /// Reads and validates the registry at `path`.
  public static func load(path: String) throws -> GroupRegistry {
    let text: String
    do {
      text = try String(contentsOfFile: path, encoding: .utf8)
    } catch {
      throw RoutingError.unreadable(file: path, reason: error.localizedDescription)
    }
    return try GroupRegistry(yaml: text, file: path)
  }

  public func group(_ acronym: String) -> RegisteredGroup? {
    indexByAcronym[acronym.lowercased()].map { groups[$0] }
  }

  public func groups(ofType type: GroupType) -> [RegisteredGroup] {
    groups.filter { $0.type == type }
  }

  /// The role address of the ADs responsible for `acronym`: its own for an area, its
  /// area's for a WG or area group. Empty for IRTF groups and the leadership bodies.
  public func responsibleADs(for acronym: String) -> [String] {
    guard let group = group(acronym) else { return [] }
    switch group.type {
    case .area:
      return group.ads.map { [$0] } ?? []
    case .wg, .ag:
      guard let parent = group.parent, let area = self.group(parent) else { return [] }
      return area.ads.map { [$0] } ?? []
    default:
      return []
    }
  }

  /// The IETF liaison manager for a sending body, inherited from the nearest parent that
  /// names one (3GPP SA2 -> 3GPP).
  public func liaisonManager(for acronym: String) -> String? {
    var current = group(acronym)
    var seen: Set<String> = []
    while let body = current, seen.insert(body.acronym).inserted {
      if let manager = body.liaisonManager { return manager }
      current = body.parent.flatMap { group($0) }
    }
    return nil
  }

  /// The group whose mailing list is `address`, if any.
  public func groupWithList(_ address: String) -> RegisteredGroup? {
    let address = address.lowercased()
    return groups.first { $0.list == address }
  }

  /// The registry entry a role address belongs to (chairs, list, ADs, SDO address).
  public func groupOwning(address: String) -> RegisteredGroup? {
    let address = address.lowercased()
    return groups.first { $0.chairs == address || $0.list == address || $0.ads == address }
      ?? groups.first { $0.addresses.contains(address) }
  }

  /// Counts by type of the active entries, for reports and `check-config`.
  public var activeCounts: [GroupType: Int] {
    groups.filter { $0.state == .active }.reduce(into: [:]) { $0[$1.type, default: 0] += 1 }
  }

  private static func validate(
    _ group: RegisteredGroup, index: [String: Int], groups: [RegisteredGroup], file: String
  ) throws {
    func fail(_ key: String, _ reason: String) -> RoutingError {
      .invalid(file: file, line: group.line, key: key, reason: reason)
    }
    guard Self.isAcronym(group.acronym) else {
      throw fail("acronym", "'\(group.acronym)' must be lower-case letters, digits and '-'")
    }
    if group.name.trimmingCharacters(in: .whitespaces).isEmpty {
      throw fail("name", "the name of '\(group.acronym)' is empty")
    }
    if let parent = group.parent, index[parent] == nil {
      throw fail(
        "parent", "'\(parent)' (parent of '\(group.acronym)') is not defined in the registry")
    }
    if let successor = group.successor {
      guard let target = index[successor] else {
        throw fail(
          "successor",
          "'\(successor)' (successor of '\(group.acronym)') is not defined in the registry")
      }
      if successor == group.acronym {
        throw fail("successor", "'\(group.acronym)' cannot succeed itself")
      }
      _ = target
    }
    if group.state == .active && group.successor != nil {
      throw fail(
        "successor", "'\(group.acronym)' is active; only concluded groups have a successor")
    }
    let addressed: [(String, String?)] = [
      ("chairs", group.chairs), ("list", group.list), ("ads", group.ads),
      ("liaison_manager", group.liaisonManager),
    ]
    for (key, value) in addressed {
      if let value, !Self.isRoleAddress(value) {
        throw fail(key, "'\(value)' is not a lower-case mail address (local@domain)")
      }
    }
    for address in group.addresses where !Self.isRoleAddress(address) {
      throw fail("addresses", "'\(address)' is not a lower-case mail address (local@domain)")
    }
    if group.state == .active {
      switch group.type {
      case .wg, .rg:
        if group.chairs == nil {
          throw fail(
            "chairs", "active \(group.type.rawValue) '\(group.acronym)' needs a chairs role address"
          )
        }
      case .area:
        if group.ads == nil {
          throw fail("ads", "active area '\(group.acronym)' needs an ADs role address")
        }
      default:
        break
      }
    }
    if group.type == .wg, group.state == .active, let parent = group.parent,
      let area = index[parent].map({ groups[$0] }), area.type != .area
    {
      throw fail(
        "parent",
        "parent '\(parent)' of WG '\(group.acronym)' is a \(area.type.rawValue), not an area")
    }
  }

  static func isAcronym(_ s: String) -> Bool {
    !s.isEmpty
      && s.unicodeScalars.allSatisfy {
        ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-"
      }
  }

  static func isRoleAddress(_ s: String) -> Bool {
    let parts = s.split(separator: "@", omittingEmptySubsequences: false)
    guard parts.count == 2, !parts[0].isEmpty, parts[1].contains(".") else { return false }
    return s == s.lowercased()
      && !s.contains(where: { $0.isWhitespace || $0 == "<" || $0 == ">" || $0 == "," })
  }

  private static func line(of error: YamlError) -> Int? {
    switch error {
    case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
      return mark.line
    default:
      return nil
    }
  }
}
