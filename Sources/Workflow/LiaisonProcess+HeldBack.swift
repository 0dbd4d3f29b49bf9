import Foundation
import Liaison
import Logging
import MIME
import Store

extension MailKind {
  /// The mails liaisond sends only to the IETF side (receivers, approvers, submitters, the
  /// IAB). An answer to one of them is discussion among IETF people; an answer to a mail
  /// that went to the other body (a response, an acknowledgement) may be a new statement.
  static let toTheIETFSide: [MailKind] = [
    .notification, .reminder, .misdirected, .unrouted, .sentOutsideTheTool, .approvalRequest,
    .digest, .commandReply,
  ]
}

/// Mail about a statement liaisond already handles that is neither a statement nor a
/// command: a chair's reply-all to a notification, which copies the central address
/// (SPEC.md, "a reply-all is never relayed"). Recognised by liaisond's own Message-IDs
/// alone (In-Reply-To, References, or the mail itself coming back), never by its subject
/// or text: another body's statement quoting an old thread stays a statement.
extension LiaisonProcess {
  /// liaisond's own mail to the IETF side that a mail answers (or is): `statement` as
  /// extracted (its Message-ID and In-Reply-To) and the References of its header.
  func ownMailAnswered(by statement: ExtractedStatement, references: [String])
    throws(WorkflowError) -> OwnMail?
  {
    let named = [statement.messageID].compactMap { $0 } + references + statement.inReplyTo
    return try storeStep("look up liaisond's own mail", id: nil) { () throws(StoreError) in
      try store.ownMail(amongMessageIDs: named, kinds: MailKind.toTheIETFSide.map(\.rawValue))
    }
  }

  /// Before a mail is recorded: a statement (or other mail) that answers liaisond's own mail
  /// to the IETF side is recorded as a reply to the statement that mail was about (or, for
  /// mail about none such as the digest, as no liaison statement), privately, and is not
  /// routed, notified or acknowledged. Automatic mail and bounces keep their kind.
  public func recognised(_ extraction: Extraction, header: MIMEHeader) throws(WorkflowError)
    -> Extraction
  {
    guard [.statement, .notLiaison].contains(extraction.statement.kind),
      let own = try ownMailAnswered(by: extraction.statement, references: header.references)
    else { return extraction }
    var recognised = extraction
    recognised.statement.kind = own.statementID == nil ? .notLiaison : .replyToStatement
    recognised.statement.route = .unrouted
    return recognised
  }

  /// Kept privately, listed on `/iab` as held back, and noted in the history of the
  /// statement it is about; nothing is sent.
  func holdBack(_ mail: StatementRecord, about id: String, now: Date) throws(WorkflowError) {
    logger.info(
      "workflow.held_back", metadata: ["liaison.id": "\(mail.id)", "liaison.about": "\(id)"])
    try storeStep("hold back the mail about \(id)", id: mail.id) { () throws(StoreError) in
      try store.setState(
        id: mail.id, state: .heldBack,
        detail: "answers liaisond's mail about \(id) (a reply-all copy): kept private, not relayed",
        at: now)
      // The statement's history is public: it says that mail was held back, never which
      // private record holds it (the IAB finds that on /iab, where the record names `id`).
      try store.appendEvent(
        id: id, kind: .mailHeldBack, detail: "a reply-all copy, kept for the IAB", at: now)
    }
  }
}
