import Liaison

/// A submission that may go: whom it speaks for, where it goes, who is copied and who
/// approves it (SPEC.md, "What goes out"; seed 004 sections 2.1 and 4).
public struct OutgoingPlan: Hashable, Sendable {
  public var submission: OutgoingSubmission
  /// The IETF group the statement speaks for.
  public var group: RegisteredGroup
  /// The receiving body, when the registry knows it.
  public var body: RegisteredGroup?
  /// The receiving body as the statement names it: the registry's name, else as written.
  public var bodyName: String
  /// Send To: the submission's, else the registry's address for the body.
  public var sendTo: [String]
  /// The IETF liaison managers for the receiving body.
  public var liaisonManagers: [String]
  /// Liaison managers, the group's chairs and ADs, its list, the submission's Cc and
  /// technical contacts, and whoever the approval copies (the IAB, for the IRTF); without
  /// the Send To addresses, no duplicates.
  public var copies: [String]
  public var approvers: Approvers

  public init(
    submission: OutgoingSubmission, group: RegisteredGroup, body: RegisteredGroup?,
    bodyName: String, sendTo: [String], liaisonManagers: [String], copies: [String],
    approvers: Approvers
  ) {
    self.submission = submission
    self.group = group
    self.body = body
    self.bodyName = bodyName
    self.sendTo = sendTo
    self.liaisonManagers = liaisonManagers
    self.copies = copies
    self.approvers = approvers
  }

  /// How the statement names the group it speaks for: `IETF CCAMP WG`, `IAB`, `IRTF CFRG RG`.
  public var groupName: String {
    switch group.type {
    case .wg: return "IETF \(group.acronym.uppercased()) WG"
    case .rg: return "IRTF \(group.acronym.uppercased()) RG"
    case .area: return "IETF \(group.name)"
    case .ag, .program: return group.name
    case .ietf, .iesg, .iab, .irtf, .sdo: return group.acronym.uppercased()
    }
  }
}
