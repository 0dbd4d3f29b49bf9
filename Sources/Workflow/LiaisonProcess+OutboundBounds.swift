import Foundation
import Liaison
import Logging
import Routing
import Store

/// The outbound bounds at the one place mail is queued (`enqueue`): each recipient of a
/// planned mail is sent to, held or refused by `OutboundPolicy`; held and refused
/// recipients are kept in the outbox as their own entries for `/iab`.
extension LiaisonProcess {
  /// What the bounds read of one statement (its record, contacts and sender), kept for the
  /// other mails of the same `enqueue`: a statement's mails (notification, acknowledgement,
  /// one per list) each read it and its raw mail again, and nothing in between writes it.
  struct OutboundSubjects {
    fileprivate var read: [String: Subject] = [:]

    fileprivate struct Subject {
      var record: StatementRecord
      var contacts: Set<String>
      var senderAddresses: [String]
    }
  }

  /// The mail with only the recipients it may go to, or nil when none is left.
  func withinOutboundBounds(_ mail: PlannedMail) throws(WorkflowError) -> PlannedMail? {
    var subjects = OutboundSubjects()
    return try withinOutboundBounds(mail, subjects: &subjects)
  }

  /// `withinOutboundBounds`, reading each statement once for all the mails of one call.
  func withinOutboundBounds(_ mail: PlannedMail, subjects: inout OutboundSubjects)
    throws(WorkflowError) -> PlannedMail?
  {
    // A key already in the outbox was decided when it was queued (this is a replay after a
    // crash): deciding again would count the mail against its own cap.
    let decided = try boundsStep("look up \(mail.dedupeKey)", id: mail.statementID) {
      () throws(StoreError) in try store.outboxContains(dedupeKey: mail.dedupeKey)
    }
    if decided { return mail }
    let policy = outbound
    let context = try outboundContext(of: mail, subjects: &subjects)
    let now = clock.now()
    var allowed = mail
    allowed.to = []
    allowed.cc = []
    for (address, isTo) in mail.to.map({ ($0, true) }) + mail.cc.map({ ($0, false) }) {
      // The gateway's own addresses pass here and are dropped where the mail is composed.
      let decision: OutboundPolicy.Decision =
        configuration.isGateway(address)
        ? .send
        : policy.decide(address, context: context) { address in
          // An unreadable count holds the mail rather than letting it past the cap.
          (try? store.mailCount(to: address, onUTCDayOf: now)) ?? Int.max
        }
      switch decision {
      case .send:
        if isTo { allowed.to.append(address) } else { allowed.cc.append(address) }
      case .hold(let reason):
        try withhold(mail, to: address, status: .held, reason: reason, now: now)
      case .refuse(let reason):
        try withhold(mail, to: address, status: .refused, reason: reason, now: now)
      }
    }
    return allowed.to.isEmpty && allowed.cc.isEmpty ? nil : allowed
  }

  /// The recorded contacts and sender of the statement the mail is about, and of the
  /// statement that one answers (a relayed response goes to its original's Send Reply To).
  private func outboundContext(of mail: PlannedMail, subjects: inout OutboundSubjects)
    throws(WorkflowError) -> OutboundPolicy.Context
  {
    guard let id = mail.statementID else { return OutboundPolicy.Context(kind: mail.kind) }
    let subject: OutboundSubjects.Subject
    if let known = subjects.read[id] {
      subject = known
    } else if let read = try outboundSubject(id) {
      subject = read
      subjects.read[id] = read
    } else {
      return OutboundPolicy.Context(kind: mail.kind)
    }
    let record = subject.record
    var forwardedOriginal: String?
    if mail.kind == .acknowledgement, record.statement.forwarded != nil,
      case .success(let original) = acknowledgements.forwardedRecipient(
        record.statement, authenticatedFrom: try authenticatedSender(of: record))
    {
      forwardedOriginal = original
    }
    return OutboundPolicy.Context(
      kind: mail.kind, statementContacts: subject.contacts,
      senderAddresses: subject.senderAddresses, sender: record.statement.authentication,
      forwardedOriginal: forwardedOriginal)
  }

  private func outboundSubject(_ id: String) throws(WorkflowError) -> OutboundSubjects.Subject? {
    guard
      let record = try boundsStep(
        "read", id: id,
        { () throws(StoreError) in
          try store.statement(id: id)
        })
    else { return nil }
    var records = [record]
    if record.statement.kind == .replyToStatement, let original = try original(ofDraft: record) {
      records.append(original)
    }
    var contacts: Set<String> = []
    for statement in records.map(\.statement) {
      contacts.formUnion([statement.sendReplyTo, statement.sendTo].compactMap { $0 })
      contacts.formUnion(statement.fromContacts)
      // An outgoing statement's Send To and Cc are what its approver approved.
      if statement.direction == .outgoing {
        contacts.formUnion(statement.toContacts + statement.cc)
      }
    }
    // The From header, which the statement's text cannot overrule; the verdict on it is
    // the record's, as the command gate reads it.
    let received = try receivedHeaders(of: record.id)
    return OutboundSubjects.Subject(
      record: record, contacts: contacts,
      senderAddresses: [received.from].compactMap { $0 } + record.statement.fromContacts)
  }

  private func withhold(
    _ mail: PlannedMail, to address: String, status: OutboxStatus, reason: String, now: Date
  ) throws(WorkflowError) {
    var single = mail
    single.to = [address]
    single.cc = []
    single.dedupeKey = "\(mail.dedupeKey)#\(status.rawValue):\(address.lowercased())"
    // A refused address may be one no message can carry: keep the record without bytes.
    let rendered = (try? outboxMail(single, now: now)) ?? nil
    let outbox =
      rendered
      ?? OutboxMail(
        kind: mail.kind.rawValue, statementID: mail.statementID, messageID: "",
        envelopeFrom: configuration.gatewayAddress, recipients: [address], data: [],
        dedupeKey: single.dedupeKey, notBefore: now)
    try boundsStep("keep back the \(mail.kind) mail", id: mail.statementID) {
      () throws(StoreError) in
      _ = try store.withhold(outbox, status: status, reason: reason, subject: mail.subject, at: now)
    }
    logger.warning(
      "workflow.outbound_\(status.rawValue)",
      metadata: [
        "liaison.id": "\(mail.statementID ?? "-")", "mail.kind": "\(mail.kind)",
        "mail.to": "\(address)", "reason": "\(reason)",
      ])
  }

  private func boundsStep<T>(
    _ step: String, id: String?, _ body: () throws(StoreError) -> T
  ) throws(WorkflowError) -> T {
    do {
      return try body()
    } catch {
      throw .store(step: step, id: id, reason: "\(error)")
    }
  }
}
