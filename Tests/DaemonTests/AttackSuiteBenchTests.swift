import Foundation
import Hummingbird
import HummingbirdTesting
import Liaison
import MIME
import MailBenchSupport
import Store
import Testing
import Web
import Workflow

@testable import Daemon

/// SPEC.md "Speaking for the IETF", tried as an outsider would, on the real bench: mail
/// goes into Dovecot's INBOX (DKIM-signed by its sender's server and verified by dkimpy
/// as the receiving MTA `mx.iab.org` would, or forged), the daemon's own cycle handles it,
/// and what the SMTP server received is the verdict. Every attack ends with no mail outside
/// the IETF side (above all none to the victim or the SDO), each of its mails a private
/// record listed on `/iab`, and the public record (`/`, `/api`, feeds) as it was. The
/// legitimate paths end with exactly one response to Send Reply To, in SPEC's form.
///
/// The 50 forged For-Information statements at one victim are `OutboundBoundsBenchTests`.
@Suite("Who may speak for the IETF, on the mail bench", .serialized, .sharedMailBench)
struct AttackSuiteBenchTests {
  typealias ReceivedMail = ProcessEndToEndTests.ReceivedMail

  static let mta = "mx.iab.org"
  static let gateway = "liaison-coordination@iab.org"
  static let chair = "ccamp-chairs@ietf.org"
  static let ad = "rtg-ads@ietf.org"
  static let manager = "itu-t-sg15-liaison@ietf.org"
  static let sdo = "tsbsg15@itu.int"
  static let victim = "victim@victim.example"
  static let mallory = "mallory@attacker.example"

  // MARK: Attacks

  @Test("a guessed +ls- address, bare or with a wrong token, is a stranger's, even from a chair")
  func guessedAddresses() async throws {
    try await Gateway.with { g in
      let otn = try await g.receive(fixture: "itu-t-docx-action")
      g.markBaseline()
      for address in [otn.bareAddress, otn.wrongTokenAddress] {
        try await g.send(
          .signed, TestMail.text(from: Self.chair, to: address, subject: otn.re, body: Self.text))
      }
      try await g.cycle()
      let sent = try await g.expectContained(
        attacks: 2, refused: 2, original: otn, outside: [Self.sdo])
      #expect(sent.isEmpty, "a refusal sends nothing at all: \(sent)")
    }
  }

  /// How a forger makes a registered chair's From look authentic.
  enum Forgery: String, CaseIterable, Sendable {
    case noAuthenticationResults
    case foreignAuthservID
    case dkimFail
    /// A field claiming our own MTA's id, which the MTA removes and replaces.
    case ourAuthservIDForged
  }

  @Test("a forged From of a registered chair is not authenticated", arguments: Forgery.allCases)
  func forgedChair(_ forgery: Forgery) async throws {
    try await Gateway.with { g in
      let otn = try await g.receive(fixture: "itu-t-docx-action")
      g.markBaseline()
      // The respond address leaked: the sender's authentication is the guard left.
      try await g.forge(forgery, from: Self.chair, to: otn.respond, subject: otn.re)
      try await g.cycle()
      let sent = try await g.expectContained(
        attacks: 1, refused: 1, original: otn, outside: [Self.sdo])
      #expect(sent.isEmpty, "a refusal sends nothing at all: \(sent)")
    }
  }

  @Test("a stranger's reply with a forged Cc of the ADs reaches nobody outside and answers nothing")
  func forgedCcOfTheADs() async throws {
    try await Gateway.with { g in
      let otn = try await g.receive(fixture: "itu-t-docx-action")
      g.markBaseline()
      // Authenticated for its own domain, holding the leaked respond address.
      try await g.send(
        .signed,
        TestMail.text(
          from: Self.mallory, to: otn.respond, cc: Self.ad, subject: otn.re,
          body: "The IETF agrees with everything."))
      // The old trick: the bare address, a chair's name, the ADs copied.
      try await g.send(
        .asIs,
        TestMail.text(
          from: Self.chair, to: otn.bareAddress, cc: Self.ad, subject: otn.re, body: Self.text))
      try await g.cycle()
      let sent = try await g.expectContained(
        attacks: 2, refused: 2, original: otn, outside: [Self.sdo])
      #expect(sent.isEmpty, "a refusal sends nothing at all: \(sent)")
      #expect(
        try await g.run.remindersDue(at: Self.deadlineDay, for: otn.id) == 1, "still reminded")
    }
  }

  /// What someone tries on a draft waiting for the AD.
  enum ApprovalTrick: String, CaseIterable, Sendable {
    /// The submitting chair approves its own draft.
    case nonApprover
    /// The AD answers "No" above the quoted request.
    case approverWritesNo
    /// The AD's APPROVE goes to the approve address of other content (an earlier text).
    case replayForOtherContent
  }

  @Test(
    "an approval that is not an approver's yes for this exact draft sends nothing",
    arguments: ApprovalTrick.allCases)
  func approvalTricks(_ trick: ApprovalTrick) async throws {
    try await Gateway.with { g in
      let otn = try await g.receive(fixture: "itu-t-docx-action")
      let draft = try await g.submitDraft(to: otn, from: Self.chair, approvers: [Self.ad])
      g.markBaseline()
      try await g.play(trick, on: draft, subject: otn.re)
      try await g.cycle()
      let mails = try await g.expectContained(
        attacks: 1, refused: trick == .approverWritesNo ? 0 : 1, original: otn,
        outside: [Self.sdo])
      #expect(try g.store.statement(id: draft.id)?.state == .awaitingApproval)
      if trick == .approverWritesNo {
        // A comment, forwarded to the submitter only.
        #expect(mails.map(\.recipients) == [[Self.chair]], "\(mails)")
        #expect(mails.first?.body.contains("has a comment from \(Self.ad)") == true)
      } else {
        #expect(mails.isEmpty, "a refusal sends nothing at all: \(mails)")
      }
    }
  }

  @Test("a chair's reply-all to the notification is discussion: never relayed, never public")
  func replyAllToTheNotification() async throws {
    try await Gateway.with { g in
      let otn = try await g.receive(fixture: "itu-t-docx-action")
      g.markBaseline()
      try await g.replyAll(to: otn)
      try await g.cycle()
      try g.expectNoMailOut(original: otn, outside: [Self.sdo])
      try await g.expectPrivate(attacks: 1)
    }
  }

  @Test(
    "a statement naming a victim as Send Reply To, then every reply trick: the victim gets nothing")
  func victimAsSendReplyTo() async throws {
    try await Gateway.with { g in
      let forged = try await g.receive(
        statement: Self.statement(
          title: "LS on victim relay", to: "IETF CCAMP WG", sendReplyTo: Self.victim,
          from: "ITU-T SG15 <rapporteur@itu.int>"))
      // An incoming statement is public (SPEC "The public record"); its page tells readers
      // that nobody vouched for its sender.
      let page = try await g.web(["/ls/\(forged.id)"])["/ls/\(forged.id)"]
      #expect(page?.status == 200 && page?.body.contains("not authenticated") == true)
      let draft = try await g.submitDraft(to: forged, from: Self.chair, approvers: [Self.ad])
      g.markBaseline()
      for address in [forged.bareAddress, forged.wrongTokenAddress] {
        try await g.send(
          .signed, TestMail.text(from: Self.chair, to: address, subject: forged.re, body: Self.text)
        )
      }
      for forgery in Forgery.allCases {
        try await g.forge(forgery, from: Self.chair, to: forged.respond, subject: forged.re)
      }
      try await g.send(
        .signed,
        TestMail.text(
          from: Self.mallory, to: forged.respond, cc: Self.ad, subject: forged.re,
          body: "The IETF agrees with everything."))
      for trick in ApprovalTrick.allCases {
        try await g.play(trick, on: draft, subject: forged.re)
      }
      let attacks = 2 + Forgery.allCases.count + 1 + ApprovalTrick.allCases.count
      try await g.cycle()
      // Not refused: the AD's "No", a comment for the submitter.
      try await g.expectContained(
        attacks: attacks, refused: attacks - 1, original: forged, outside: [Self.victim])
      #expect(try g.store.statement(id: draft.id)?.state == .awaitingApproval)

      g.markBaseline()
      try await g.replyAll(to: forged)
      try await g.cycle()
      try g.expectNoMailOut(original: forged, outside: [Self.victim])
      try await g.expectPrivate(attacks: 1)
    }
  }

  // MARK: The legitimate paths

  /// One row of seed 004 section 4.1: a statement, who drafts the response, who approves.
  struct Path: Sendable, CustomTestStringConvertible {
    var name: String
    var statement: Statement
    var submitter: String
    var approver: String
    /// On the approval request besides `approver`: the other approvers (the IAB Executive
    /// Director) and those copied (the IAB, for the IRTF).
    var alsoAsked: [String]
    var sendReplyTo: String
    /// The response's Cc: liaison manager, approver, copied, the group's chairs.
    var cc: [String]
    var testDescription: String { name }
  }

  enum Statement: Sendable {
    case fixture(String)
    case written(to: String, sendReplyTo: String)
  }

  static let paths = [
    Path(
      name: "a WG chair's response, the AD's APPROVE", statement: .fixture("itu-t-docx-action"),
      submitter: chair, approver: ad, alsoAsked: [], sendReplyTo: sdo,
      cc: [manager, ad, chair, "teas-chairs@ietf.org"]),
    Path(
      name: "an IETF response, the IETF Chair's APPROVE",
      statement: .written(to: "IETF", sendReplyTo: "sg15-ietf@itu.int"), submitter: manager,
      approver: "chair@ietf.org", alsoAsked: [], sendReplyTo: "sg15-ietf@itu.int",
      cc: [manager, "chair@ietf.org"]),
    Path(
      name: "an IAB response, the IAB Chair's APPROVE",
      statement: .written(to: "IAB", sendReplyTo: "sg15-iab@itu.int"), submitter: manager,
      approver: "iab-chair@iab.org", alsoAsked: ["execd@iab.org"], sendReplyTo: "sg15-iab@itu.int",
      cc: [manager, "iab-chair@iab.org"]),
    Path(
      name: "an IRTF RG response, the IRTF Chair's APPROVE, the IAB copied",
      statement: .written(to: "IRTF CFRG", sendReplyTo: "sg15-cfrg@itu.int"),
      submitter: "cfrg-chairs@irtf.org", approver: "irtf-chair@irtf.org",
      alsoAsked: ["iab@iab.org"], sendReplyTo: "sg15-cfrg@itu.int",
      cc: [manager, "irtf-chair@irtf.org", "iab@iab.org", "cfrg-chairs@irtf.org"]),
  ]

  @Test(
    "the legitimate path: exactly one response to Send Reply To, in SPEC's form",
    arguments: paths)
  func legitimatePath(_ path: Path) async throws {
    try await Gateway.with { g in
      let original: Received
      switch path.statement {
      case .fixture(let name): original = try await g.receive(fixture: name)
      case .written(let to, let sendReplyTo):
        original = try await g.receive(
          statement: Self.statement(
            title: "LS on slicing for \(to)", to: to, sendReplyTo: sendReplyTo))
      }
      let draft = try await g.submitDraft(
        to: original, from: path.submitter, approvers: [path.approver] + path.alsoAsked,
        body: "\(Self.text)\r\n\r\nOn Mon, ITU-T SG15 wrote:\r\n> Please consider.")
      try await g.send(
        .signed,
        TestMail.text(
          from: path.approver, to: draft.approve, subject: "Re: approval",
          body: "APPROVE\r\n\r\n> quoted request"))
      try await g.cycle()

      let mails = try g.newMail()
      let responses = mails.filter { $0.recipients.contains(path.sendReplyTo) }
      #expect(responses.count == 1, "\(mails)")
      #expect(mails.count == 1, "nothing else goes out: \(mails)")
      let response = try #require(responses.first)
      let header = response.header
      #expect(header.addresses("from").map(\.address) == [Self.gateway])
      #expect(header.addresses("to").map { $0.address.lowercased() } == [path.sendReplyTo])
      #expect(
        Set(header.addresses("cc").map { $0.address.lowercased() }) == Set(path.cc),
        "\(header.addresses("cc"))")
      #expect(response.replyTo == Self.manager, "the IETF side's Send Reply To")
      #expect(response.autoSubmitted == nil, "a statement written by people")
      #expect(response.subject == original.re)
      // The metadata block (SPEC "What goes out"; the draft set no deadline), a blank line,
      // and the response text alone.
      let parts = response.body.trimmingCharacters(in: .whitespacesAndNewlines)
        .components(separatedBy: "\n\n")
      #expect(parts.count == 2 && parts.last == Self.text, "\(response.body)")
      let block = parts.first?.components(separatedBy: "\n") ?? []
      #expect(
        block.map { $0.prefix { $0 != ":" } }
          == ["Title", "From", "To", "Purpose", "In response to", "Send Reply To"], "\(block)")
      let lines = [
        "Title: \(original.re)", "Purpose: In response",
        "In response to: \(original.title) (\(original.id))", "Send Reply To: \(Self.manager)",
      ]
      for line in lines { #expect(block.contains(line), "\(line): \(block)") }
      #expect(block.contains { $0.hasPrefix("To: ITU-T") }, "\(block)")
      #expect(!response.body.contains("Please consider") && !response.body.contains("wrote:"))
      #expect(!Self.namesCommandAddress(response.body), "\(response.body)")
      #expect(response.field("x-liaison-respond") == nil)
      #expect(response.field("x-liaison-approve") == nil)

      let answered = try #require(try g.store.statement(id: original.id))
      #expect(answered.state == .answered)
      #expect(answered.responses == [draft.id])
      #expect(try await g.run.remindersDue(at: Self.deadlineDay, for: original.id) == 0)
    }
  }

  // MARK: Mail

  static let text = "The CCAMP WG thanks SG15 for the information."
  static let deadlineDay = ProcessEndToEndTests.instant("2027-03-01T08:00:00Z")

  /// A liaison statement from ITU-T SG15 to `to`, for action, by default unauthenticated as
  /// most are.
  static func statement(
    title: String, to: String, sendReplyTo: String,
    from: String = "ITU-T SG15 <tsbsg15@itu.int>"
  ) -> [UInt8] {
    TestMail.text(
      from: from, to: gateway, subject: title,
      body: """
        Title: \(title)\r
        From: ITU-T SG15\r
        To: \(to)\r
        Send Reply To: \(sendReplyTo)\r
        Purpose: For action\r
        Deadline: 2027-03-01\r
        \r
        Please consider the attached requirements and respond by the deadline.
        """,
      date: "Mon, 23 Nov 2026 08:00:00 +0000", messageID: "<\(UUID().uuidString)@itu.int>")
  }

  static func namesCommandAddress(_ text: String) -> Bool {
    let lower = text.lowercased()
    return lower.contains("liaison-coordination+") || lower.contains("+approve")
  }

  /// The IETF side (the registry's role addresses of these tests): an attack may reach it,
  /// as a refusal's comment or a discussion does; any other address is outside.
  static func isIETFSide(_ address: String) -> Bool {
    ["@ietf.org", "@iab.org", "@irtf.org"].contains { address.lowercased().hasSuffix($0) }
  }
}

extension ProcessEndToEndTests.ReceivedMail {
  /// A header field's value, unfolded and trimmed.
  func field(_ name: String) -> String? {
    header[name]?.trimmingCharacters(in: .whitespacesAndNewlines)
  }
}

extension AttackSuiteBenchTests {
  /// A routed statement as the test knows it: its id, title and command addresses.
  struct Received {
    var id: String
    var title: String
    /// The secret respond address its notification carried.
    var respond: String
    var re: String { "Re: \(title)" }
    /// The old, public form a stranger can guess from the id.
    var bareAddress: String { "liaison-coordination+\(id.lowercased())@iab.org" }
    /// The respond address with its token's last character changed.
    var wrongTokenAddress: String {
      let at = respond.lastIndex(of: "@")!
      let end = respond.index(before: at)
      return String(respond[..<end]) + (respond[end] == "a" ? "b" : "a") + String(respond[at...])
    }
    /// The notification's Message-ID and Reply-To, for a reply-all.
    var notificationID: String
    var receivers: [String]
  }

  /// A draft waiting for approval and its approve address.
  struct Draft {
    var id: String
    var approve: String
  }

  /// How a mail reaches the INBOX.
  enum Delivery {
    /// Signed by the From domain's server, verified by the receiving MTA.
    case signed
    /// Exactly as given: no MTA stamped it.
    case asIs
  }

  /// One test's gateway on the suite's bench: a daemon with trust configured (our MTA's
  /// authserv-id, a token key), the senders' DKIM keys, and the web record of its store.
  final class Gateway {
    let run: ProcessEndToEndTests.Run
    let dkim: DKIMBench
    var store: LiaisonStore { run.daemon.store }
    private var publicBefore: Set<String> = []
    private var privateBefore: Set<String> = []

    private init(run: ProcessEndToEndTests.Run, dkim: DKIMBench) {
      self.run = run
      self.dkim = dkim
    }

    static func with(_ body: (Gateway) async throws -> Void) async throws {
      let servers = try #require(SharedMailBench.current, "the suite shares one bench")
      let keys = try TemporaryDirectory()
      defer { keys.remove() }
      let key = try keys.write("token-key", String(repeating: "k", count: 32), permissions: 0o600)
      try await ProcessEndToEndTests.Run.with(
        at: ProcessEndToEndTests.receipt, on: servers.mail,
        extra: "trust:\n  authserv_id: [\(mta)]\n  token_key_file: \(key)\n"
      ) { run in
        try await body(Gateway(run: run, dkim: servers.dkim))
      }
    }

    func send(_ delivery: Delivery, _ mail: [UInt8]) async throws {
      let raw: [UInt8]
      switch delivery {
      case .signed: raw = try dkim.deliver(mail, authservID: mta)
      case .asIs: raw = mail
      }
      try await run.append(mail: String(decoding: raw, as: UTF8.self))
    }

    func cycle() async throws {
      try await run.cycle(at: run.clock.now().addingTimeInterval(600))
    }

    func newMail(sourceLocation: SourceLocation = #_sourceLocation) throws -> [ReceivedMail] {
      try run.newMail(sourceLocation: sourceLocation)
    }

    func receive(fixture name: String) async throws -> Received {
      try await run.append(fixtures: [name])
      return try await received()
    }

    func receive(statement: [UInt8]) async throws -> Received {
      try await send(.asIs, statement)
      return try await received()
    }

    /// The statement the last cycle recorded, and its notification's respond address.
    private func received() async throws -> Received {
      try await cycle()
      let mails = try newMail()
      // No acknowledgement to an unauthenticated sender, nor to the Send Reply To it typed.
      #expect(mails.allSatisfy { $0.recipients.allSatisfy(AttackSuiteBenchTests.isIETFSide) })
      let notification = try #require(
        mails.first { $0.subject.hasPrefix("Liaison statement ") }, "\(mails)")
      let record = try #require(
        try store.export(scope: .publicRecord).first {
          notification.subject.hasPrefix("Liaison statement \($0.id):")
        })
      return Received(
        id: record.id, title: record.statement.title ?? "",
        respond: try #require(notification.field("x-liaison-respond")),
        notificationID: try #require(notification.field("message-id")),
        receivers: notification.header.addresses("reply-to").map(\.address))
    }

    /// An authenticated draft response from `from`; returns it once the approval request
    /// reached exactly `approvers` (with those copied), and nobody else.
    func submitDraft(
      to original: Received, from: String, approvers: [String],
      body: String = AttackSuiteBenchTests.text
    ) async throws -> Draft {
      try await send(
        .signed, TestMail.text(from: from, to: original.respond, subject: original.re, body: body))
      try await cycle()
      let mails = try newMail()
      #expect(mails.count == 1, "only the approval request: \(mails)")
      let request = try #require(mails.first { $0.subject.hasPrefix("Approval needed") })
      #expect(request.recipients == approvers.sorted())
      let draft = try #require(
        try store.export().first { $0.state == .awaitingApproval }, "no draft awaits approval")
      return Draft(id: draft.id, approve: try #require(request.field("x-liaison-approve")))
    }

    func forge(_ forgery: Forgery, from: String, to: String, subject: String) async throws {
      let mail = TestMail.text(from: from, to: to, subject: subject, body: text)
      switch forgery {
      case .noAuthenticationResults:
        try await send(.asIs, mail)
      case .foreignAuthservID:
        let field = TestMail.authenticationResults(from, authserv: "mx.attacker.example")
        try await send(.asIs, Array(field.utf8) + mail)
      case .dkimFail:
        // The chair's signed mail, its text changed on the way: the verifier says fail.
        let signed = String(decoding: try dkim.sign(mail), as: UTF8.self)
        let changed = signed.replacingOccurrences(of: "thanks", with: "rejects")
        let raw = try dkim.receive(Array(changed.utf8), authservID: mta)
        #expect(String(decoding: raw, as: UTF8.self).contains("dkim=fail"))
        try await send(.asIs, raw)
      case .ourAuthservIDForged:
        let field = TestMail.authenticationResults(from, authserv: mta)
        let raw = String(
          decoding: try dkim.receive(Array(field.utf8) + mail, authservID: mta), as: UTF8.self)
        #expect(raw.contains("dkim=none") && !raw.contains("dmarc=pass"), "the MTA replaced it")
        try await send(.asIs, Array(raw.utf8))
      }
    }

    func play(_ trick: ApprovalTrick, on draft: Draft, subject: String) async throws {
      switch trick {
      case .nonApprover:
        try await send(
          .signed, TestMail.text(from: chair, to: draft.approve, subject: subject, body: "APPROVE"))
      case .approverWritesNo:
        try await send(
          .signed,
          TestMail.text(
            from: ad, to: draft.approve, subject: subject, body: "No\r\n\r\n> APPROVE"))
      case .replayForOtherContent:
        let process = await run.daemon.state.pipeline.process
        let tokens = try #require(process.configuration.commandTokens)
        let stale = tokens.approveAddress(
          draft: draft.id, contentHash: SHA256Hex.of(Array("an earlier text".utf8)), on: gateway)
        #expect(stale != draft.approve)
        try await send(
          .signed, TestMail.text(from: ad, to: stale, subject: subject, body: "APPROVE"))
      }
    }

    /// The chair answers the notification with reply-all: its Reply-To (the receivers),
    /// and the central address it came from.
    func replyAll(to original: Received) async throws {
      try await send(
        .signed,
        TestMail.text(
          from: chair, to: original.receivers.joined(separator: ", "), cc: gateway,
          subject: "Re: Liaison statement \(original.id): \(original.title)",
          body: "Shall we answer? I think yes.\r\n\r\n> A liaison statement was received",
          inReplyTo: original.notificationID))
    }

    /// From here on, records and public items are the attack's.
    func markBaseline() {
      publicBefore = Set((try? store.export(scope: .publicRecord).map(\.id)) ?? [])
      privateBefore = Set((try? store.privateMail(limit: 1000, offset: 0).items.map(\.id)) ?? [])
    }

    /// What SPEC requires after an attack of `attacks` mails (`refused` of them refused by
    /// the gate; nil: not checked): `expectNoMailOut` and `expectPrivate`. Returns the mail that did go out
    /// (inside the IETF).
    @discardableResult
    func expectContained(
      attacks: Int, refused: Int? = nil, original: Received, outside: [String],
      sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> [ReceivedMail] {
      let mails = try expectNoMailOut(
        original: original, outside: outside, sourceLocation: sourceLocation)
      try await expectPrivate(attacks: attacks, refused: refused, sourceLocation: sourceLocation)
      return mails
    }

    /// No mail outside the IETF side since the last look, none to `outside`, and `original`
    /// unanswered.
    @discardableResult
    func expectNoMailOut(
      original: Received, outside: [String], sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> [ReceivedMail] {
      let mails = try newMail(sourceLocation: sourceLocation)
      let leaked = mails.filter { !$0.recipients.allSatisfy(AttackSuiteBenchTests.isIETFSide) }
      #expect(leaked.isEmpty, "mail left the IETF side: \(leaked)", sourceLocation: sourceLocation)
      for address in outside {
        #expect(
          !mails.contains { $0.recipients.contains(address) }, "\(address) got mail",
          sourceLocation: sourceLocation)
      }
      let record = try #require(
        try store.statement(id: original.id), sourceLocation: sourceLocation)
      #expect(record.state != .answered && record.responses.isEmpty, sourceLocation: sourceLocation)
      return mails
    }

    /// Since the baseline, `attacks` new private records (`refused` of them refused, when
    /// given), each
    /// on `/iab` and absent from `/ls`, `/api` and the feed; the public record, pages, API
    /// and feed as before; no command address on any page.
    func expectPrivate(
      attacks: Int, refused: Int? = nil, sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
      let added = try store.privateMail(limit: 1000, offset: 0).items.map(\.id)
        .filter { !privateBefore.contains($0) }
      #expect(
        added.count == attacks, "each attack mail is a private record: \(added)",
        sourceLocation: sourceLocation)
      let refusals = try added.filter { id in
        try store.statement(id: id)?.events.contains { $0.kind == .commandRefused } == true
      }
      if let refused {
        #expect(refusals.count == refused, sourceLocation: sourceLocation)
      }
      let publicNow = Set(try store.export(scope: .publicRecord).map(\.id))
      #expect(
        publicNow == publicBefore, "public: \(publicNow.subtracting(publicBefore))",
        sourceLocation: sourceLocation)

      let uris =
        ["/iab", "/", "/api/statements?limit=1000", "/feeds/recent.atom"]
        + added.flatMap {
          ["/ls/\($0)", "/api/statements/\($0)"]
        }
      let pages = try await web(uris)
      let iab = pages["/iab"]?.body ?? ""
      for id in added {
        #expect(iab.contains(id), "\(id) is not on /iab", sourceLocation: sourceLocation)
        #expect(pages["/ls/\(id)"]?.status == 404, sourceLocation: sourceLocation)
        #expect(pages["/api/statements/\(id)"]?.status == 404, sourceLocation: sourceLocation)
        for uri in ["/", "/api/statements?limit=1000", "/feeds/recent.atom"] {
          #expect(pages[uri]?.status == 200, sourceLocation: sourceLocation)
          #expect(
            pages[uri]?.body.contains(id) == false, "\(id) on \(uri)",
            sourceLocation: sourceLocation)
        }
      }
      #expect(
        pages["/api/statements?limit=1000"]?.total == String(publicBefore.count),
        sourceLocation: sourceLocation)
      #expect(
        !Self.anyCommandAddress(in: pages.values.map(\.body)), "a token on a page",
        sourceLocation: sourceLocation)

    }

    static func anyCommandAddress(in pages: [String]) -> Bool {
      pages.contains { $0.lowercased().contains("liaison-coordination+") }
    }

    struct Page {
      var status: Int
      var body: String
      var total: String?
    }

    /// GET each of `uris` from the web record of this gateway's store.
    func web(_ uris: [String]) async throws -> [String: Page] {
      let router = try buildRouter(
        repository: store, options: WebOptions(host: "127.0.0.1", port: 0),
        now: { ProcessEndToEndTests.receipt })
      return try await Application(router: router).test(.router) { client in
        var pages: [String: Page] = [:]
        for uri in uris {
          pages[uri] = try await client.execute(uri: uri, method: .get) { response in
            Page(
              status: response.status.code, body: String(buffer: response.body),
              total: response.headers[HTTPFields.Element.Name("X-Total-Count")!])
          }
        }
        return pages
      }
    }
  }
}
