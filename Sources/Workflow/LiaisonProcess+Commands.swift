import Foundation
import Liaison
import Logging
import MIME
import Routing
import Store

/// Mail to the gateway's plus-addresses: responses and commands (SPEC.md, "Commands by
/// mail"). `CommandGate` decides; a refused mail changes nothing, sends nothing, and is
/// kept with a `command_refused` event for the IAB to look at.
extension LiaisonProcess {
  /// The header facts of a received mail the gate relies on that the record does not keep,
  /// read from the mail as it came: the statement's own text may overrule its From-Contact,
  /// never its From header, and the command address is only ever among the recipients.
  /// Whether the MTA vouched for the sender is the record's (`authentication`).
  struct ReceivedHeaders {
    var from: String?
    /// To, Cc and Delivered-To.
    var recipients: [String]
    /// To alone: whom the mail was addressed to, as it came (its text may name others).
    var to: [String] = []
    /// The References field's Message-IDs (the record keeps In-Reply-To only).
    var references: [String] = []
  }

  func receivedHeaders(of id: String) throws(WorkflowError) -> ReceivedHeaders {
    let raw = try storeStep("read the raw message", id: id) { () throws(StoreError) in
      try store.rawMessage(id: id)
    }
    guard let raw, let header = try? MIMEParser().parseHeader(raw) else {
      return ReceivedHeaders(from: nil, recipients: [])
    }
    func addresses(_ name: String) -> [String] {
      header.all(name).flatMap { MIMEHeader(fields: [$0]).addresses(name).map(\.address) }
        .map { $0.lowercased() }
    }
    let to = addresses("to")
    return ReceivedHeaders(
      from: addresses("from").first,
      recipients: to + addresses("cc") + addresses("delivered-to"), to: to,
      references: header.references)
  }

  /// The mail's From address when the receiving MTA vouched for it, by the verdict the
  /// record keeps (`FieldStep.authentication`, under `trust.authserv_id`); nil otherwise,
  /// and for a record made before the verdict was kept.
  func authenticatedSender(of record: StatementRecord) throws(WorkflowError) -> String? {
    guard record.statement.authentication?.isAuthenticated == true else { return nil }
    return try receivedHeaders(of: record.id).from
  }

  func handleReply(_ mail: StatementRecord, now: Date) throws(WorkflowError) -> [PlannedMail] {
    // Handled before (a crash after the decision): anything beyond its receipt in the
    // history means the decision was taken, and nothing is decided twice.
    let receipt: Set<EventKind> = [.received, .duplicate]
    guard mail.events.allSatisfy({ receipt.contains($0.kind) }) else { return [] }
    let headers = try receivedHeaders(of: mail.id)
    let address = gate.commandAddress(among: headers.recipients)
    // Not to any plus-address (no command attempt), but an answer to liaisond's own mail: a
    // reply-all copy, kept for the IAB and noted on the statement.
    if address == nil,
      !headers.recipients.contains(where: { $0.contains("+") && configuration.isGateway($0) }),
      let about = try ownMailAnswered(by: mail.statement, references: headers.references)?
        .statementID
    {
      try holdBack(mail, about: about, now: now)
      return []
    }
    let target = try address.flatMap { address throws(WorkflowError) in try resolve(address) }
    let sender = CommandGate.Sender(
      address: headers.from, authentication: mail.statement.authentication)
    let decision = gate.decide(
      sender: sender, address: address, text: mail.statement.body, target: target?.gate)
    guard case .allow(let action) = decision, let target, let from = sender.address else {
      var reason = "refused"
      if case .deny(let why) = decision { reason = why }
      try refuse(mail, reason: reason, now: now)
      return []
    }
    if target.record.statement.direction == .outgoing {
      return try outgoingCommand(action, on: target.record, by: from, command: mail, now: now)
    }
    switch action {
    case .draftResponse:
      return try submit(draft: mail, original: target.record, by: from, now: now)
    case .approve:
      return try approve(draft: target.record, by: from, command: mail, now: now)
    case .reject(let reason):
      return try reject(draft: target.record, by: from, reason: reason, command: mail, now: now)
    case .comment:
      return try comment(
        on: target.record, by: from, command: mail,
        submitter: try receivedHeaders(of: target.record.id).from, now: now)
    case .actionTaken, .noResponseNeeded:
      let what = action == .actionTaken ? "ACTION TAKEN" : "NO RESPONSE NEEDED"
      try storeStep("record \(what)", id: target.record.id) { () throws(StoreError) in
        try store.appendEvent(
          id: target.record.id, kind: .actionTaken, detail: "\(what) from \(from) (\(mail.id))",
          at: now)
        try store.setState(
          id: target.record.id, state: .closed, detail: "\(what) from \(from)", at: now)
        try store.setState(
          id: mail.id, state: .closed, detail: "\(what) for \(target.record.id)", at: now)
      }
      return []
    case .deadline(let day):
      try storeStep("change the deadline", id: target.record.id) { () throws(StoreError) in
        try store.setDeadline(
          id: target.record.id, deadline: day, event: .deadlineChanged,
          detail:
            "\(target.record.statement.deadline ?? "none") -> \(day) by \(from) (\(mail.id))",
          at: now)
        try store.setState(
          id: mail.id, state: .closed, detail: "DEADLINE for \(target.record.id)", at: now)
      }
      return []
    case .route(let groups):
      try reroute(id: target.record.id, to: groups, note: "ROUTE by \(from)", now: now)
      try storeStep("close the ROUTE command", id: mail.id) { () throws(StoreError) in
        try store.setState(
          id: mail.id, state: .closed, detail: "ROUTE for \(target.record.id)", at: now)
      }
      return []
    }
  }

  /// A refused mail: kept, marked for the IAB, and nothing else.
  func refuse(_ mail: StatementRecord, reason: String, now: Date) throws(WorkflowError) {
    logger.notice(
      "workflow.command_refused", metadata: ["liaison.id": "\(mail.id)", "reason": "\(reason)"])
    try storeStep("record the refusal", id: mail.id) { () throws(StoreError) in
      try store.appendEvent(id: mail.id, kind: .commandRefused, detail: reason, at: now)
      try store.setState(id: mail.id, state: .unrouted, detail: "command refused", at: now)
    }
  }

  /// The record a command address names and what the gate needs to know about it.
  func resolve(_ address: CommandAddress) throws(WorkflowError)
    -> (record: StatementRecord, gate: CommandGate.Target)?
  {
    let id = address.id.uppercased()
    guard let record = try? load(id) else { return nil }
    switch address.purpose {
    case .respond:
      guard record.statement.kind == .statement else { return nil }
      return (
        record,
        .statement(groups: record.statement.route.groups, liaisonManagers: managers(of: record))
      )
    case .approve:
      if record.statement.direction == .outgoing { return try outgoingTarget(record) }
      guard record.state == .awaitingApproval, let original = try original(ofDraft: record)
      else { return nil }
      let approvers = approvers(of: original).addresses
      let submitter = try receivedHeaders(of: record.id).from
      let commenters =
        gate.responders(groups: original.statement.route.groups, managers: managers(of: original))
        + [submitter].compactMap { $0 }
      return (
        record,
        .draft(
          contentHash: Self.contentHash(of: record), approvers: approvers, commenters: commenters)
      )
    }
  }

  /// The statement a draft answers: the respond address it was sent to.
  func original(ofDraft draft: StatementRecord) throws(WorkflowError) -> StatementRecord? {
    if let answers = draft.answers { return try? load(answers) }
    let headers = try receivedHeaders(of: draft.id)
    guard let address = gate.commandAddress(among: headers.recipients),
      address.purpose == .respond
    else { return nil }
    return try? load(address.id.uppercased())
  }

  /// The IETF liaison managers for the body that sent `record`.
  func managers(of record: StatementRecord) -> [String] {
    guard let body = router.sendingBody(of: record.statement) else { return [] }
    return roles.addresses(holding: .liaisonManager, for: body.acronym)
  }

  /// Who approves a response for the groups `original` was routed to (seed 004 4.1).
  func approvers(of original: StatementRecord) -> Approvers {
    var all = Approvers(roles: [], addresses: [])
    for group in original.statement.route.groups {
      guard let found = roles.approvers(for: group) else { continue }
      all.roles += found.roles.filter { !all.roles.contains($0) }
      all.addresses += found.addresses.filter { !all.addresses.contains($0) }
      all.copied += found.copied.filter { !all.copied.contains($0) }
    }
    return all
  }

  /// The draft's exact content: its text and its attachments. An approve token is bound to
  /// it, so an approval of other content never approves this one.
  static func contentHash(of draft: StatementRecord) -> String {
    var content = Array((draft.statement.body ?? "").utf8) + [0]
    for attachment in draft.statement.attachments {
      content += Array(attachment.sha256.utf8) + [0]
    }
    return SHA256Hex.of(content)
  }

  // MARK: Drafts and approval

  func submit(draft: StatementRecord, original: StatementRecord, by from: String, now: Date)
    throws(WorkflowError) -> [PlannedMail]
  {
    let approvers = approvers(of: original)
    guard let destination = replies.destination(of: original.statement) else {
      try refuse(draft, reason: "\(original.id) has no Send Reply To and no From-Contact", now: now)
      return []
    }
    if approvers.addresses.contains(from) {
      try supersedePending(by: draft, original: original, submitter: from, now: now)
      try storeStep("record the approval on submission", id: draft.id) { () throws(StoreError) in
        try store.appendEvent(
          id: draft.id, kind: .approved, detail: "approved on submission by \(from)", at: now)
      }
      return try send(
        draft: draft, original: original, approvedBy: [from], to: destination, now: now)
    }
    guard !approvers.addresses.isEmpty, let tokens = configuration.commandTokens else {
      try refuse(draft, reason: "nobody can approve a response for \(original.id)", now: now)
      return []
    }
    let superseded = try supersedePending(
      by: draft, original: original, submitter: from, now: now)
    let approveAddress = tokens.approveAddress(
      draft: draft.id, contentHash: Self.contentHash(of: draft), on: configuration.gatewayAddress)
    let request = composer.approvalRequest(
      draft: draft, original: original, approvers: approvers.addresses, copied: approvers.copied,
      destination: destination, approveAddress: approveAddress, replaces: superseded)
    let sent = try enqueue([request], now: now)
    try storeStep("hold the draft for approval", id: draft.id) { () throws(StoreError) in
      try store.setState(
        id: draft.id, state: .awaitingApproval,
        detail:
          "answers \(original.id); waits for \(approvers.addresses.joined(separator: ", "))",
        at: now)
      try store.appendEvent(
        id: original.id, kind: .replyPending, detail: "response \(draft.id) waits for approval",
        at: now)
    }
    try noteSent(sent, record: draft, now: now)
    return sent
  }

  /// A newer draft from the same submitter for the same statement replaces the pending
  /// ones: each is closed as superseded (audited), so that its approve address, bound to
  /// it and its content, approves nothing any more; the approvers are asked about the new
  /// draft only. Returns the drafts superseded, oldest first.
  @discardableResult
  func supersedePending(
    by draft: StatementRecord, original: StatementRecord, submitter: String, now: Date
  ) throws(WorkflowError) -> [StatementRecord] {
    let pending = try all(StatementFilter(state: .awaitingApproval, kind: .replyToStatement))
    var superseded: [StatementRecord] = []
    for older in pending where older.id != draft.id {
      guard try self.original(ofDraft: older)?.id == original.id,
        try receivedHeaders(of: older.id).from == submitter
      else { continue }
      try storeStep("supersede the draft", id: older.id) { () throws(StoreError) in
        try store.appendEvent(
          id: older.id, kind: .superseded,
          detail: "by \(draft.id), sent by \(submitter) for \(original.id)", at: now)
        try store.setState(id: older.id, state: .closed, detail: "superseded", at: now)
      }
      superseded.append(older)
    }
    return superseded.sorted { $0.receivedAt < $1.receivedAt }
  }

  func approve(draft: StatementRecord, by from: String, command: StatementRecord, now: Date)
    throws(WorkflowError) -> [PlannedMail]
  {
    guard let original = try original(ofDraft: draft),
      let destination = replies.destination(of: original.statement)
    else {
      try refuse(command, reason: "the statement \(draft.id) answers is gone", now: now)
      return []
    }
    try storeStep("record the approval", id: draft.id) { () throws(StoreError) in
      try store.appendEvent(
        id: draft.id, kind: .approved, detail: "approved by \(from) (\(command.id))", at: now)
      try store.setState(
        id: command.id, state: .closed, detail: "APPROVE of \(draft.id)", at: now)
    }
    return try send(
      draft: draft, original: original, approvedBy: [from], to: destination, now: now)
  }

  func reject(
    draft: StatementRecord, by from: String, reason: String?, command: StatementRecord, now: Date
  ) throws(WorkflowError) -> [PlannedMail] {
    let why = reason ?? "no reason given"
    var planned: [PlannedMail] = []
    if let submitter = try receivedHeaders(of: draft.id).from {
      planned.append(
        composer.toSubmitter(
          draft, submitter: submitter, what: "was rejected by \(from)",
          text: "Reason: \(why)", key: "reject"))
    }
    let sent = try enqueue(planned, now: now)
    try storeStep("record the rejection", id: draft.id) { () throws(StoreError) in
      try store.appendEvent(id: draft.id, kind: .rejected, detail: "by \(from): \(why)", at: now)
      try store.setState(id: draft.id, state: .closed, detail: "rejected", at: now)
      try store.setState(id: command.id, state: .closed, detail: "REJECT of \(draft.id)", at: now)
    }
    return sent
  }

  /// Anything but APPROVE or REJECT to an approve address, on a draft response or a
  /// pending outgoing statement: forwarded to its submitter (unless the submitter wrote it).
  func comment(
    on record: StatementRecord, by from: String, command: StatementRecord, submitter: String?,
    now: Date
  ) throws(WorkflowError) -> [PlannedMail] {
    var planned: [PlannedMail] = []
    if let submitter, submitter != from {
      planned.append(
        composer.toSubmitter(
          record, submitter: submitter, what: "has a comment from \(from)",
          text: NotificationComposer.withoutQuotedHistory(command.statement.body ?? ""),
          key: "comment-\(command.id)"))
    }
    let sent = try enqueue(planned, now: now)
    try storeStep("record the comment", id: record.id) { () throws(StoreError) in
      try store.appendEvent(
        id: record.id, kind: .commented, detail: "from \(from) (\(command.id))", at: now)
      try store.setState(
        id: command.id, state: .closed, detail: "comment on \(record.id)", at: now)
    }
    return sent
  }

  /// The approved response, out to the original's Send Reply To only; the original is
  /// answered and its reminders stop.
  func send(
    draft: StatementRecord, original: StatementRecord, approvedBy: [String], to destination: String,
    now: Date
  ) throws(WorkflowError) -> [PlannedMail] {
    let managers = managers(of: original)
    var chairs: [String] = []
    for group in original.statement.route.groups {
      chairs += roles.addresses(holding: .chair, for: group)
    }
    let cc = managers + approvedBy + approvers(of: original).copied + chairs
    let replyTo = managers.first ?? configuration.gatewayAddress
    let mail = composer.response(
      draft: draft, original: original, to: destination, cc: cc.filter { $0 != destination },
      replyTo: replyTo, attachments: try attachmentFiles(of: draft))
    let sent = try enqueue([mail], now: now)
    try storeStep("record the response", id: draft.id) { () throws(StoreError) in
      try store.linkResponse(responseID: draft.id, toOriginal: original.id, at: now)
      if try store.statement(id: draft.id)?.state != .closed {
        try store.setState(
          id: draft.id, state: .closed,
          detail: "sent to \(destination) as the response to \(original.id)", at: now)
      }
    }
    try noteSent(sent, record: draft, now: now)
    return sent
  }

  /// Drafts not approved within `approval.expire_after` lapse; their submitters are told.
  @discardableResult
  public func lapseDrafts(now: Date) throws(WorkflowError) -> [PlannedMail] {
    var sent: [PlannedMail] = []
    let pending = try all(StatementFilter(state: .awaitingApproval, kind: .replyToStatement))
    for draft in pending {
      let iso = ISO8601DateFormatter()
      let since =
        draft.events.last { $0.kind == .awaitingApproval }.flatMap { iso.date(from: $0.at) }
        ?? iso.date(from: draft.receivedAt) ?? now
      guard now.timeIntervalSince(since) >= configuration.approvalExpiry else { continue }
      var planned: [PlannedMail] = []
      if let submitter = try receivedHeaders(of: draft.id).from {
        planned.append(
          composer.toSubmitter(
            draft, submitter: submitter, what: "lapsed without approval",
            text: "Nothing was sent. Submit it again to ask for approval anew.", key: "lapse"))
      }
      sent += try enqueue(planned, now: now)
      try storeStep("lapse the draft", id: draft.id) { () throws(StoreError) in
        try store.appendEvent(
          id: draft.id, kind: .lapsed, detail: "not approved in time", at: now)
        try store.setState(id: draft.id, state: .closed, detail: "lapsed", at: now)
      }
    }
    return sent
  }
}
