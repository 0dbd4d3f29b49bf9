/// One role an address holds: the role, and the registry entry it is held for (nil for
/// the leadership roles, which are held for the whole organisation).
public struct RoleAssignment: Hashable, Sendable, Comparable, CustomStringConvertible {
  public var role: Role
  /// Acronym of the group, area or body; nil for `ietf_chair`, `iab_chair`, ...
  public var group: String?

  public init(_ role: Role, for group: String? = nil) {
    self.role = role
    self.group = group
  }

  public var description: String {
    group.map { "\(role.rawValue) of \($0)" } ?? role.rawValue
  }

  public static func < (a: RoleAssignment, b: RoleAssignment) -> Bool {
    (a.group ?? "", a.role.rawValue) < (b.group ?? "", b.role.rawValue)
  }
}
