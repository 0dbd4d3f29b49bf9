/// What one entry of a statement's history records. Every kind liaisond writes is a static
/// member here and listed in `allCases`, and the web record has a label for each; stored as
/// the raw string, so a row written before a kind was named still reads back.
public struct EventKind: OpenVocabulary {
  public var rawValue: String
  public init(rawValue: String) { self.rawValue = rawValue }

  // Recording a mail.
  public static let received = EventKind(rawValue: "received")
  /// The same mail came again (another IMAP position, a file, a resend).
  public static let duplicate = EventKind(rawValue: "duplicate")
  public static let quarantined = EventKind(rawValue: "quarantined")
  /// Another mail with this Message-ID but different content was already recorded.
  public static let messageIDReused = EventKind(rawValue: "message_id_reused")
  /// Recorded, but a later step (routing, composing, queueing) failed; the detail says
  /// which and why. The statement waits on `/iab`; the next message went on.
  public static let processFailed = EventKind(rawValue: "process_failed")

  // Routing and the mails that follow it.
  public static let routed = EventKind(rawValue: "routed")
  public static let rerouted = EventKind(rawValue: "rerouted")
  /// The receivers were told of the statement.
  public static let notified = EventKind(rawValue: "notified")
  /// No group fits, or it was misdirected: the IAB contact was asked to route it.
  public static let triage = EventKind(rawValue: "triage")
  public static let acknowledged = EventKind(rawValue: "acknowledged")
  /// The acknowledgement policy decided against one; the detail says why.
  public static let notAcknowledged = EventKind(rawValue: "not_acknowledged")
  public static let reminded = EventKind(rawValue: "reminded")

  // Replies and responses.
  /// On the original: a reply to it waits for an AD's approval.
  public static let replyPending = EventKind(rawValue: "reply_pending")
  public static let approvalRequested = EventKind(rawValue: "approval_requested")
  public static let approved = EventKind(rawValue: "approved")
  /// On a reply: it was sent to the original's sender.
  public static let relayed = EventKind(rawValue: "relayed")
  /// On a response: it was linked to the statement it answers.
  public static let linked = EventKind(rawValue: "linked")
  /// On the original: a response was recorded.
  public static let answered = EventKind(rawValue: "answered")
  /// On both: a statement says it answers one the IETF sent (our id or title in its
  /// text), but neither our Message-ID nor an authenticated sender of that body backs it:
  /// linked, shown as "says it answers", and the IETF statement not marked answered.
  public static let unverifiedAnswer = EventKind(rawValue: "unverified_answer")

  // Commands by mail (SPEC.md, "Commands by mail").
  /// On a mail to the gateway: a command or response refused by `CommandGate` (a
  /// stranger, a guessed address, no role); nothing was changed or sent.
  public static let commandRefused = EventKind(rawValue: "command_refused")
  /// On a draft: an approver rejected it.
  public static let rejected = EventKind(rawValue: "rejected")
  /// On a draft: a comment from its approve address was forwarded to the submitter.
  public static let commented = EventKind(rawValue: "commented")
  /// On a draft: not approved in time; the submitter was told.
  public static let lapsed = EventKind(rawValue: "lapsed")
  /// On a statement: a chair or AD said `ACTION TAKEN` or `NO RESPONSE NEEDED`.
  public static let actionTaken = EventKind(rawValue: "action_taken")
  public static let deadlineChanged = EventKind(rawValue: "deadline_changed")
  /// On a draft: the same submitter sent a newer draft for the same statement, which
  /// replaces it; its approve address approves nothing any more.
  public static let superseded = EventKind(rawValue: "superseded")
  /// On a statement: mail about it that is no statement and no command (a reply-all copy
  /// of its notification) was kept privately; the detail names the private record.
  public static let mailHeldBack = EventKind(rawValue: "mail_held_back")

  // The IETF's own statements (seed 004 section 4).
  /// On an outgoing statement: recorded from its submission; the detail names both.
  public static let submitted = EventKind(rawValue: "submitted")
  /// On an outgoing statement: it went to the other body (or was sent outside the tool).
  public static let sent = EventKind(state: .sent)
  /// On a copy to the central address: the IETF sent this statement without liaisond.
  public static let sentOutsideTheTool = EventKind(rawValue: "sent_outside_the_tool")
  /// On a copy to the central address of a statement liaisond sent: kept, not public.
  public static let copyOfOutgoing = EventKind(rawValue: "copy_of_outgoing")
  /// A mail the classifier did not take for a statement was declared one by the operator
  /// (`liaisond reclassify ID --as statement`); the detail says from what, and why.
  public static let reclassified = EventKind(rawValue: "reclassified")
  /// A For-Action (or For-Comment) statement whose deadline names no day: the liaison
  /// manager and the IAB were told, once, with the deadline as written.
  public static let deadlineUnclear = EventKind(rawValue: "deadline_unclear")
  /// A statement of the datatracker's history (`liaisond history import`): read-only, never
  /// notified or reminded; the detail names the datatracker liaison it came from.
  public static let imported = EventKind(rawValue: "imported")

  // State changes without an event of their own carry the new state's name.
  public static let unrouted = EventKind(state: .unrouted)
  public static let awaitingApproval = EventKind(state: .awaitingApproval)
  public static let closed = EventKind(state: .closed)
  public static let heldBack = EventKind(state: .heldBack)

  /// The entry a move to `state` writes.
  public init(state: StatementState) { rawValue = state.rawValue }

  /// Every kind liaisond writes.
  public static let allCases: [EventKind] = [
    .received, .duplicate, .quarantined, .messageIDReused, .processFailed,
    .routed, .rerouted, .notified, .triage, .acknowledged, .notAcknowledged, .reminded,
    .replyPending, .approvalRequested, .approved, .relayed, .linked, .answered,
    .commandRefused, .rejected, .commented, .lapsed, .actionTaken, .deadlineChanged,
    .superseded, .mailHeldBack, .unrouted, .awaitingApproval, .closed, .heldBack, .submitted,
    .sent, .sentOutsideTheTool, .copyOfOutgoing, .reclassified, .deadlineUnclear,
    .unverifiedAnswer,
    .imported,
  ]
}
