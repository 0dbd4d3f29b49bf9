/// Who approves a statement that speaks for one registry entry (seed 004 section 4.1;
/// SPEC.md, "Approval"), and who is copied on the approval.
public struct Approvers: Hashable, Sendable {
  /// Any one of these approves: `ad` of the area, `ietf_chair`, `iab_chair` or
  /// `iab_executive_director`, `irtf_chair`.
  public var roles: [RoleAssignment]
  /// The addresses of the people holding those roles, in registry order, no duplicates.
  public var addresses: [String]
  /// Addresses copied on the request and the approval (the IAB, for the IRTF).
  public var copied: [String]

  public init(roles: [RoleAssignment], addresses: [String], copied: [String] = []) {
    self.roles = roles
    self.addresses = addresses
    self.copied = copied
  }
}
