import Foundation
import Liaison
import MIME
import Routing
import Store

/// The IETF's own statements (SPEC.md, "What goes out"; seed 004 section 4).
///
/// A submission is a mail to `LOCAL+new@DOMAIN` from an authenticated role holder: its
/// problems go back to the submitter in one reply; a valid one becomes a `pending`
/// outgoing statement (private), approved exactly as a response is (`CommandGate`, the
/// approve address bound to its content), then sent to its Send To with the copies seed
/// 004 section 2.1 asks for, and public from then on. A stranger's or role-less sender's
/// submission is refused like any command: kept for the IAB, nothing sent.
extension LiaisonProcess {
  /// The recorded files of `record`, byte for byte, to travel as attachments (an approved
  /// response's, an outgoing statement's).
  func attachmentFiles(of record: StatementRecord) throws(WorkflowError)
    -> [PlannedMail.Attachment]
  {
    var files: [PlannedMail.Attachment] = []
    for info in record.statement.attachments {
      let data = try storeStep("read the attachment \(info.filename)", id: record.id) {
        () throws(StoreError) in try store.attachment(sha256: info.sha256)
      }
      guard let data else {
        throw .store(
          step: "read the attachment \(info.filename)", id: record.id,
          reason: "its file \(info.sha256) is missing")
      }
      files.append(
        PlannedMail.Attachment(filename: info.filename, contentType: info.contentType, data: data))
    }
    return files
  }

  // MARK: Submission

  /// Whether the mail went to the submission address (and to no command address).
  func isSubmission(_ record: StatementRecord) throws(WorkflowError) -> Bool {
    let recipients = try receivedHeaders(of: record.id).recipients
    return gate.commandAddress(among: recipients) == nil
      && recipients.contains(where: configuration.isSubmissionAddress)
  }

  func handleSubmission(_ mail: StatementRecord, now: Date) throws(WorkflowError)
    -> [PlannedMail]
  {
    // Handled before (a crash after the decision): nothing is decided twice.
    let receipt: Set<EventKind> = [.received, .duplicate]
    guard mail.events.allSatisfy({ receipt.contains($0.kind) }) else { return [] }
    let headers = try receivedHeaders(of: mail.id)
    guard configuration.commandTokens != nil else {
      try refuse(mail, reason: "submissions by mail are off (no token key)", now: now)
      return []
    }
    guard let from = headers.from, mail.statement.authentication?.isAuthenticated == true else {
      try refuse(
        mail, reason: "submission from \(headers.from ?? "an unknown sender"), not authenticated",
        now: now)
      return []
    }
    guard !roles.roles(of: from).isEmpty else {
      try refuse(mail, reason: "submission from \(from), who holds no role", now: now)
      return []
    }
    let submission = try submission(of: mail)
    let validator = SubmissionValidator(
      router: router, maximumAttachmentBytes: configuration.maximumAttachmentBytes)
    switch validator.check(submission, submitter: from, today: CalendarDay.string(from: now)) {
    case .invalid(let problems):
      let sent = try enqueue(
        [composer.submissionProblems(mail, submitter: from, problems: problems)], now: now)
      try storeStep("close the refused submission", id: mail.id) { () throws(StoreError) in
        try store.setState(
          id: mail.id, state: .closed,
          detail: "submission not accepted: " + problems.map(\.description).joined(separator: "; "),
          at: now)
      }
      return sent
    case .valid(let plan):
      let replyTo = plan.liaisonManagers.first ?? configuration.gatewayAddress
      var statement = ExtractedStatement(
        kind: .statement, title: submission.title, from: [plan.groupName], fromContacts: [from],
        sendReplyTo: replyTo, to: [plan.bodyName], toContacts: plan.sendTo,
        sendTo: plan.sendTo.first, cc: plan.copies, purpose: submission.purpose,
        deadline: submission.deadline, inResponseTo: submission.inResponseTo,
        attachments: submission.attachments,
        route: RouteDecision(
          groups: [plan.group.acronym], recipients: [], misdirected: false,
          reason: "outgoing statement of \(plan.group.acronym) to \(plan.bodyName)"),
        body: composer.outgoingText(plan, replyTo: replyTo),
        authentication: mail.statement.authentication, direction: .outgoing)
      statement.sources = [:]
      let id = try storeStep("record the outgoing statement", id: mail.id) {
        () throws(StoreError) in
        try store.recordOutgoing(
          statement, state: .pending, event: .submitted, detail: "by \(from) as \(mail.id)",
          submission: mail.id, at: now)
      }
      let record = try load(id)
      if plan.approvers.addresses.contains(from) {
        try storeStep("record the approval on submission", id: id) { () throws(StoreError) in
          try store.appendEvent(
            id: id, kind: .approved, detail: "approved on submission by \(from)", at: now)
        }
        return try sendOutgoing(record, approvedBy: [from], now: now)
      }
      guard let tokens = configuration.commandTokens else { return [] }
      let approveAddress = tokens.approveAddress(
        draft: id, contentHash: Self.contentHash(of: record), on: configuration.gatewayAddress)
      let request = composer.outgoingApprovalRequest(
        record, submitter: from, approvers: plan.approvers.addresses,
        copied: plan.approvers.copied, approveAddress: approveAddress)
      let sent = try enqueue([request], now: now)
      try noteSent(sent, record: record, now: now)
      return sent
    }
  }

  /// The submission as its submitter wrote it: the mail's own text (never an attached
  /// document's, which the extractor may prefer) and its recorded attachments.
  func submission(of mail: StatementRecord) throws(WorkflowError) -> OutgoingSubmission {
    let raw = try storeStep("read the submission", id: mail.id) { () throws(StoreError) in
      try store.rawMessage(id: mail.id)
    }
    let text =
      raw.flatMap { try? MIMEParser().parse($0) }.flatMap { BodyTextSelector.bestText(of: $0.root) }
      ?? mail.statement.body ?? ""
    return SubmissionParser.parse(text, attachments: mail.statement.attachments)
  }

  // MARK: Approval

  /// What the gate needs to know about a pending outgoing statement's approve address.
  func outgoingTarget(_ record: StatementRecord) throws(WorkflowError)
    -> (record: StatementRecord, gate: CommandGate.Target)?
  {
    guard record.state == .pending, let group = record.statement.route.groups.first,
      let approvers = roles.approvers(for: group)
    else { return nil }
    let commenters =
      record.statement.fromContacts + roles.addresses(holding: .chair, for: group)
      + roles.addresses(holding: .ad, for: group)
    return (
      record,
      .draft(
        contentHash: Self.contentHash(of: record), approvers: approvers.addresses,
        commenters: commenters)
    )
  }

  /// APPROVE, REJECT or a comment on a pending outgoing statement.
  func outgoingCommand(
    _ action: CommandGate.Action, on record: StatementRecord, by from: String,
    command: StatementRecord, now: Date
  ) throws(WorkflowError) -> [PlannedMail] {
    let submitter = record.statement.fromContacts.first
    switch action {
    case .approve:
      try storeStep("record the approval", id: record.id) { () throws(StoreError) in
        try store.appendEvent(
          id: record.id, kind: .approved, detail: "approved by \(from) (\(command.id))", at: now)
        try store.setState(
          id: command.id, state: .closed, detail: "APPROVE of \(record.id)", at: now)
      }
      return try sendOutgoing(record, approvedBy: [from], now: now)
    case .reject(let reason):
      let why = reason ?? "no reason given"
      let planned = submitter.map {
        [
          composer.toSubmitter(
            record, submitter: $0, what: "was rejected by \(from)", text: "Reason: \(why)",
            key: "reject")
        ]
      }
      let sent = try enqueue(planned ?? [], now: now)
      try storeStep("record the rejection", id: record.id) { () throws(StoreError) in
        try store.setState(id: record.id, state: .rejected, detail: "by \(from): \(why)", at: now)
        try store.setState(
          id: command.id, state: .closed, detail: "REJECT of \(record.id)", at: now)
      }
      return sent
    case .comment:
      return try comment(on: record, by: from, command: command, submitter: submitter, now: now)
    default:
      try refuse(
        command, reason: "\(record.id) is an outgoing statement awaiting approval", now: now)
      return []
    }
  }

  /// The approved statement, out to its Send To with the copies; public from now on.
  func sendOutgoing(_ record: StatementRecord, approvedBy: [String], now: Date)
    throws(WorkflowError) -> [PlannedMail]
  {
    let to = Set(record.statement.toContacts.map { $0.lowercased() })
    var cc = record.statement.cc + approvedBy
    if let archive = configuration.statementsArchive { cc.append(archive) }
    cc = Self.unique(cc).filter { !to.contains($0) }
    // An answer to an earlier statement (by its id) is threaded to the mail it answers.
    let answered = record.statement.inResponseTo.flatMap { reference in
      ProcessConfiguration.isStatementID(reference.uppercased())
        ? try? store.statement(id: reference.uppercased()) : nil
    }
    let messageID = "<\(record.id.lowercased()).statement@\(configuration.gatewayDomain)>"
    let mail = composer.outgoingStatement(
      record, cc: cc, messageID: messageID, inReplyTo: answered?.statement.messageID,
      attachments: try attachmentFiles(of: record))
    let sent = try enqueue([mail], now: now)
    try storeStep("record the sending", id: record.id) { () throws(StoreError) in
      if let mail = sent.first {
        try store.markSent(
          id: record.id, messageID: messageID,
          detail:
            "to \(mail.to.joined(separator: ", ")); copied to \(mail.cc.joined(separator: ", "))",
          at: now)
        if let answered, answered.id != record.id {
          try store.linkResponse(responseID: record.id, toOriginal: answered.id, at: now)
          // Linking made the statement an answer; it stays what it is: sent.
          try store.setState(id: record.id, state: .sent, detail: "answers \(answered.id)", at: now)
        }
      } else {
        try store.setState(
          id: record.id, state: .approved,
          detail: "approved, but no recipient could be mailed (see /iab)", at: now)
      }
    }
    return sent
  }

  /// Outgoing statements not approved within `approval.expire_after` lapse; their
  /// submitters are told.
  @discardableResult
  public func lapseOutgoing(now: Date) throws(WorkflowError) -> [PlannedMail] {
    var sent: [PlannedMail] = []
    let pending = try all(StatementFilter(state: .pending, direction: .outgoing))
    for record in pending {
      let since = ISO8601DateFormatter().date(from: record.receivedAt) ?? now
      guard now.timeIntervalSince(since) >= configuration.approvalExpiry else { continue }
      let planned = record.statement.fromContacts.first.map {
        [
          composer.toSubmitter(
            record, submitter: $0, what: "lapsed without approval",
            text: "Nothing was sent. Submit it again to ask for approval anew.", key: "lapse")
        ]
      }
      sent += try enqueue(planned ?? [], now: now)
      try storeStep("lapse the outgoing statement", id: record.id) { () throws(StoreError) in
        try store.setState(id: record.id, state: .lapsed, detail: "not approved in time", at: now)
      }
    }
    return sent
  }

  /// A sent statement whose own deadline passed with no answer linked: one note to the IETF
  /// side's Send Reply To (the liaison manager, else the IAB contact). The other body is
  /// never reminded.
  @discardableResult
  public func outgoingDeadlineNotes(now: Date) throws(WorkflowError) -> [PlannedMail] {
    let today = CalendarDay.string(from: now)
    var sent: [PlannedMail] = []
    let waiting = try all(
      StatementFilter(state: .sent, deadlineBefore: today, direction: .outgoing))
    for record in waiting {
      guard let deadline = record.statement.deadline else { continue }
      // Imported history is record, not process: its deadlines passed before liaisond.
      guard !record.events.contains(where: { $0.kind == .imported }) else { continue }
      let manager = record.statement.sendReplyTo.flatMap {
        configuration.isGateway($0) ? nil : $0
      }
      let mail = composer.outgoingDeadlinePassed(
        record, deadline: deadline, to: manager ?? configuration.iabContact)
      let queued = try enqueue([mail], now: now)
      for mail in queued {
        try storeStep("note the deadline note", id: record.id) { () throws(StoreError) in
          try store.appendEvent(
            id: record.id, kind: .reminded,
            detail:
              "deadline \(deadline) passed unanswered; told \(mail.to.joined(separator: ", "))",
            at: now)
        }
      }
      sent += queued
    }
    return sent
  }

  // MARK: Traffic about outgoing statements

  /// A statement the IETF sent elsewhere, copied to the central address, or the other
  /// body's answer to one of ours. Returns the mails for a copy (which is not handled as
  /// an incoming statement: no notification, never an acknowledgement); nil when the
  /// statement goes on as an incoming one (an answer goes on, linked).
  func handleOutgoingTraffic(_ record: StatementRecord, now: Date) throws(WorkflowError)
    -> [PlannedMail]?
  {
    guard record.statement.direction == .incoming else { return [] }
    let handled = record.events.contains {
      [.routed, .rerouted, .sentOutsideTheTool, .copyOfOutgoing].contains($0.kind)
    }
    if handled { return nil }
    // A statement liaisond sent, coming back with its Message-ID (the other body's list
    // passing it on, say): a copy of ours, whoever passed it on. A Message-ID can be
    // forged, but taking a mail for our copy only keeps it private and quiet; only an
    // authenticated sender's copy is noted on our public statement.
    if let messageID = record.statement.messageID,
      let ours = try storeStep(
        "look up liaisond's own statement", id: record.id,
        { () throws(StoreError) in
          try store.ownMail(
            amongMessageIDs: [messageID], kinds: [MailKind.outgoingStatement.rawValue])
        })?.statementID, ours != record.id
    {
      try noteCopy(
        record, of: ours, detail: "a copy of \(ours), which liaisond sent (its Message-ID)",
        onOurs: record.statement.authentication?.isAuthenticated == true, now: now)
      return []
    }
    let headers = try receivedHeaders(of: record.id)
    let rule = OutgoingCopyRule(roles: roles, gateways: configuration.gatewayAddresses)
    if let from = headers.from,
      let outside = rule.outsideRecipient(
        from: from, authenticated: record.statement.authentication?.isAuthenticated == true,
        to: headers.to)
    {
      return try recordCopy(record, from: from, to: outside, now: now)
    }
    // An answer from the other body goes on as an incoming statement; handleStatement
    // links it (`linkToAnsweredIETFRecord`, outgoing statements among `ietfSentKinds`).
    return nil
  }

  /// `record` is a copy of `ours`, a statement liaisond sent: kept private, as a copy, and
  /// noted in ours's history when `onOurs`.
  func noteCopy(
    _ record: StatementRecord, of ours: String, detail: String, onOurs: Bool = true, now: Date
  ) throws(WorkflowError) {
    try storeStep("note the copy", id: record.id) { () throws(StoreError) in
      try store.setDirection(
        id: record.id, direction: .outgoing, state: .closed, event: .copyOfOutgoing,
        detail: detail, at: now)
      guard onOurs else { return }
      try store.appendEvent(
        id: ours, kind: .duplicate, detail: "copied to the central address as \(record.id)",
        at: now)
    }
  }

  /// A copy of an outgoing statement: linked to ours when liaisond sent it (kept private,
  /// as a copy), else recorded as sent outside the tool (public, as any sent statement)
  /// and told to the IAB.
  func recordCopy(_ record: StatementRecord, from: String, to outside: String, now: Date)
    throws(WorkflowError) -> [PlannedMail]
  {
    let ours = try all(StatementFilter(direction: .outgoing)).first { candidate in
      candidate.id != record.id
        && [StatementState.sent, .answered].contains(candidate.state)
        && Self.sameTitle(candidate.statement.title, record.statement.title)
    }
    if let ours {
      try noteCopy(
        record, of: ours.id,
        detail: "a copy of \(ours.id), which liaisond sent; sent by \(from) to \(outside)",
        now: now)
      return []
    }
    try storeStep("record the statement sent outside the tool", id: record.id) {
      () throws(StoreError) in
      try store.setDirection(
        id: record.id, direction: .outgoing, state: .sent, event: .sentOutsideTheTool,
        detail: "by \(from) to \(outside); copied to the central address",
        at: now)
    }
    let updated = try load(record.id)
    return try enqueue([composer.sentOutsideTheTool(updated, sender: from)], now: now)
  }

  static func sameTitle(_ a: String?, _ b: String?) -> Bool {
    func fold(_ text: String?) -> String {
      (text ?? "").lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber })
        .filter { !["re", "fw", "fwd", "liaison", "statement"].contains($0) }.joined(separator: " ")
    }
    let left = fold(a)
    return !left.isEmpty && left == fold(b)
  }
}
