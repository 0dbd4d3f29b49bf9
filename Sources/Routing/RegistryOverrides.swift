import Foundation
import Yams

/// A deployment's corrections and additions to a registry, in the registry format: the
/// file `routing.overrides` names, which the daemon applies to whatever registry it loads
/// and `liaisond registry import` applies to what it imports, so that they survive every
/// import.
///
/// ```yaml
/// version: 1
/// roles:                      # leadership holders, matched by role and name
///   ietf_chair:
///     - name: "Alex Abernathy"
///       emails: [alex@ietf.example]
/// groups:
///   - acronym: ccamp          # in the registry: the keys given replace its values
///     list: ccamp@ietf.org    # (`null` clears one)
///     people:                 # matched by role and name: their addresses replaced,
///       - role: chair         # else the person is added
///         name: "Frankie Rasmussen"
///         emails: [frankie@example.net]
///   - acronym: newwg          # not in the registry: a whole entry, added
///     name: "New Work"
///     type: wg
///     state: active
///     parent: art
///     chairs: newwg-chairs@ietf.org
/// ```
///
/// Applying the same overrides twice gives the registry of applying them once.
public struct RegistryOverrides: Sendable, Hashable {
  public let file: String
  private let yaml: String

  static let topKeys: Set<String> = ["version", "roles", "groups"]

  /// Checks the shape that needs no registry: YAML, the top-level keys, the version.
  public init(yaml: String, file: String) throws {
    self.file = file
    self.yaml = yaml
    _ = try top()
  }

  public static func load(path: String) throws -> RegistryOverrides {
    let text: String
    do {
      text = try String(contentsOfFile: path, encoding: .utf8)
    } catch {
      throw RoutingError.unreadable(file: path, reason: error.localizedDescription)
    }
    return try RegistryOverrides(yaml: text, file: path)
  }

  /// `registry` with these corrections and additions; errors name this file.
  public func apply(to registry: GroupRegistry) throws -> GroupRegistry {
    let parser = RegistryFileParser(file: file)
    guard let top = try top() else { return registry }
    var groups = registry.groups
    if let entries = top["groups"] {
      guard let items = entries.sequence else {
        throw invalid(entries, "groups", "must be a list of groups")
      }
      for item in items {
        guard let map = item.mapping, let acronym = map["acronym"]?.string else {
          throw invalid(item, "groups", "each entry must be a mapping with an acronym")
        }
        let line = item.mark?.line ?? 0
        if let index = groups.firstIndex(where: { $0.acronym == acronym }) {
          var corrected = try parser.parseGroup(try merged(groups[index], with: map))
          corrected.people = Self.merge(
            groups[index].people, with: try parser.parsePeople(map["people"]))
          corrected.line = line
          groups[index] = corrected
        } else {
          groups.append(try parser.parseGroup(item))
        }
      }
    }
    let roles = Self.merge(registry.roles, with: try parser.parseLeadership(top["roles"]))
    return try GroupRegistry(groups: groups, snapshot: registry.snapshot, roles: roles, file: file)
  }

  private func top() throws -> Node.Mapping? {
    let root: Node?
    do {
      root = try Yams.compose(yaml: yaml)
    } catch {
      throw RoutingError.syntax(file: file, line: nil, reason: "\(error)")
    }
    guard let root else { return nil }
    guard let top = root.mapping else {
      throw invalid(root, "groups", "the overrides must be a mapping with 'roles' and/or 'groups'")
    }
    for (key, value) in top {
      guard let name = key.string, Self.topKeys.contains(name) else {
        throw invalid(
          key, key.string ?? "?",
          "unknown key; expected one of \(Self.topKeys.sorted().joined(separator: ", "))")
      }
      if name == "version", value.string != "1" {
        throw invalid(value, "version", "version \(value.string ?? "?") is not supported; use 1")
      }
    }
    return top
  }

  /// The entry `group` as the registry file would hold it, with the keys of `override`
  /// (but its people, which are merged by person) in place of its own.
  private func merged(_ group: RegisteredGroup, with override: Node.Mapping) throws -> Node {
    let text = RegistryFileWriter.group(group).joined(separator: "\n")
    guard var base = try Yams.compose(yaml: text)?.sequence?.first?.mapping else {
      throw RoutingError.invalid(
        file: file, line: 0, key: group.acronym, reason: "cannot restate the registry entry")
    }
    base["people"] = nil
    for (key, value) in override {
      guard key.string != "people" else { continue }
      // The override's own key node, so that an unknown key is reported at its line.
      base[key] = value
    }
    return .mapping(base)
  }

  /// `base` with each of `overrides` in place of the holder of the same role and name
  /// (the addresses replaced), or added; a nameless holder is added unless one of the role
  /// already has its addresses.
  static func merge(_ base: [RoleHolder], with overrides: [RoleHolder]) -> [RoleHolder] {
    var holders = base
    for holder in overrides {
      if let name = holder.name?.lowercased(),
        let index = holders.firstIndex(where: {
          $0.role == holder.role && $0.name?.lowercased() == name
        })
      {
        holders[index].emails = holder.emails
      } else if holder.name == nil,
        holders.contains(where: { $0.role == holder.role && $0.emails == holder.emails })
      {
        continue
      } else {
        holders.append(holder)
      }
    }
    return holders
  }

  private func invalid(_ node: Node, _ key: String, _ reason: String) -> RoutingError {
    .invalid(file: file, line: node.mark?.line ?? 0, key: key, reason: reason)
  }
}
