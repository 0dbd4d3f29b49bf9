import Foundation
import Liaison
import Logging
import MIME
import MailTransport
import Routing
import Store

/// The liaison process after a message is recorded: routing, notifications,
/// acknowledgements, reminders, replies, re-routing and the weekly digest.
///
/// Every mail is queued in the store's durable outbox under a dedupe key (`notify:<id>`,
/// `ack:<id>`, `remind:<id>:T-7`, ...) before the record says it was sent, so that a crash
/// at any point leads to a retry that queues nothing twice; OutboxSender delivers.
/// The gateway's own addresses never receive anything.
public struct LiaisonProcess: Sendable {
  public let store: LiaisonStore
  public let router: StatementRouter
  public let configuration: ProcessConfiguration
  /// The real time of queueing (`now` arguments may be a chosen moment, as `remind --now`).
  public let clock: any WallClock
  public let logger: Logger
  let composer: NotificationComposer
  let acknowledgements: AcknowledgementPolicy
  let replies: ReplyRelay
  let roles: RoleDirectory
  let gate: CommandGate
  let schedule: ReminderSchedule
  let digest: IABDigest
  /// Built once: its set of known addresses is the whole registry's.
  let outbound: OutboundPolicy

  public init(
    store: LiaisonStore, router: StatementRouter, configuration: ProcessConfiguration,
    clock: any WallClock, logger: Logger = Logger(label: "liaisond.workflow")
  ) {
    self.store = store
    self.router = router
    self.configuration = configuration
    self.clock = clock
    self.logger = logger
    self.composer = NotificationComposer(configuration: configuration)
    let registry = router.registry
    let roles = RoleDirectory(registry: registry)
    self.roles = roles
    self.acknowledgements = AcknowledgementPolicy(
      configuration: configuration, holdsRole: { !roles.roles(of: $0).isEmpty },
      isKnownList: { registry.groupWithList($0) != nil })
    self.replies = ReplyRelay(registry: registry, configuration: configuration)
    self.gate = CommandGate(
      tokens: configuration.commandTokens, roles: roles, gateways: configuration.gatewayAddresses,
      iabContact: configuration.iabContact)
    self.schedule = ReminderSchedule(
      offsetsBefore: configuration.reminderOffsets, overdueEvery: configuration.overdueEvery,
      overdueLimit: configuration.overdueLimit)
    self.digest = IABDigest(configuration: configuration)
    self.outbound = OutboundPolicy(registry: registry, configuration: configuration)
  }

  // MARK: Receipt

  /// Moves a freshly recorded message through the process. Safe to call again for the
  /// same id (after a crash): what was done is recognised and not repeated.
  ///
  /// - Parameter routed: a statement this process's router has routed already (intake
  ///   routes it while the message before it commits); its route is taken when it is the
  ///   statement recorded as `id`, instead of routing that again.
  @discardableResult
  public func handleRecorded(id: String, now: Date, routed: ExtractedStatement? = nil)
    throws(WorkflowError) -> [PlannedMail]
  {
    let record = try load(id)
    switch record.statement.kind {
    case .statement:
      return try handleStatement(record, now: now, routed: routed)
    case .replyToStatement:
      if try isSubmission(record) { return try handleSubmission(record, now: now) }
      return try handleReply(record, now: now)
    case .autoReply, .bounce, .notLiaison:
      // RFC 3834: recorded, never answered.
      return []
    }
  }

  /// `statement`'s route: `routed`'s when `routed` is the same statement (the route a
  /// statement carries is the router's output, not its input), else the router's.
  private func route(_ statement: ExtractedStatement, routedAs routed: ExtractedStatement?)
    -> RouteDecision
  {
    if let routed {
      var same = routed
      same.route = statement.route
      if same == statement { return routed.route }
    }
    return router.route(statement)
  }

  private func handleStatement(
    _ initial: StatementRecord, now: Date, routed: ExtractedStatement? = nil
  ) throws(WorkflowError) -> [PlannedMail] {
    // Imported history is record, not process: its mail coming late (recorded as the
    // imported statement's mail) routes, notifies and acknowledges nothing.
    if initial.events.contains(where: { $0.kind == .imported }) { return [] }
    // The IETF's own statements, copied to the central address, and answers to them.
    if let handled = try handleOutgoingTraffic(initial, now: now) { return handled }
    var record = initial
    // The route is recorded after the mails are queued: once it is there, this statement
    // was handled (and perhaps re-routed since), and a second pass must queue nothing.
    if record.events.contains(where: { [.routed, .rerouted].contains($0.kind) }) { return [] }
    try linkToAnsweredIETFRecord(record, now: now)
    record.statement.route = route(record.statement, routedAs: routed)
    var planned: [PlannedMail] = []
    let route = record.statement.route
    if route.misdirected || route.groups.isEmpty {
      planned.append(composer.triage(record, to: route.recipients))
    } else {
      planned.append(composer.notification(record))
    }
    if record.statement.purpose == .information {
      let decision = acknowledgements.decide(
        record.statement, authenticatedFrom: try authenticatedSender(of: record)
      ) { address in
        AcknowledgementPolicy.History(
          alreadyAcknowledged: record.events.contains { $0.kind == .acknowledged },
          recentToRecipient: (try? store.sentCount(
            kind: MailKind.acknowledgement.rawValue, to: address,
            since: now.addingTimeInterval(-configuration.acknowledgementWindow))) ?? Int.max)
      }
      switch decision {
      case .send(let address, let forwarder):
        planned.append(composer.acknowledgement(record, to: address, copy: forwarder))
      case .skip(let reason):
        if !record.events.contains(where: { $0.kind == .notAcknowledged }) {
          try storeStep("note the acknowledgement decision", id: record.id) {
            () throws(StoreError) in
            try store.appendEvent(id: record.id, kind: .notAcknowledged, detail: reason, at: now)
          }
        }
      case .off:
        break
      }
    }
    if let unclear = deadlineUnclearMail(record) { planned.append(unclear) }
    let sent = try enqueue(planned, now: now)
    try storeStep("record the route", id: record.id) { () throws(StoreError) in
      try store.setRoute(
        id: record.id, route: route, event: .routed, detail: route.reason, at: now)
    }
    try noteSent(sent, record: record, now: now)
    return sent
  }

  /// Outbox kinds whose mail is the IETF speaking to another body, so that another body's
  /// answer can be linked to it: a relayed response and an outgoing IETF statement (their
  /// records are found by the outbox's Message-IDs, our id, or the title the answer names).
  public static let ietfSentKinds: [String] = [
    MailKind.relay.rawValue, MailKind.outgoingStatement.rawValue,
  ]

  /// A statement from another body that answers something the IETF sent (by its
  /// references, our id, or its "Response to") is linked to it. The IETF statement is
  /// marked answered only when the answer is backed: it refers to the Message-ID of our
  /// mail (In-Reply-To / References), or its sender is authenticated for the domain of the
  /// body we wrote to. Our id or title in anyone's text is public: such an answer is
  /// linked as one that says it answers, and reminders and deadline notes go on.
  func linkToAnsweredIETFRecord(_ record: StatementRecord, now: Date) throws(WorkflowError) {
    let answered = try storeStep("find the IETF statement answered", id: record.id) {
      () throws(StoreError) in
      try store.findAnsweredIETFRecord(for: record.statement, sentKinds: Self.ietfSentKinds)
    }
    guard let answered, answered != record.id else { return }
    let backing = try answerBacking(record, answers: answered)
    try storeStep("link the response", id: record.id) { () throws(StoreError) in
      try store.linkResponse(
        responseID: record.id, toOriginal: answered, verified: backing == nil,
        reason: backing ?? "", at: now)
    }
  }

  /// Nil when the answer to `answered` is backed (see `linkToAnsweredIETFRecord`), else
  /// why it is not.
  private func answerBacking(_ record: StatementRecord, answers answered: String)
    throws(WorkflowError) -> String?
  {
    // The same linker, asked about the mail's In-Reply-To and References alone.
    let references = ExtractedStatement(
      inReplyTo: record.statement.inReplyTo + (try receivedHeaders(of: record.id).references))
    let byReference = try storeStep("check the answer's references", id: record.id) {
      () throws(StoreError) in
      try store.findAnsweredIETFRecord(for: references, sentKinds: Self.ietfSentKinds)
    }
    if byReference == answered { return nil }
    guard let verdict = record.statement.authentication, verdict.isAuthenticated,
      let domain = verdict.domain?.lowercased()
    else {
      return "it cites none of our Message-IDs and its sender is not authenticated"
    }
    let ours = try load(answered)
    var bodies = [ours.statement.sendTo].compactMap { $0 } + ours.statement.toContacts
    if ours.statement.kind == .replyToStatement, let original = try original(ofDraft: ours) {
      bodies += [original.statement.sendReplyTo].compactMap { $0 } + original.statement.fromContacts
    }
    let domains = Set(bodies.compactMap { OutboundPolicy.domain(of: $0.lowercased()) })
    let related = domains.contains {
      $0 == domain || $0.hasSuffix("." + domain) || domain.hasSuffix("." + $0)
    }
    return related
      ? nil
      : "it cites none of our Message-IDs and its sender (\(domain)) is not of the body "
        + "\(answered) was sent to"
  }

  // MARK: Reminders

  /// The reminders due at `now`, without queueing them.
  public func dueReminders(now: Date) throws(WorkflowError) -> [PlannedMail] {
    try reminderCandidates().compactMap { record -> PlannedMail? in
      schedule.due(for: record, now: now).map { composer.reminder(record, occurrence: $0) }
    }
  }

  /// Queues the reminders due at `now` (or only lists them with `dryRun`).
  @discardableResult
  public func sendReminders(now: Date, dryRun: Bool = false) throws(WorkflowError) -> [PlannedMail]
  {
    let due = try dueReminders(now: now)
    guard !dryRun else { return due }
    var sent =
      try lapseDrafts(now: now) + lapseOutgoing(now: now) + outgoingDeadlineNotes(now: now)
    for record in try reminderCandidates(includingUnclear: true) {
      guard let mail = deadlineUnclearMail(record) else { continue }
      let queued = try enqueue([mail], now: now)
      try noteSent(queued, record: record, now: now)
      sent += queued
    }
    for mail in due {
      let queued = try enqueue([mail], now: now)
      sent += queued
      if let id = mail.statementID, let label = mail.dedupeKey.split(separator: ":").last {
        try storeStep("note the reminder", id: id) { () throws(StoreError) in
          try store.appendEvent(
            id: id, kind: .reminded, detail: "\(label) to \(mail.to.joined(separator: ", "))",
            at: now)
        }
      }
    }
    return sent
  }

  /// The statements that may be remindable (`schedule.due(for:now:)` decides, by
  /// `ResponseRule`) and that have someone to remind.
  private func reminderCandidates(includingUnclear: Bool = false) throws(WorkflowError)
    -> [StatementRecord]
  {
    var candidates: [StatementRecord] = []
    for purpose in ResponseRule.purposes {
      for state in ResponseRule.waitingStates {
        candidates += try all(StatementFilter(purpose: purpose, state: state, kind: .statement))
      }
    }
    return candidates.filter {
      includingUnclear
        ? ResponseRule.hasUnclearDeadline($0) : !$0.statement.route.recipients.isEmpty
    }
  }

  /// The "deadline unclear" mail for a statement that needs a response and names no day,
  /// to the sending body's liaison manager and the IAB; nil when it was sent already.
  func deadlineUnclearMail(_ record: StatementRecord) -> PlannedMail? {
    guard ResponseRule.hasUnclearDeadline(record),
      !record.events.contains(where: { $0.kind == .deadlineUnclear })
    else { return nil }
    let manager = router.sendingBody(of: record.statement).flatMap {
      router.registry.liaisonManager(for: $0.acronym)
    }
    return composer.deadlineUnclear(
      record, to: [manager, configuration.iabContact].compactMap { $0 })
  }

  // MARK: Re-routing

  /// `liaisond route ID --to GROUP --note TEXT`: a new route, audited, and the new
  /// receivers notified.
  @discardableResult
  public func reroute(id: String, to groups: [String], note: String?, now: Date)
    throws(WorkflowError)
    -> RouteDecision
  {
    let record = try load(id)
    guard record.statement.kind == .statement else {
      throw .routing(id: id, reason: "it is a \(record.statement.kind.rawValue), not a statement")
    }
    let route: RouteDecision
    do {
      route = try router.route(record.statement, toGroups: groups, note: note)
    } catch let error as RoutingError {
      throw .routing(id: id, reason: error.description)
    } catch {
      throw .routing(id: id, reason: "\(error)")
    }
    var updated = record
    updated.statement.route = route
    let count = record.events.filter { $0.kind == .rerouted }.count + 1
    let preface =
      "Re-routed by the liaison coordination"
      + (note.map { ": " + NotificationComposer.line($0) } ?? ".")
    let mail = composer.notification(
      updated, dedupeKey: "notify:\(id):reroute-\(count)", preface: preface)
    let sent = try enqueue([mail], now: now)
    try storeStep("re-route", id: id) { () throws(StoreError) in
      try store.setRoute(id: id, route: route, event: .rerouted, detail: route.reason, at: now)
    }
    try noteSent(sent, record: updated, now: now)
    return route
  }

  // MARK: Digest

  /// Queues the digest for the week of `now` to the IAB contact; nil when nothing needs
  /// attention (or it was already queued this week).
  @discardableResult
  public func weeklyDigest(now: Date) throws(WorkflowError) -> PlannedMail? {
    // The daemon asks every reminder cycle: once this week's is queued, read nothing.
    let key = IABDigest.dedupeKey(now)
    let queued = try storeStep("look up this week's digest", id: nil) {
      () throws(StoreError) in try store.outboxContains(dedupeKey: key)
    }
    if queued { return nil }
    var records: [StatementRecord] = []
    for state in IABDigest.states {
      records += try all(StatementFilter(state: state))
    }
    var sections = digest.sections(of: records, now: now)
    let week = try storeStep("list the week's private mail", id: nil) {
      () throws(StoreError) in
      try store.privateMail(
        limit: StatementFilter.maximumLimit, offset: 0, since: now.addingTimeInterval(-7 * 86_400))
    }
    let notRouted = week.items.filter(IABDigest.isNotRoutedMail)
    sections.notRouted = Array(notRouted.prefix(IABDigest.notRoutedListed))
    sections.notRoutedTotal = notRouted.count + (week.total - week.items.count)
    guard let mail = digest.compose(sections, now: now) else {
      return nil
    }
    return try enqueue([mail], now: now).first
  }

  // MARK: Outbox

  /// Queues each mail; returns those newly queued (a known dedupe key queues nothing).
  func enqueue(_ mails: [PlannedMail], now: Date) throws(WorkflowError) -> [PlannedMail] {
    var queued: [PlannedMail] = []
    var subjects = OutboundSubjects()
    for planned in mails.flatMap(splitForLists) {
      guard let mail = try withinOutboundBounds(planned, subjects: &subjects) else { continue }
      guard let outbox = try outboxMail(mail, now: now) else {
        logger.info(
          "workflow.no_recipient",
          metadata: ["liaison.id": "\(mail.statementID ?? "-")", "mail.kind": "\(mail.kind)"])
        continue
      }
      let result = try storeStep("queue the \(mail.kind) mail", id: mail.statementID) {
        () throws(StoreError) in
        try store.enqueue(outbox, at: clock.now())
      }
      if case .queued = result { queued.append(mail) }
    }
    return queued
  }

  /// The mail as final RFC 5322 bytes, or nil when it would only go to the gateway itself.
  func outboxMail(_ mail: PlannedMail, now: Date) throws(WorkflowError) -> OutboxMail? {
    let to = Self.unique(mail.to.filter { !configuration.isGateway($0) })
    let cc = Self.unique(
      mail.cc.filter { !configuration.isGateway($0) && !to.contains($0.lowercased()) })
    guard !to.isEmpty || !cc.isEmpty else { return nil }
    do {
      let from = try MailAddress(parsing: configuration.from)
      // Identifiers taken from received mail are hostile: keep only well-formed ones.
      let valid: (String) -> Bool = {
        (try? HeaderEncoder.checkMessageID($0, field: "References")) != nil
      }
      let message = try OutgoingMessage(
        from: from, to: try to.map { try MailAddress($0) }, cc: try cc.map { try MailAddress($0) },
        replyTo: try mail.replyTo.map { try MailAddress($0) }, subject: mail.subject,
        messageID: mail.messageID
          ?? OutgoingMessage.makeMessageID(domain: configuration.gatewayDomain), date: now,
        inReplyTo: mail.inReplyTo.flatMap { valid($0) ? $0 : nil },
        references: mail.references.filter(valid),
        autoSubmitted: mail.autoSubmitted.map {
          $0 == "auto-replied" ? .autoReplied : .autoGenerated
        },
        body: mail.body,
        extraHeaders: try Self.extraHeaders(of: mail).map { try OutgoingMessage.Header($0, $1) },
        attachments: try mail.attachments.map {
          try OutgoingAttachment(filename: $0.filename, contentType: $0.contentType, data: $0.data)
        })
      return OutboxMail(
        kind: mail.kind.rawValue, statementID: mail.statementID, messageID: message.messageID,
        envelopeFrom: from.address, recipients: message.recipients.map(\.address),
        data: message.render(),
        // Due in real time: `remind --now` plans at a chosen moment, but the outbox sends now.
        dedupeKey: mail.dedupeKey, notBefore: clock.now())
    } catch {
      throw .message(kind: mail.kind.rawValue, id: mail.statementID, reason: "\(error)")
    }
  }

  func noteSent(_ mails: [PlannedMail], record: StatementRecord, now: Date)
    throws(WorkflowError)
  {
    for mail in mails where mail.kind != .reminder {
      let kind: EventKind
      switch mail.kind {
      case .acknowledgement: kind = .acknowledged
      case .misdirected, .unrouted, .sentOutsideTheTool: kind = .triage
      case .approvalRequest: kind = .approvalRequested
      case .relay: kind = .relayed
      case .deadlineUnclear: kind = .deadlineUnclear
      case .commandReply: continue
      default: kind = .notified
      }
      let recipients = mail.to.filter { !configuration.isGateway($0) }.joined(separator: ", ")
      try storeStep("note the \(mail.kind) mail", id: record.id) { () throws(StoreError) in
        try store.appendEvent(
          id: mail.statementID ?? record.id, kind: kind, detail: recipients, at: now)
      }
    }
  }

  // MARK: Store access

  func load(_ id: String) throws(WorkflowError) -> StatementRecord {
    let record = try storeStep("read", id: id) { () throws(StoreError) in
      try store.statement(id: id)
    }
    guard let record else { throw .unknownStatement(id) }
    return record
  }

  func all(_ filter: StatementFilter) throws(WorkflowError) -> [StatementRecord] {
    var filter = filter
    filter.limit = StatementFilter.maximumLimit
    var records: [StatementRecord] = []
    while true {
      let page = try storeStep("list statements", id: nil) { () throws(StoreError) in
        try store.list(filter)
      }
      records += page.items
      if page.items.isEmpty || records.count >= page.total { return records }
      filter.offset += page.items.count
    }
  }

  func storeStep<T>(_ step: String, id: String?, _ body: () throws(StoreError) -> T)
    throws(WorkflowError) -> T
  {
    do {
      return try body()
    } catch  where error.isUnwritable {
      throw .storeUnwritable(step: step, id: id, reason: "\(error)")
    } catch {
      throw .store(step: step, id: id, reason: "\(error)")
    }
  }

  /// A mail carrying a command address, split so that the copy to mailing lists (archived,
  /// read by anyone) carries none: the lists get the same text without those fields.
  func splitForLists(_ mail: PlannedMail) -> [PlannedMail] {
    let commandFields = ["X-Liaison-Respond", "X-Liaison-Approve"]
    let isList = { (address: String) in router.registry.groupWithList(address) != nil }
    guard commandFields.contains(where: { mail.headers[$0] != nil }),
      (mail.to + mail.cc).contains(where: isList)
    else { return [mail] }
    var people = mail
    people.to = mail.to.filter { !isList($0) }
    people.cc = mail.cc.filter { !isList($0) }
    var lists = mail
    lists.dedupeKey += ":lists"
    lists.to = mail.to.filter(isList)
    lists.cc = mail.cc.filter(isList)
    lists.replyTo = lists.replyTo.filter { !configuration.isGateway($0) }
    for field in commandFields { lists.headers[field] = nil }
    return (people.to + people.cc).isEmpty ? [lists] : [people, lists]
  }

  /// `X-Liaison-Statement`, then the mail's own fields in name order.
  static func extraHeaders(of mail: PlannedMail) -> [(String, String)] {
    (mail.statementID.map { [("X-Liaison-Statement", $0)] } ?? [])
      + mail.headers.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
  }

  static func unique(_ addresses: [String]) -> [String] {
    var seen: Set<String> = []
    return addresses.map { $0.lowercased() }.filter { seen.insert($0).inserted }
  }
}
