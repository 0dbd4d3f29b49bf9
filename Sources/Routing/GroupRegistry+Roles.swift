extension GroupRegistry {
  /// A group's people hold only the roles its type has, from well-formed addresses.
  static func validatePeople(of group: RegisteredGroup, file: String) throws {
    let allowed = Role.groupRoles(for: group.type)
    for person in group.people {
      guard allowed.contains(person.role) else {
        let expected =
          allowed.isEmpty
          ? "a \(group.type.rawValue) has no group roles; use the top-level 'roles:' map"
          : "a \(group.type.rawValue) has \(allowed.map(\.rawValue).joined(separator: ", "))"
        throw RoutingError.invalid(
          file: file, line: person.line, key: "role",
          reason: "'\(person.role.rawValue)' is not a role of '\(group.acronym)'; \(expected)")
      }
      try validateEmails(person, file: file)
    }
  }

  static func validateLeadership(_ holders: [RoleHolder], file: String) throws {
    for holder in holders {
      guard Role.leadership.contains(holder.role) else {
        throw RoutingError.invalid(
          file: file, line: holder.line, key: holder.role.rawValue,
          reason:
            "not a leadership role; expected one of \(Role.leadership.map(\.rawValue).joined(separator: ", "))"
        )
      }
      try validateEmails(holder, file: file)
    }
  }

  private static func validateEmails(_ holder: RoleHolder, file: String) throws {
    for email in holder.emails where !isRoleAddress(email) {
      throw RoutingError.invalid(
        file: file, line: holder.line, key: "emails",
        reason: "'\(email)' is not a mail address (local@domain)")
    }
  }
}
