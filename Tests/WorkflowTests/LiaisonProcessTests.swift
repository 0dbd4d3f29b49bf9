import Foundation
import Liaison
import MIME
import Routing
import Store
import Testing

@testable import Workflow

/// The whole process against a real store in a temporary directory: what lands in the
/// outbox is what OutboxSender would send.
@Suite struct LiaisonProcessTests {
  static let gateway = "liaison-coordination@iab.example"
  static let iab = "iab-liaisons@iab.example"
  /// The receiving MTA whose Authentication-Results the process believes.
  static let mta = "mx.iab.example"
  /// When every message of these tests is received and handled.
  static let received = ISO8601DateFormatter().date(from: "2026-11-23T12:00:00Z")!
  let store: LiaisonStore
  let process: LiaisonProcess
  let deadline = "2027-03-01"

  init() throws {
    store = try LiaisonStore.temporary()
    process = Self.makeProcess(store: store, gateway: Self.gateway)
  }

  static func makeProcess(store: LiaisonStore, gateway: String, acknowledgementLimit: Int = 5)
    -> LiaisonProcess
  {
    let clock = TestClock(now: received)
    let configuration = ProcessConfiguration(
      gatewayAddress: gateway, publicURL: "https://liaisons.example.org", iabContact: iab,
      acknowledgementLimit: acknowledgementLimit)
    let router = StatementRouter(
      registry: RoutingRegistry.embedded,
      options: .init(gatewayAddresses: configuration.gatewayAddresses, iabContact: iab))
    return LiaisonProcess(store: store, router: router, configuration: configuration, clock: clock)
  }

  static func statement(
    title: String? = "LS on OTN network slicing", to: [String] = ["IETF CCAMP WG"],
    purpose: Purpose? = .action,
    deadline: String? = "2027-03-01", sendReplyTo: String? = "tsbsg15@itu.int",
    messageID: String? = nil,
    kind: MessageKind = .statement
  ) -> ExtractedStatement {
    ExtractedStatement(
      kind: kind, title: title, from: ["ITU-T SG15"], fromContacts: ["rapporteur@example.org"],
      sendReplyTo: sendReplyTo, to: to, toContacts: [gateway], purpose: purpose, deadline: deadline,
      body: "Please consider.", messageID: messageID ?? "<\(UUID().uuidString)@itu.int>")
  }

  @discardableResult
  static func record(
    _ statement: ExtractedStatement, in store: LiaisonStore, authenticated: Bool = true
  ) throws -> String {
    // From the first From-Contact, authenticated by the MTA unless `authenticated` is false.
    let from = statement.fromContacts.first ?? "nobody@example.org"
    let domain = from.split(separator: "@").last ?? ""
    let raw = Array(
      ((authenticated ? "Authentication-Results: \(mta); dmarc=pass header.from=\(domain)\r\n" : "")
        + "From: \(from)\r\n"
        + "Message-ID: \(statement.messageID ?? "")\r\nSubject: \(statement.title ?? "")\r\n\r\n\(UUID())\r\n")
        .utf8)
    // The verdict the extractor would record, by the same rule.
    var statement = statement
    statement.authentication = SenderAuthentication.evaluate(
      try MIMEParser().parse(raw).header, trustedAuthservIDs: [mta])
    return try store.record(
      raw: raw, extraction: Extraction(statement: statement),
      origin: .file(path: "/tmp/\(UUID()).eml"), receivedAt: received
    ).id
  }

  func outbox() throws -> [OutboxMail] {
    try store.dueOutbox(now: Date.distantFuture, limit: 1000).map(\.mail)
  }

  /// The header fields of a rendered mail, names lower-cased, folded lines joined.
  static func headers(_ mail: OutboxMail) -> [String: String] {
    let text = String(decoding: mail.data, as: UTF8.self)
    let head = text.components(separatedBy: "\r\n\r\n").first ?? ""
    var fields: [String: String] = [:]
    var last: String?
    for line in head.components(separatedBy: "\r\n") {
      if line.first == " " || line.first == "\t", let name = last {
        fields[name, default: ""] += line
      } else if let colon = line.firstIndex(of: ":") {
        let name = line[..<colon].lowercased()
        fields[name] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        last = name
      }
    }
    return fields
  }

  static func day(_ iso: String, plus days: Int = 0) -> Date {
    CalendarDay.date(from: iso)!.addingTimeInterval(Double(days) * 86_400 + 3600)
  }

  /// Intake routes a statement while the message before it commits, and hands that route
  /// on; the process takes it only for the very statement recorded.
  @Test func aRouteComputedAtIntakeIsTakenOnlyForTheStatementItWasComputedFor() throws {
    let router = StatementRouter(
      registry: RoutingRegistry.embedded,
      options: .init(gatewayAddresses: [Self.gateway], iabContact: Self.iab))
    // A route the router would not give these statements: its use shows it was taken.
    let elsewhere = router.route(Self.statement(to: ["IETF PCE WG"]))
    #expect(elsewhere.groups == ["pce"])

    let sameID = try Self.record(Self.statement(), in: store)
    var same = try #require(try store.statement(id: sameID)).statement
    same.route = elsewhere
    try process.handleRecorded(id: sameID, now: Self.received, routed: same)
    #expect(try store.statement(id: sameID)?.statement.route.groups == ["pce"])

    let otherID = try Self.record(Self.statement(), in: store)
    var other = try #require(try store.statement(id: otherID)).statement
    other.title = "another title"
    other.route = elsewhere
    try process.handleRecorded(id: otherID, now: Self.received, routed: other)
    #expect(try store.statement(id: otherID)?.statement.route.groups == ["ccamp"])
  }

  @Test func actionStatementNotifiesChairsADsAndLiaisonManager() throws {
    let id = try Self.record(Self.statement(), in: store)
    try process.handleRecorded(id: id, now: Self.received)
    let mails = try outbox()
    #expect(mails.count == 1)
    let mail = try #require(mails.first)
    #expect(mail.kind == "notification")
    #expect(
      mail.recipients == [
        "ccamp-chairs@ietf.org", "rtg-ads@ietf.org", "itu-t-sg15-liaison@ietf.org",
      ])
    let headers = Self.headers(mail)
    #expect(headers["auto-submitted"] == "auto-generated")
    // The receivers themselves, for discussion; without a token key, no respond address.
    #expect(
      headers["reply-to"] == "ccamp-chairs@ietf.org, rtg-ads@ietf.org, itu-t-sg15-liaison@ietf.org")
    #expect(headers["x-liaison-respond"] == nil)
    #expect(headers["message-id"]?.hasSuffix("@iab.example>") == true)
    let record = try #require(try store.statement(id: id))
    #expect(record.state == .open)
    #expect(record.statement.route.groups == ["ccamp"])
    #expect(record.events.contains { $0.kind == .routed })
    #expect(record.events.contains { $0.kind == .notified })

    // Handling the same statement again (a restart) queues nothing new.
    try process.handleRecorded(id: id, now: Self.received)
    #expect(try outbox().count == 1)
  }

  @Test func informationStatementIsAcknowledgedOnce() throws {
    let id = try Self.record(Self.statement(purpose: .information, deadline: nil), in: store)
    try process.handleRecorded(id: id, now: Self.received)
    try process.handleRecorded(id: id, now: Self.received)
    let acks = try outbox().filter { $0.kind == "acknowledgement" }
    #expect(acks.count == 1)
    let ack = try #require(acks.first)
    // The authenticated From, not the Send Reply To the text names.
    #expect(ack.recipients == ["rapporteur@example.org"])
    let headers = Self.headers(ack)
    #expect(headers["subject"] == "Receipt of LS on OTN network slicing")
    #expect(headers["auto-submitted"] == "auto-replied")
  }

  /// A forged statement naming a victim as Send Reply To: no backscatter.
  @Test func anUnauthenticatedSenderIsNotAcknowledged() throws {
    var forged = Self.statement(
      purpose: .information, deadline: nil, sendReplyTo: "victim@example.com")
    forged.fromContacts = ["victim@example.com"]
    let id = try Self.record(forged, in: store, authenticated: false)
    try process.handleRecorded(id: id, now: Self.received)
    #expect(try outbox().allSatisfy { !$0.recipients.contains("victim@example.com") })
    #expect(try store.statement(id: id)?.events.contains { $0.kind == .notAcknowledged } == true)
  }

  /// Switched off, acknowledgements are withheld from nobody: no statement's history notes
  /// one, and `/iab`'s "Acknowledgements withheld" stays empty (it once listed every
  /// For-Information statement). A forged one is still not acknowledged.
  @Test func switchedOffListsNothingAsWithheld() throws {
    let configuration = ProcessConfiguration(
      gatewayAddress: Self.gateway, publicURL: "https://liaisons.example.org",
      iabContact: Self.iab, acknowledgeInformation: false)
    let process = LiaisonProcess(
      store: store,
      router: StatementRouter(
        registry: RoutingRegistry.embedded,
        options: .init(gatewayAddresses: configuration.gatewayAddresses, iabContact: Self.iab)),
      configuration: configuration, clock: TestClock(now: Self.received))
    let authentic = try Self.record(
      Self.statement(title: "LS one", purpose: .information, deadline: nil), in: store)
    let forged = try Self.record(
      Self.statement(title: "LS two", purpose: .information, deadline: nil), in: store,
      authenticated: false)
    for id in [authentic, forged] { try process.handleRecorded(id: id, now: Self.received) }
    #expect(try outbox().allSatisfy { $0.kind != "acknowledgement" })
    #expect(try outbox().contains { $0.statementID == authentic }, "the chairs are still told")
    for id in [authentic, forged] {
      #expect(try store.statement(id: id)?.events.contains { $0.kind == .notAcknowledged } == false)
    }
    let withheld = try store.listWithheldAcknowledgements(
      since: Self.received.addingTimeInterval(-86_400), limit: 100)
    #expect(withheld.total == 0)
    #expect(withheld.items.isEmpty)
  }

  @Test func acknowledgementsAreRateLimitedPerSender() throws {
    let process = Self.makeProcess(store: store, gateway: Self.gateway, acknowledgementLimit: 2)
    for n in 0..<4 {
      let id = try Self.record(
        Self.statement(title: "LS number \(n)", purpose: .information, deadline: nil), in: store)
      try process.handleRecorded(id: id, now: Self.received)
    }
    #expect(try outbox().filter { $0.kind == "acknowledgement" }.count == 2)
  }

  @Test(arguments: [
    ("auto", MessageKind.autoReply, "tsbsg15@itu.int"), ("bounce", .bounce, "tsbsg15@itu.int"),
    ("daemon", .statement, "mailer-daemon@itu.int"), ("list", .statement, "ccamp@ietf.org"),
    ("self", .statement, "liaison-coordination@iab.example"),
  ])
  func noMailToAutomaticSendersListsOrItself(label: String, kind: MessageKind, replyTo: String)
    throws
  {
    var statement = Self.statement(
      title: "LS \(label)", purpose: .information, deadline: nil, sendReplyTo: replyTo, kind: kind)
    statement.fromContacts = [replyTo]
    let id = try Self.record(statement, in: store)
    try process.handleRecorded(id: id, now: Self.received)
    let all = try outbox()
    #expect(all.allSatisfy { !$0.recipients.contains(replyTo) })
    #expect(all.allSatisfy { $0.recipients.allSatisfy { !$0.hasPrefix("liaison-coordination") } })
    if kind != .statement { #expect(all.isEmpty) }
  }

  @Test func misdirectedStatementReachesTheIABAndCanBeRerouted() throws {
    let id = try Self.record(Self.statement(to: ["IETF PWE3 WG"]), in: store)
    try process.handleRecorded(id: id, now: Self.received)
    let triage = try #require(try outbox().first)
    #expect(triage.kind == "misdirected")
    #expect(triage.recipients == [Self.iab, "itu-t-sg15-liaison@ietf.org"])
    #expect(
      String(decoding: triage.data, as: UTF8.self).contains("concluded group pwe3 (successor pals)")
    )
    #expect(try store.statement(id: id)?.state == .misdirected)

    let route = try process.reroute(
      id: id, to: ["pals"], note: "PWE3 concluded; PALS took over", now: Self.received)
    #expect(route.groups == ["pals"])
    let record = try #require(try store.statement(id: id))
    #expect(record.state == .open)
    #expect(
      record.events.contains { $0.kind == .rerouted && $0.detail.contains("PALS took over") })
    let notification = try #require(try outbox().first { $0.kind == "notification" })
    #expect(notification.recipients.contains("pals-chairs@ietf.org"))
    // The same message fetched again after the re-route changes nothing.
    let before = try outbox().count
    try process.handleRecorded(id: id, now: Self.received)
    #expect(try outbox().count == before)
    #expect(try store.statement(id: id)?.statement.route.groups == ["pals"])
    #expect(throws: WorkflowError.self) {
      try process.reroute(id: id, to: ["pwe3"], note: nil, now: Self.received)
    }
    #expect(throws: WorkflowError.unknownStatement("LS-1999-0001")) {
      try process.reroute(id: "LS-1999-0001", to: ["pals"], note: nil, now: Self.received)
    }
  }

  /// The outbox kind (and so `mail.kind` in the log) says what the subject says (issue 18):
  /// both are triage for the history.
  @Test(arguments: [
    ([String](), "unrouted", "Unrouted"), (["IETF PWE3 WG"], "misdirected", "Misdirected"),
  ])
  func triageMailIsKindedAsItsSubjectSays(to: [String], kind: String, subject: String) throws {
    let id = try Self.record(Self.statement(to: to), in: store)
    try process.handleRecorded(id: id, now: Self.received)
    let triage = try #require(try outbox().first)
    #expect(try outbox().count == 1)
    #expect(triage.kind == kind)
    #expect(
      Self.headers(triage)["subject"]?.hasPrefix("\(subject) liaison statement \(id)") == true)
    #expect(triage.recipients.first == Self.iab)
    let events = try #require(try store.statement(id: id)).events
    #expect(events.contains { $0.kind == .triage })
    #expect(!events.contains { $0.kind == .notified })
  }

  @Test func remindersFollowTheScheduleAndAreNeverRepeated() throws {
    let id = try Self.record(Self.statement(), in: store)
    try process.handleRecorded(id: id, now: Self.received)
    #expect(try process.sendReminders(now: Self.day(deadline, plus: -15)).isEmpty)
    var labels: [String] = []
    for offset in [-14, -14, -7, -1, 0, 0, 7] {
      labels += try process.sendReminders(now: Self.day(deadline, plus: offset)).map(\.dedupeKey)
    }
    #expect(labels == ["T-14", "T-7", "T-1", "T", "T+7"].map { "remind:\(id):\($0)" })
    let reminders = try outbox().filter { $0.kind == "reminder" }
    #expect(reminders.count == 5)
    #expect(reminders.allSatisfy { $0.recipients.contains("ccamp-chairs@ietf.org") })
    #expect(reminders.allSatisfy { Self.headers($0)["auto-submitted"] == "auto-generated" })
    // A dry run lists without queueing.
    let dry = try process.sendReminders(now: Self.day(deadline, plus: 14), dryRun: true)
    #expect(dry.map(\.dedupeKey) == ["remind:\(id):T+14"])
    #expect(try outbox().filter { $0.kind == "reminder" }.count == 5)
  }

  /// Every history entry the process writes, through every path here (notification,
  /// triage, re-route, acknowledgement and its refusal, reminder, refused reply; commands
  /// by mail in CommandsByMailTests), is a kind of the vocabulary the web has words for.
  @Test func theProcessWritesOnlyKindsOfTheVocabulary() throws {
    let process = Self.makeProcess(store: store, gateway: Self.gateway, acknowledgementLimit: 1)
    let id = try Self.record(Self.statement(), in: store)
    try process.handleRecorded(id: id, now: Self.received)
    let misdirected = try Self.record(
      Self.statement(title: "LS b", to: ["IETF PWE3 WG"]), in: store)
    try process.handleRecorded(id: misdirected, now: Self.received)
    try process.reroute(id: misdirected, to: ["pals"], note: nil, now: Self.received)
    for n in 0..<2 {
      let info = try Self.record(
        Self.statement(title: "LS info \(n)", purpose: .information, deadline: nil), in: store)
      try process.handleRecorded(id: info, now: Self.received)
    }
    try process.sendReminders(now: Self.day(deadline, plus: -1))

    var stray = Self.statement(
      title: "Re: something never recorded", purpose: .response, deadline: nil,
      kind: .replyToStatement)
    stray.toContacts = []
    try process.handleRecorded(id: try Self.record(stray, in: store), now: Self.received)

    let written = Set(try store.export().flatMap { $0.events.map(\.kind) })
    #expect(written.isSubset(of: EventKind.allCases), "\(written.subtracting(EventKind.allCases))")
    // The paths above did run: each of these was written.
    let expected: Set<EventKind> = [
      .received, .routed, .notified, .triage, .rerouted, .acknowledged, .notAcknowledged,
      .reminded, .commandRefused, .unrouted,
    ]
    #expect(expected.subtracting(written).isEmpty, "\(expected.subtracting(written))")
  }

  @Test func weeklyDigestListsWhatNeedsAttention() throws {
    let overdue = try Self.record(Self.statement(), in: store)
    try process.handleRecorded(id: overdue, now: Self.received)
    let misdirected = try Self.record(
      Self.statement(title: "LS two", to: ["IETF Toaster WG"]), in: store)
    try process.handleRecorded(id: misdirected, now: Self.received)
    let mail = try #require(try process.weeklyDigest(now: Self.day(deadline, plus: 3)))
    #expect(mail.to == [Self.iab])
    #expect(mail.body.contains(overdue) && mail.body.contains(misdirected))
    #expect(try process.weeklyDigest(now: Self.day(deadline, plus: 3)) == nil)
  }

  /// Two gateways that acknowledge each other: one acknowledgement, then silence.
  @Test func twoGatewaysExchangeAtMostOneMailEach() throws {
    let storeB = try LiaisonStore.temporary()
    let gatewayB = "liaisons@gw-b.example"
    let b = Self.makeProcess(store: storeB, gateway: gatewayB)
    // A receives a For-Information statement whose Send Reply To is gateway B.
    var fromB = Self.statement(
      title: "LS from B", purpose: .information, deadline: nil, sendReplyTo: gatewayB)
    fromB.fromContacts = [gatewayB]
    let id = try Self.record(fromB, in: store)
    try process.handleRecorded(id: id, now: Self.received)
    let ackAtoB = try #require(try outbox().first { $0.kind == "acknowledgement" })
    #expect(ackAtoB.recipients == [gatewayB])
    // B records A's acknowledgement. Its extractor marks it auto_reply (Auto-Submitted);
    // even read as a statement, B's policy refuses to answer it.
    let headers = Self.headers(ackAtoB)
    for kind in [MessageKind.autoReply, .statement] {
      var echo = Self.statement(
        title: headers["subject"], purpose: .information, deadline: nil, sendReplyTo: nil,
        messageID: headers["message-id"], kind: kind)
      echo.fromContacts = [Self.gateway]
      echo.toContacts = [gatewayB]
      echo.to = ["IETF"]
      let echoID = try Self.record(echo, in: storeB)
      try b.handleRecorded(id: echoID, now: Self.received)
    }
    let sentByB = try storeB.dueOutbox(now: .distantFuture, limit: 100).map(\.mail)
    #expect(sentByB.allSatisfy { $0.kind != "acknowledgement" })
    #expect(sentByB.allSatisfy { !$0.recipients.contains(Self.gateway) })
    #expect(try outbox().filter { $0.kind == "acknowledgement" }.count == 1)
  }
}
