import Foundation
import Liaison
import MIME
import MailBenchSupport
import Routing
import Store
import Testing

@testable import Workflow

/// Who may make the gateway speak (SPEC.md, "Speaking for the IETF"): real mails through
/// the real extractor and the process, against a real store. Every attack ends with zero
/// mail to the SDO and a `command_refused` entry; the legitimate path ends with exactly one.
@Suite struct CommandsByMailTests {
  static let gateway = "liaison-coordination@iab.example"
  static let mta = "mx.iab.example"
  static let sdo = "tsbsg15@itu.int"
  static let chair = "ccamp-chairs@ietf.org"
  static let ad = "rtg-ads@ietf.org"
  static let received = ISO8601DateFormatter().date(from: "2026-11-23T12:00:00Z")!

  let store: LiaisonStore
  let process: LiaisonProcess
  let original: String

  init() throws {
    store = try LiaisonStore.temporary()
    let configuration = ProcessConfiguration(
      gatewayAddress: Self.gateway, publicURL: "https://liaisons.example.org",
      iabContact: "iab-liaisons@iab.example",
      tokenKey: try CommandTokenKey(bytes: Array(repeating: 42, count: 32), file: "test-key"))
    let router = StatementRouter(
      registry: RoutingRegistry.embedded,
      options: .init(
        gatewayAddresses: configuration.gatewayAddresses, iabContact: configuration.iabContact))
    process = LiaisonProcess(
      store: store, router: router, configuration: configuration,
      clock: TestClock(now: Self.received))
    original = try LiaisonProcessTests.record(LiaisonProcessTests.statement(), in: store)
    try process.handleRecorded(id: original, now: Self.received)
  }

  var respondAddress: String { process.configuration.respondAddress(for: original)! }

  /// An `Authentication-Results` field of `authserv` saying `result` for the From domain.
  static func authentication(
    _ from: String, _ result: String = "dmarc=pass", authserv: String = mta
  ) -> String {
    TestMail.authenticationResults(from, result, authserv: authserv)
  }

  /// Records one mail as it arrives and moves it through the process; returns its id.
  @discardableResult
  func receive(
    from: String, to: String, cc: String? = nil, subject: String = "Re: LS on OTN network slicing",
    body: String, authentication: String? = nil, inReplyTo: [String] = []
  ) async throws -> String {
    let raw =
      Array((authentication ?? Self.authentication(from)).utf8)
      + Self.mail(
        from: from, to: to, cc: cc, subject: subject, body: body, inReplyTo: inReplyTo)
    return try await receive(raw)
  }

  /// A mail as its sender's client writes it, before any MTA; `inReplyTo` the thread it
  /// answers, oldest first (In-Reply-To names the last, References all).
  static func mail(
    from: String, to: String, cc: String? = nil, subject: String = "Re: LS on OTN network slicing",
    body: String, inReplyTo: [String] = []
  ) -> [UInt8] {
    TestMail.text(
      from: from, to: to, cc: cc, subject: subject, body: body, inReplyTo: inReplyTo.last,
      references: inReplyTo)
  }

  /// Records `raw` as it arrived and moves it through the process; returns its id.
  @discardableResult
  func receive(_ raw: [UInt8]) async throws -> String {
    let extractor = LiaisonExtractor(
      options: .init(gatewayAddresses: [Self.gateway], trustedAuthservIDs: [Self.mta]))
    let message = try MIMEParser().parse(raw)
    // As IngestPipeline does: a reply-all copy of our own mail is recognised before recording.
    let extraction = try process.recognised(
      await extractor.extract(message, raw: raw), header: message.header)
    let id = try store.record(
      raw: raw, extraction: extraction, origin: .file(path: "/tmp/\(UUID()).eml"),
      receivedAt: Self.received
    ).id
    try process.handleRecorded(id: id, now: Self.received)
    return id
  }

  func outbox() throws -> [OutboxMail] {
    try store.dueOutbox(now: Date.distantFuture, limit: 1000).map(\.mail)
  }

  /// Mail that left for anyone outside the IETF side of the routed statement.
  func toSDO() throws -> [OutboxMail] {
    try outbox().filter { $0.recipients.contains(Self.sdo) }
  }

  func expectRefused(_ id: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let record = try #require(try store.statement(id: id), sourceLocation: sourceLocation)
    #expect(
      record.events.contains { $0.kind == .commandRefused }, "\(record.events)",
      sourceLocation: sourceLocation)
    #expect(try toSDO().isEmpty, sourceLocation: sourceLocation)
    #expect(
      try outbox().allSatisfy { $0.kind == "notification" }, sourceLocation: sourceLocation)
    #expect(try store.statement(id: original)?.state == .open, sourceLocation: sourceLocation)
  }

  /// The approve address the approval request carries.
  func approveAddress() throws -> String {
    let request = try #require(try outbox().first { $0.kind == "approval_request" })
    return try #require(LiaisonProcessTests.headers(request)["x-liaison-approve"])
  }

  // MARK: Attacks

  @Test func aGuessedBarePlusAddressIsAStrangersMail() async throws {
    let id = try await receive(
      from: Self.chair, to: "liaison-coordination+\(original.lowercased())@iab.example",
      body: "The CCAMP WG thanks SG15.")
    try expectRefused(id)
  }

  @Test func aWrongTokenIsAStrangersMail() async throws {
    let id = try await receive(
      from: Self.chair,
      to: "liaison-coordination+\(original.lowercased()).0000000000000@iab.example",
      body: "The CCAMP WG thanks SG15.")
    try expectRefused(id)
  }

  @Test(arguments: [
    "", authentication(chair, authserv: "mx.attacker.example"),
    authentication(chair, "dkim=fail header.d=ietf.org"),
    authentication(chair, "spf=pass smtp.mailfrom=ietf.org"),
  ])
  func aForgedChairIsNotAuthenticated(header: String) async throws {
    let id = try await receive(
      from: Self.chair, to: respondAddress, body: "The CCAMP WG thanks SG15.",
      authentication: header)
    try expectRefused(id)
  }

  /// An authenticated stranger who knows the address (a leaked token) and copies the ADs.
  @Test func aForgedCcOfTheADsGivesNoRole() async throws {
    let id = try await receive(
      from: "mallory@attacker.example", to: respondAddress, cc: Self.ad,
      body: "The IETF agrees with everything.")
    try expectRefused(id)
  }

  /// The process reads a recorded mail's From from its header alone (`parseHeader`): a
  /// second header block in the body, naming a chair with a passing verdict, is body.
  @Test func aChairsHeaderWrittenInTheBodyGivesNoRole() async throws {
    let mallory = "mallory@attacker.example"
    let id = try await receive(
      from: mallory, to: respondAddress,
      body: "From: \(Self.chair)\r\n\(Self.authentication(Self.chair))\r\n"
        + "The CCAMP WG thanks SG15.")
    try expectRefused(id)
  }

  @Test func approvalByANonApproverIsRefused() async throws {
    try await receive(from: Self.chair, to: respondAddress, body: "The CCAMP WG thanks SG15.")
    let id = try await receive(from: Self.chair, to: try approveAddress(), body: "APPROVE")
    let record = try #require(try store.statement(id: id))
    #expect(record.events.contains { $0.kind == .commandRefused })
    #expect(try toSDO().isEmpty)
    #expect(try store.statement(id: original)?.state == .open)
  }

  /// "No" is not APPROVE: it is a comment for the submitter.
  @Test func anApproverWritingNoDoesNotApprove() async throws {
    let draft = try await receive(
      from: "ccamp-chair@ietf.org", to: respondAddress, body: "The CCAMP WG thanks SG15.",
      authentication: Self.authentication("ccamp-chair@ietf.org"))
    // Not a registered chair: refused before any request.
    try expectRefused(draft)
    let real = try await receive(from: Self.chair, to: respondAddress, body: "We thank SG15.")
    try await receive(from: Self.ad, to: try approveAddress(), body: "No\r\n\r\n> APPROVE")
    #expect(try toSDO().isEmpty)
    #expect(try store.statement(id: real)?.events.contains { $0.kind == .commented } == true)
    let comment = try #require(try outbox().first { $0.kind == "command_reply" })
    #expect(comment.recipients == [Self.chair])
    #expect(try store.statement(id: original)?.state == .open)
  }

  /// An approve token is bound to the draft's content: a token made for other content (an
  /// earlier version) approves nothing.
  @Test func anApprovalForOtherContentIsRefused() async throws {
    let draft = try await receive(
      from: Self.chair, to: respondAddress, body: "The CCAMP WG thanks SG15.")
    let stale = process.configuration.commandTokens!.approveAddress(
      draft: draft, contentHash: SHA256Hex.of(Array("an earlier text".utf8)), on: Self.gateway)
    #expect(stale != (try approveAddress()))
    let id = try await receive(from: Self.ad, to: stale, body: "APPROVE")
    #expect(try store.statement(id: id)?.events.contains { $0.kind == .commandRefused } == true)
    #expect(try toSDO().isEmpty)
    #expect(try store.statement(id: draft)?.state == .awaitingApproval)
  }

  /// A chair's reply-all to the notification reaches the receivers, never the SDO; its copy
  /// to the central address is mail about the statement: private, held back for the IAB,
  /// noted in the statement's history, and neither routed, notified nor acknowledged.
  @Test func aReplyAllToTheNotificationIsNeverRelayed() async throws {
    let notification = try #require(try outbox().first { $0.kind == "notification" })
    let headers = LiaisonProcessTests.headers(notification)
    #expect(headers["reply-to"] == "\(Self.chair), \(Self.ad), itu-t-sg15-liaison@ietf.org")
    #expect(headers["x-liaison-respond"] == respondAddress)
    let copy = try await receive(
      from: Self.chair, to: headers["reply-to"]!, cc: Self.gateway,
      subject: "Re: \(headers["subject"]!)",
      body: "Shall we answer?\r\n\r\n> Title: LS on OTN network slicing\r\n> From: ITU-T SG15\r\n"
        + "> To: IETF CCAMP WG\r\n> Purpose: For information",
      inReplyTo: ["<sg15-thread@itu.int>", notification.messageID])
    #expect(try toSDO().isEmpty)
    #expect(try outbox().map(\.kind) == ["notification"])
    #expect(copy.hasPrefix("MSG-"))
    let record = try #require(try store.statement(id: copy))
    #expect(record.statement.kind == .replyToStatement)
    #expect(record.state == .heldBack)
    #expect(!record.events.contains { [.routed, .notified, .commandRefused].contains($0.kind) })
    #expect(try store.statement(id: copy, scope: .publicRecord) == nil)
    let held = try store.privateMail(limit: 10, offset: 0).items
    #expect(held.contains { $0.id == copy && $0.state == .heldBack })
    let statement = try #require(try store.statement(id: original))
    #expect(statement.state == .open)
    // The public history says mail was held back, never which private record holds it.
    #expect(statement.events.contains { $0.kind == .mailHeldBack && !$0.detail.contains(copy) })
    #expect(record.events.contains { $0.detail.contains(original) })
    // Handled again (a restart): nothing more.
    try process.handleRecorded(id: copy, now: Self.received)
    #expect(
      try store.statement(id: original)?.events.filter { $0.kind == .mailHeldBack }.count == 1)
  }

  /// A reply-all to mail about no statement (the IAB's weekly digest) is private too.
  @Test func aReplyToTheDigestIsNoStatement() async throws {
    let digest = PlannedMail(
      kind: .digest, statementID: nil, dedupeKey: "digest:test", to: ["iab-liaisons@iab.example"],
      subject: "Liaison statements: weekly digest", body: "LS on OTN network slicing is open.")
    #expect(try process.enqueue([digest], now: Self.received).count == 1)
    let sent = try #require(try outbox().first { $0.kind == "digest" })
    let id = try await receive(
      from: "iab-chair@iab.org", to: Self.gateway, subject: "Re: Liaison statements: weekly digest",
      body: "Title: LS on OTN network slicing\r\nFrom: ITU-T SG15\r\nTo: IETF CCAMP WG\r\n"
        + "Purpose: For action\r\n\r\nShall we discuss this one?",
      inReplyTo: [sent.messageID])
    #expect(id.hasPrefix("MSG-"))
    #expect(try store.statement(id: id)?.statement.kind == .notLiaison)
    #expect(try outbox().map(\.kind).sorted() == ["digest", "notification"])
  }

  /// Another body's new statement that quotes an old thread (its own statement's
  /// Message-ID, liaisond's response to it) is decided by liaisond's own Message-IDs to
  /// the IETF side alone: it stays a public statement and is routed and notified.
  @Test func aNewStatementQuotingAnOldThreadIsStillAStatement() async throws {
    try await receive(from: Self.ad, to: respondAddress, body: "The Routing Area thanks SG15.")
    let response = try #require(try toSDO().first)
    let originalMessageID = try #require(try store.statement(id: original)?.statement.messageID)
    let text = """
      Title: LS on OTN network slicing, second round\r
      From: ITU-T SG15\r
      To: IETF CCAMP WG\r
      Purpose: For action\r
      Deadline: 2027-06-01\r
      \r
      SG15 thanks the IETF and asks again.\r
      \r
      > The Routing Area thanks SG15.
      """
    let id = try await receive(
      from: Self.sdo, to: Self.gateway, subject: "Re: LS on OTN network slicing", body: text,
      inReplyTo: [originalMessageID, response.messageID])
    #expect(id.hasPrefix("LS-"))
    let record = try #require(try store.statement(id: id, scope: .publicRecord))
    #expect(record.statement.kind == .statement)
    #expect(record.events.contains { $0.kind == .notified })
    #expect(
      !(try store.statement(id: original)?.events.contains { $0.kind == .mailHeldBack } ?? true))
  }

  /// A resubmitted draft (same submitter, same statement) supersedes the pending one: the
  /// older is closed as superseded and its approve address approves nothing; the approvers
  /// are asked about the newer one only. Another submitter's draft is left alone.
  @Test func aResubmittedDraftSupersedesThePendingOne() async throws {
    let manager = "itu-t-sg15-liaison@ietf.org"
    let others = try await receive(from: manager, to: respondAddress, body: "SG15, thanks.")
    let first = try await receive(from: Self.chair, to: respondAddress, body: "First text.")
    let firstAddress = try approveAddress(of: first)
    let second = try await receive(from: Self.chair, to: respondAddress, body: "Second text.")
    let older = try #require(try store.statement(id: first))
    #expect(older.state == .closed)
    #expect(older.events.contains { $0.kind == .superseded && $0.detail.contains(second) })
    #expect(try store.statement(id: second)?.state == .awaitingApproval)
    #expect(try store.statement(id: others)?.state == .awaitingApproval)
    let requests = try outbox().filter { $0.kind == "approval_request" }
    #expect(requests.count == 3)
    let last = try #require(requests.last)
    #expect(
      LiaisonProcessTests.headers(last)["x-liaison-approve"] == (try approveAddress(of: second)))
    #expect(!String(decoding: last.data, as: UTF8.self).contains("First text."))
    // The request says which draft it replaces, and when that one was submitted (issue 13).
    let lastText = try MIMEParser().parse(last.data).bestText ?? ""
    #expect(
      lastText.contains("It replaces the earlier draft \(first) submitted \(older.receivedAt)"),
      "\(lastText)")
    let firstRequest = try #require(requests.dropLast().last)
    #expect(try MIMEParser().parse(firstRequest.data).bestText?.contains("replaces") == false)

    let stale = try await receive(from: Self.ad, to: firstAddress, body: "APPROVE")
    #expect(try store.statement(id: stale)?.events.contains { $0.kind == .commandRefused } == true)
    #expect(try toSDO().isEmpty)
    try await receive(from: Self.ad, to: try approveAddress(of: second), body: "APPROVE")
    let sent = try toSDO()
    #expect(sent.count == 1)
    #expect(
      sent.first.map { String(decoding: $0.data, as: UTF8.self).contains("Second text.") } == true)
    #expect(
      sent.first.map { !String(decoding: $0.data, as: UTF8.self).contains("First text.") } == true)
  }

  /// The approve address of the approval request for `draft`.
  func approveAddress(of draft: String) throws -> String {
    let addresses = try outbox().filter { $0.kind == "approval_request" }
      .compactMap { LiaisonProcessTests.headers($0)["x-liaison-approve"] }
    return try #require(addresses.first { $0.contains("+approve-\(draft.lowercased()).") })
  }

  @Test func aStrangerMayNotReRouteOrMoveTheDeadline() async throws {
    let route = try await receive(
      from: "mallory@attacker.example", to: respondAddress, body: "ROUTE teas")
    try expectRefused(route)
    let deadline = try await receive(
      from: Self.chair, to: respondAddress, body: "DEADLINE 2030-01-01")
    try expectRefused(deadline)
    #expect(try store.statement(id: original)?.statement.deadline == "2027-03-01")
  }

  // MARK: The legitimate path

  /// SG15's answer to the response the IETF sent, by its In-Reply-To, is linked to that
  /// response, which is marked answered; an answer naming only our id is linked the same.
  @Test func anSDOsAnswerToOurResponseIsLinkedToIt() async throws {
    let draft = try await receive(
      from: Self.chair, to: respondAddress, body: "The CCAMP WG thanks SG15.")
    try await receive(from: Self.ad, to: try approveAddress(), body: "APPROVE")
    let relay = try #require(try toSDO().first)
    var text = "From: SG15 <\(Self.sdo)>\r\nTo: \(Self.gateway)\r\n"
    text += "Subject: Reply LS on OTN network slicing\r\nMessage-ID: <sg15-answer@itu.int>\r\n"
    text += "In-Reply-To: \(relay.messageID)\r\nDate: Tue, 24 Nov 2026 12:00:00 +0000\r\n\r\n"
    text += "Title: Reply LS on OTN network slicing\r\nSource: ITU-T SG15\r\nTo: IETF CCAMP WG\r\n"
    text += "Purpose: For information\r\n\r\nSG15 thanks the IETF.\r\n"
    let answer = try await receive(Array(text.utf8))
    let linked = try #require(try store.statement(id: answer))
    #expect(linked.answers == draft, "\(linked.events)")
    #expect(try store.statement(id: draft)?.state == .answered)
    // A statement that names nothing of ours is linked to nothing.
    let other = try await receive(
      Array(
        ("From: SG15 <\(Self.sdo)>\r\nTo: \(Self.gateway)\r\nSubject: LS on OTN timing\r\n"
          + "Message-ID: <sg15-other@itu.int>\r\n\r\nTitle: LS on OTN timing\r\n"
          + "Source: ITU-T SG15\r\nTo: IETF CCAMP WG\r\nPurpose: For information\r\n").utf8))
    #expect(try store.statement(id: other)?.answers == nil)
  }

  /// Our ids and titles are public: an answer that only names them, from a sender nobody
  /// vouched for, is linked as one that says it answers, and the response the IETF sent
  /// stays unanswered; the same from a sender authenticated for SG15's domain marks it
  /// answered (issue 14).
  @Test func anAnswerNamingOnlyOurIdIsBelievedOnlyFromTheBodysDomain() async throws {
    let draft = try await receive(
      from: Self.chair, to: respondAddress, body: "The CCAMP WG thanks SG15.")
    try await receive(from: Self.ad, to: try approveAddress(), body: "APPROVE")
    func answer(from: String, id: String, authenticated: Bool) -> [UInt8] {
      var text = "From: SG15 <\(from)>\r\nTo: \(Self.gateway)\r\n"
      text += "Subject: Reply LS on OTN slicing \(id)\r\nMessage-ID: <\(id)@example.org>\r\n"
      text += "Date: Tue, 24 Nov 2026 12:00:00 +0000\r\n\r\n"
      text += "Title: Reply LS on OTN slicing\r\nSource: ITU-T SG15\r\nTo: IETF CCAMP WG\r\n"
      text += "Response to: \(draft)\r\nPurpose: For information\r\n\r\nSG15 thanks the IETF.\r\n"
      let field = authenticated ? Self.authentication(from) : ""
      return Array((field + text).utf8)
    }
    let claimed = try await receive(
      answer(from: "someone@elsewhere.example", id: "a1", authenticated: false))
    let claim = try #require(try store.statement(id: claimed))
    #expect(claim.answers == draft, "still linked: \(claim.events)")
    #expect(claim.events.contains { $0.kind == .unverifiedAnswer })
    let ours = try #require(try store.statement(id: draft))
    #expect(ours.state != .answered, "\(ours.events)")
    #expect(ours.events.contains { $0.kind == .unverifiedAnswer && $0.detail.contains(claimed) })

    // Authenticated, but for another domain than the body the response went to.
    let foreign = try await receive(
      answer(from: "rapporteur@elsewhere.example", id: "a2", authenticated: true))
    #expect(
      try store.statement(id: foreign)?.events.contains { $0.kind == .unverifiedAnswer } == true)
    #expect(try store.statement(id: draft)?.state != .answered)

    let believed = try await receive(answer(from: Self.sdo, id: "a3", authenticated: true))
    #expect(try store.statement(id: believed)?.answers == draft)
    #expect(try store.statement(id: believed)?.events.contains { $0.kind == .linked } == true)
    #expect(try store.statement(id: draft)?.state == .answered)
  }

  @Test func anAuthenticatedChairsResponseGoesOutOnceTheADApproves() async throws {
    let draft = try await receive(
      from: Self.chair, to: respondAddress,
      body: "The CCAMP WG thanks SG15.\r\n\r\nOn Mon, IETF wrote:\r\n> Please consider.")
    #expect(try toSDO().isEmpty)
    #expect(try store.statement(id: draft)?.state == .awaitingApproval)
    let request = try #require(try outbox().first { $0.kind == "approval_request" })
    #expect(request.recipients == [Self.ad])
    // A pending draft does not stop the reminders.
    #expect(
      !(try process.dueReminders(now: LiaisonProcessTests.day("2027-03-01", plus: -1)).isEmpty))

    try await receive(from: Self.ad, to: try approveAddress(), body: "APPROVE\r\n\r\n> quoted")
    let sent = try toSDO()
    #expect(sent.count == 1)
    let mail = try #require(sent.first)
    let headers = LiaisonProcessTests.headers(mail)
    let text = String(decoding: mail.data, as: UTF8.self)
    #expect(headers["to"] == Self.sdo)
    #expect(headers["cc"]?.contains(Self.chair) == true)
    #expect(headers["cc"]?.contains(Self.ad) == true)
    #expect(headers["auto-submitted"] == nil)
    // The IETF side's Send Reply To: the liaison manager for SG15.
    #expect(headers["reply-to"] == "itu-t-sg15-liaison@ietf.org")
    #expect(text.hasSuffix("The CCAMP WG thanks SG15.\r\n"))
    #expect(text.contains("Title: Re: LS on OTN network slicing"))
    #expect(text.contains("The CCAMP WG thanks SG15."))
    #expect(!text.contains("Please consider") && !text.contains("+approve-"))
    #expect(try store.statement(id: original)?.state == .answered)
    #expect(try store.statement(id: original)?.responses == [draft])
    // The same APPROVE again sends nothing more.
    try await receive(from: Self.ad, to: try approveAddress(), body: "APPROVE")
    #expect(try toSDO().count == 1)
    let written = Set(try store.export().flatMap { $0.events.map(\.kind) })
    #expect(written.isSubset(of: EventKind.allCases), "\(written.subtracting(EventKind.allCases))")
  }

  /// The same path with the signatures made by dkimpy as ietf.org's server would, and
  /// checked by dkimpy's verifier, which adds the Authentication-Results, as the MTA would.
  @Test func theLegitimatePathWithRealDKIMSignatures() async throws {
    func delivered(_ mail: [UInt8]) throws -> [UInt8] {
      try DKIMBench.with { bench in
        try bench.keygen(selector: "s2026", domain: "ietf.org")
        return try bench.deliver(mail, authservID: Self.mta)
      }
    }
    let chairMail = try delivered(
      Self.mail(from: Self.chair, to: respondAddress, body: "The CCAMP WG thanks SG15."))
    #expect(String(decoding: chairMail, as: UTF8.self).contains("dkim=pass"))
    let draft = try await receive(chairMail)
    #expect(try store.statement(id: draft)?.state == .awaitingApproval)
    #expect(try toSDO().isEmpty)
    let approval = try delivered(
      Self.mail(from: Self.ad, to: try approveAddress(), body: "APPROVE"))
    try await receive(approval)
    #expect(try toSDO().count == 1)
    #expect(try store.statement(id: original)?.state == .answered)
    // The same signed mail with its body changed on the way fails DKIM and approves nothing.
    let tampered = try DKIMBench.with { bench in
      try bench.keygen(selector: "s2026", domain: "ietf.org")
      let signed = try bench.sign(
        Self.mail(from: Self.ad, to: respondAddress, body: "NO RESPONSE NEEDED"))
      let text = String(decoding: signed, as: UTF8.self)
      return try bench.receive(
        Array(text.replacingOccurrences(of: "NO RESPONSE", with: "ACTION TAKEN NO").utf8),
        authservID: Self.mta)
    }
    let refused = try await receive(tampered)
    #expect(
      try store.statement(id: refused)?.events.contains { $0.kind == .commandRefused } == true)
  }

  @Test func aResponseByItsApproverIsApprovedOnSubmission() async throws {
    try await receive(from: Self.ad, to: respondAddress, body: "The Routing Area thanks SG15.")
    #expect(try toSDO().count == 1)
    #expect(try outbox().allSatisfy { $0.kind != "approval_request" })
    #expect(try store.statement(id: original)?.state == .answered)
  }

  @Test func rejectTellsTheSubmitterAndSendsNothing() async throws {
    let draft = try await receive(from: Self.chair, to: respondAddress, body: "Draft text.")
    try await receive(from: Self.ad, to: try approveAddress(), body: "REJECT needs WG consensus")
    #expect(try toSDO().isEmpty)
    #expect(try store.statement(id: draft)?.state == .closed)
    let told = try #require(try outbox().first { $0.kind == "command_reply" })
    #expect(told.recipients == [Self.chair])
    #expect(String(decoding: told.data, as: UTF8.self).contains("needs WG consensus"))
  }

  @Test func actionTakenStopsTheRemindersAndDeadlineMovesThem() async throws {
    try await receive(from: Self.ad, to: respondAddress, body: "DEADLINE 2027-04-01")
    #expect(try store.statement(id: original)?.statement.deadline == "2027-04-01")
    try await receive(from: Self.chair, to: respondAddress, body: "ACTION TAKEN")
    #expect(try store.statement(id: original)?.state == .closed)
    #expect(try process.dueReminders(now: LiaisonProcessTests.day("2027-04-01", plus: -1)).isEmpty)
    #expect(try toSDO().isEmpty)
  }

  @Test func aDraftLapsesAndItsSubmitterIsTold() async throws {
    let draft = try await receive(from: Self.chair, to: respondAddress, body: "Draft text.")
    try process.sendReminders(now: Self.received.addingTimeInterval(15 * 86_400))
    #expect(try store.statement(id: draft)?.state == .closed)
    #expect(try store.statement(id: draft)?.events.contains { $0.kind == .lapsed } == true)
    #expect(try outbox().contains { $0.kind == "command_reply" && $0.recipients == [Self.chair] })
    #expect(try toSDO().isEmpty)
  }

  /// A copy to a mailing list (archived) never carries a command address.
  @Test func aCopyToAMailingListCarriesNoCommandAddress() throws {
    let mail = PlannedMail(
      kind: .notification, statementID: original, dedupeKey: "notify:test",
      to: [Self.chair, "ccamp@ietf.org"], subject: "Liaison statement", body: "text",
      replyTo: [Self.chair], headers: ["X-Liaison-Respond": respondAddress])
    let queued = try process.enqueue([mail], now: Self.received)
    #expect(queued.map(\.to) == [[Self.chair], ["ccamp@ietf.org"]])
    let toList = try #require(try outbox().first { $0.recipients == ["ccamp@ietf.org"] })
    let text = String(decoding: toList.data, as: UTF8.self)
    #expect(!text.contains("+ls-") && !text.lowercased().contains("x-liaison-respond"))
    let toChair = try #require(try outbox().first { $0.recipients == [Self.chair] })
    #expect(LiaisonProcessTests.headers(toChair)["x-liaison-respond"] == respondAddress)
  }

  @Test func commandWords() {
    #expect(CommandGate.command(in: "\n  approve \n> x") == .approve)
    #expect(CommandGate.command(in: "No") == nil)
    #expect(CommandGate.command(in: "APPROVE, but fix the typo") == nil)
    #expect(CommandGate.command(in: "REJECT too early") == .reject(reason: "too early"))
    #expect(CommandGate.command(in: "ROUTE teas, ccamp") == .route(["teas", "ccamp"]))
    #expect(CommandGate.command(in: "DEADLINE 2027-13-45") == nil)
    #expect(CommandGate.command(in: "No response needed") == .noResponseNeeded)
  }
}
