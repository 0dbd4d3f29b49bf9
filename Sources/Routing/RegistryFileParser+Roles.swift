import Yams

/// The role holders of a registry file: a group's `people:` list and the top-level
/// `roles:` map.
///
/// ```yaml
/// people:                       # on a group
///   - role: chair
///     name: "Jane Doe"
///     emails: [jane@example.com, jdoe@ietf.org]
/// roles:                        # top level
///   ietf_chair:
///     - name: "IETF Chair"
///       emails: [chair@ietf.org]
///   secretariat: [support@ietf.org]   # short form: addresses alone
/// ```
extension RegistryFileParser {
  static let personKeys: Set<String> = ["role", "name", "emails"]

  func parsePeople(_ node: Node?) throws -> [RoleHolder] {
    guard let node else { return [] }
    guard let items = node.sequence else {
      throw invalid(node, "people", "must be a list of {role, name, emails}")
    }
    return try items.map { item in
      guard let map = item.mapping else {
        throw invalid(item, "people", "each entry must be a mapping with role, name and emails")
      }
      try checkKeys(map, allowed: Self.personKeys, at: item)
      guard let role = map["role"]?.scalar?.string, !role.isEmpty else {
        throw invalid(item, "role", "missing; each person needs a role")
      }
      return try holder(Role(rawValue: role), map, at: item)
    }
  }

  func parseLeadership(_ node: Node?) throws -> [RoleHolder] {
    guard let node else { return [] }
    guard let map = node.mapping else {
      throw invalid(node, "roles", "must be a mapping from a role to its holders")
    }
    var holders: [RoleHolder] = []
    for (key, value) in map {
      let name = key.string ?? "?"
      guard Role.leadership.map(\.rawValue).contains(name) else {
        throw invalid(
          key, name,
          "unknown role; expected one of \(Role.leadership.map(\.rawValue).joined(separator: ", "))"
        )
      }
      guard let items = value.sequence else {
        throw invalid(value, name, "must be a list of holders ({name, emails} or an address)")
      }
      for item in items {
        if let address = item.scalar?.string {
          holders.append(
            RoleHolder(role: Role(rawValue: name), emails: [address], line: line(item)))
        } else if let person = item.mapping {
          try checkKeys(person, allowed: ["name", "emails"], at: item)
          holders.append(try holder(Role(rawValue: name), person, at: item))
        } else {
          throw invalid(item, name, "each holder is {name, emails} or an address")
        }
      }
    }
    return holders
  }

  private func holder(_ role: Role, _ map: Node.Mapping, at node: Node) throws -> RoleHolder {
    guard let emailsNode = map["emails"] else {
      throw invalid(node, "emails", "missing; list the addresses this person writes from")
    }
    guard let list = emailsNode.sequence, !list.isEmpty else {
      throw invalid(emailsNode, "emails", "must be a non-empty list of addresses")
    }
    let emails = try list.map { item in
      guard let s = item.scalar?.string else {
        throw invalid(item, "emails", "list items must be single values")
      }
      return s
    }
    return RoleHolder(
      role: role, name: map["name"]?.scalar?.string, emails: emails, line: line(node))
  }

  private func checkKeys(_ map: Node.Mapping, allowed: Set<String>, at node: Node) throws {
    for (key, _) in map {
      guard let name = key.string, allowed.contains(name) else {
        throw invalid(
          key, key.string ?? "?",
          "unknown key; expected one of \(allowed.sorted().joined(separator: ", "))")
      }
    }
  }

  private func line(_ node: Node) -> Int { node.mark?.line ?? 0 }

  private func invalid(_ node: Node, _ key: String, _ reason: String) -> RoutingError {
    .invalid(file: file, line: line(node), key: key, reason: reason)
  }
}
