/// A person (or a role alias) holding a role, with the addresses they write from.
///
/// A deployment lists people by name with their personal addresses; the shipped snapshot
/// holds no personal data and lists the role aliases instead (`chair@ietf.org`).
public struct RoleHolder: Hashable, Sendable {
  public var role: Role
  public var name: String?
  /// Lower-case bare addresses.
  public var emails: [String]
  /// Line in the registry file, for error messages.
  public var line: Int

  public init(role: Role, name: String? = nil, emails: [String], line: Int = 0) {
    self.role = role
    self.name = name
    self.emails = emails.map { $0.lowercased() }
    self.line = line
  }
}
