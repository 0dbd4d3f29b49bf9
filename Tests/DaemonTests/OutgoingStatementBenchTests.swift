import Foundation
import Hummingbird
import HummingbirdTesting
import Liaison
import Logging
import MIME
import MailBenchSupport
import Store
import Testing
import Web
import Workflow

@testable import Daemon

/// The IETF's own statements end to end on the real bench (SPEC.md, "What goes out"):
/// submissions mailed to `liaison-coordination+new@iab.org`, signed with real DKIM keys and
/// verified by the bench's verifier as the receiving MTA (`mx.iab.org`), the daemon's own
/// cycle, and the mail the bench's SMTP server then holds, read back with the MIME parser.
@Suite("Outgoing statements on the mail bench", .serialized)
struct OutgoingStatementBenchTests {
  static let mta = "mx.iab.org"
  static let iabContact = "iab-liaison-triage@iab.org"
  static let archive = "statements-archive@ietf.org"
  static let monday = ProcessEndToEndTests.instant("2026-12-07T09:00:00Z")
  static let submissions = MailBench.packageRoot.appendingPathComponent("fixtures/submissions")

  @Test(
    "a chair submits, the AD approves: one mail to Send To with the metadata block, byte-identical attachments and the copies; the record shows it sent; the answer is linked"
  )
  func chairSubmitsADApprovesAndTheAnswerIsLinked() async throws {
    try await Bench.with { run in
      let fixture = try Self.fixture("action")
      try await run.deliver(fixture, domain: "ietf.org")
      try await run.cycle()
      let requests = try run.newMail()
      #expect(requests.count == 1, "one approval request: \(requests)")
      let request = try #require(requests.first)
      #expect(request.recipients == ["rtg-ads@ietf.org"], "\(request)")
      #expect(request.subject.hasPrefix("Approval needed: outgoing liaison statement LS-"))
      let approveAddress = try #require(request.header("x-liaison-approve"))
      // Nothing is public yet.
      #expect(try run.daemon.store.export(scope: .publicRecord).isEmpty)
      let pending = try #require(
        try run.daemon.store.export().first { $0.statement.direction == .outgoing })
      #expect(pending.state == .pending)

      try await run.deliver(
        Self.mail(
          from: "rtg-ads@ietf.org", to: approveAddress, subject: "Re: \(request.subject)",
          id: "approve-1", body: "APPROVE\n"), domain: "ietf.org")
      try await run.cycle(at: Self.monday.addingTimeInterval(3600))
      let sent = try run.newMail()
      #expect(sent.count == 1, "exactly one mail: \(sent)")
      let statement = try #require(sent.first)
      #expect(
        statement.recipients
          == [
            "ccamp-chairs@ietf.org", "ccamp@ietf.org", "itu-t-sg15-liaison@ietf.org",
            "rtg-ads@ietf.org", Self.archive, "tsbsg15@itu.int",
          ].sorted(), "\(statement)")
      #expect(statement.to == ["tsbsg15@itu.int"])
      #expect(statement.replyTo == "itu-t-sg15-liaison@ietf.org")
      #expect(statement.autoSubmitted == nil, "written by people")
      #expect(
        statement.subject
          == "Liaison statement \(pending.id): Request for review of the OTN YANG model")
      let lines = statement.body.split(separator: "\n", omittingEmptySubsequences: false)
        .map { $0.trimmingCharacters(in: .whitespaces) }
      #expect(lines.first == "Title: Request for review of the OTN YANG model")
      for line in [
        "From: IETF CCAMP WG", "Send Reply To: itu-t-sg15-liaison@ietf.org",
        "To: ITU-T SG15", "Send To: tsbsg15@itu.int",
        "Purpose: For Action", "Deadline: 2099-03-01",
      ] {
        #expect(lines.contains { $0.hasPrefix(line) }, "the metadata block lacks \(line)")
      }
      #expect(statement.body.contains("to review draft-ietf-ccamp-otn-yang"))
      let expected = try Self.attachments(of: fixture)
      #expect(expected.count == 2)
      #expect(statement.attachments.map(\.name) == expected.map(\.name))
      #expect(statement.attachments.map(\.data) == expected.map(\.data), "byte-identical")

      let record = try #require(
        try run.daemon.store.statement(id: pending.id, scope: .publicRecord))
      #expect(record.state == .sent)
      #expect(record.statement.direction == .outgoing)
      #expect(record.events.contains { $0.kind == .approved && $0.detail.contains("rtg-ads") })

      // The other body answers the mail it received.
      let messageID = try #require(statement.header("message-id"))
      try await run.append(
        """
        From: SG15 Rapporteur <rapporteur@itu.int>\r
        To: liaison-coordination@iab.org\r
        Subject: Re: \(statement.subject)\r
        Date: Tue, 8 Dec 2026 10:00:00 +0000\r
        Message-ID: <sg15-answer@itu.int>\r
        In-Reply-To: \(messageID)\r
        MIME-Version: 1.0\r
        Content-Type: text/plain; charset=utf-8\r
        \r
        Title: Reply to the IETF CCAMP review request\r
        From: ITU-T SG15\r
        To: IETF CCAMP WG\r
        Purpose: For Information\r
        \r
        SG15 reviewed the model and has no comments.\r

        """)
      try await run.cycle(at: Self.monday.addingTimeInterval(86_400))
      let answered = try #require(try run.daemon.store.statement(id: pending.id))
      #expect(answered.state == .answered)
      let answer = try #require(answered.responses.first)
      #expect(try run.daemon.store.statement(id: answer)?.statement.direction == .incoming)
      #expect(try run.newMail().allSatisfy { !$0.recipients.contains("tsbsg15@itu.int") })
    }
  }

  @Test(
    "five problems come back in one reply to the chair; a stranger or a role-less sender changes nothing and nothing leaves the IETF"
  )
  func problemsAndStrangers() async throws {
    try await Bench.with { run in
      try await run.deliver(try Self.fixture("five-problems"), domain: "ietf.org")
      try await run.cycle()
      let replies = try run.newMail()
      #expect(replies.count == 1, "\(replies)")
      let reply = try #require(replies.first)
      #expect(reply.recipients == ["ccamp-chairs@ietf.org"])
      #expect(reply.body.contains("5 problems"))
      for field in ["1. Title:", "2. From:", "3. To:", "4. Purpose:", "5. Deadline:"] {
        #expect(reply.body.contains(field), "the reply lacks \(field): \(reply.body)")
      }
      #expect(try run.daemon.store.export().allSatisfy { $0.statement.direction == .incoming })

      // The same good statement, unauthenticated (no signature), and from a signed address
      // that holds no role.
      try await run.append(String(decoding: try Self.fixture("information"), as: UTF8.self))
      var strangers = String(decoding: try Self.fixture("information"), as: UTF8.self)
      strangers = strangers.replacingOccurrences(
        of: "CCAMP Chairs <ccamp-chairs@ietf.org>", with: "Mallory <mallory@example.net>"
      ).replacingOccurrences(of: "<information@", with: "<mallory@")
      try await run.deliver(Array(strangers.utf8), domain: "example.net")
      try await run.cycle(at: Self.monday.addingTimeInterval(3600))
      #expect(try run.newMail().isEmpty, "nothing to anyone")
      let records = try run.daemon.store.export()
      #expect(records.allSatisfy { $0.statement.direction == .incoming })
      #expect(records.filter { $0.events.contains { $0.kind == .commandRefused } }.count == 2)
      #expect(try run.daemon.store.export(scope: .publicRecord).isEmpty)

      // A statement the chairs sent SG15 themselves, copying the central address: outgoing,
      // sent outside the tool, never acknowledged, and on /iab.
      try await run.deliver(
        Self.mail(
          from: "CCAMP Chairs <ccamp-chairs@ietf.org>", to: "tsbsg15@itu.int",
          cc: "liaison-coordination@iab.org", subject: "LS on OTN timing", id: "outside-1",
          body:
            "Title: LS on OTN timing\nFrom: IETF CCAMP WG\nTo: ITU-T SG15\nPurpose: For Information\n\nFor your information.\n"
        ), domain: "ietf.org")
      try await run.cycle(at: Self.monday.addingTimeInterval(7200))
      let told = try run.newMail()
      #expect(told.map(\.recipients) == [[Self.iabContact]], "only the IAB is told: \(told)")
      let outside = try #require(
        try run.daemon.store.export(scope: .publicRecord).first {
          $0.statement.title == "LS on OTN timing"
        })
      #expect(outside.statement.direction == .outgoing)
      #expect(outside.state == .sent)
      #expect(outside.events.contains { $0.kind == .sentOutsideTheTool })
      // Its own outbox kind, as the subject says (not "misdirected").
      #expect(
        try run.daemon.store.sentCount(
          kind: MailKind.sentOutsideTheTool.rawValue, to: Self.iabContact,
          since: Date(timeIntervalSince1970: 0)) == 1)
      #expect(!outside.events.contains { [.acknowledged, .notified].contains($0.kind) })
      let router = try buildRouter(
        repository: run.daemon.store, options: WebOptions(host: "127.0.0.1", port: 0),
        now: { Self.monday })
      try await Application(router: router).test(.router) { client in
        try await client.execute(uri: "/iab", method: .get) { response in
          let page = String(buffer: response.body)
          #expect(page.contains("Sent outside the tool") && page.contains("LS on OTN timing"))
        }
        try await client.execute(uri: "/feeds/outgoing.atom", method: .get) { response in
          #expect(String(buffer: response.body).contains("LS on OTN timing"))
        }
        try await client.execute(uri: "/api/statements?direction=incoming", method: .get) {
          response in
          #expect(!String(buffer: response.body).contains("LS on OTN timing"))
        }
      }
    }
  }

  @Test(
    "the IAB Chair's statement is approved as submitted; an IRTF statement is approved by the IRTF Chair with the IAB copied"
  )
  func iabAndIRTFStatements() async throws {
    try await Bench.with { run in
      try await run.deliver(
        Self.submission(
          from: "iab-chair@iab.org", id: "iab-1",
          fields:
            "Title: IAB views on identifiers\nFrom: IAB\nTo: ITU-T SG15\nPurpose: For Information"),
        domain: "iab.org")
      try await run.cycle()
      let iab = try run.newMail()
      #expect(iab.count == 1, "sent at once: \(iab)")
      #expect(iab.first?.to == ["tsbsg15@itu.int"])
      #expect(iab.first?.recipients.contains("iab-chair@iab.org") == true)
      #expect(iab.first?.body.hasPrefix("Title: IAB views on identifiers") == true)

      try await run.deliver(
        Self.submission(
          from: "cfrg-chairs@irtf.org", id: "irtf-1",
          fields:
            "Title: CFRG on hybrid key exchange\nFrom: IRTF CFRG RG\nTo: ITU-T SG17\nPurpose: For Information"
        ),
        domain: "irtf.org")
      try await run.cycle(at: Self.monday.addingTimeInterval(60))
      let requests = try run.newMail()
      #expect(requests.count == 1, "\(requests)")
      let request = try #require(requests.first)
      #expect(request.recipients == ["iab@iab.org", "irtf-chair@irtf.org"], "\(request)")
      let approveAddress = try #require(request.header("x-liaison-approve"))
      // The RG chair may comment, not approve.
      try await run.deliver(
        Self.mail(
          from: "cfrg-chairs@irtf.org", to: approveAddress, subject: "Re: approval",
          id: "irtf-self-approve", body: "APPROVE\n"), domain: "irtf.org")
      try await run.cycle(at: Self.monday.addingTimeInterval(120))
      #expect(try run.newMail().isEmpty)
      try await run.deliver(
        Self.mail(
          from: "irtf-chair@irtf.org", to: approveAddress, subject: "Re: approval",
          id: "irtf-approve", body: "APPROVE\n"), domain: "irtf.org")
      try await run.cycle(at: Self.monday.addingTimeInterval(180))
      let irtf = try run.newMail()
      #expect(irtf.count == 1, "\(irtf)")
      #expect(irtf.first?.to == ["tsbsg17@itu.int"])
      #expect(irtf.first?.recipients.contains("iab@iab.org") == true, "the IAB copied")
      #expect(irtf.first?.recipients.contains("irtf-chair@irtf.org") == true)
      let sent = try run.daemon.store.export(scope: .publicRecord)
      #expect(sent.count == 2 && sent.allSatisfy { $0.state == .sent })
    }
  }

  // MARK: Mails

  static func fixture(_ name: String) throws -> [UInt8] {
    [UInt8](try Data(contentsOf: submissions.appendingPathComponent(name + ".eml")))
  }

  static func mail(
    from: String, to: String, cc: String? = nil, subject: String, id: String, body: String
  ) -> [UInt8] {
    Array(
      """
      From: \(from)\r
      To: \(to)\r\(cc.map { "\nCc: \($0)\r" } ?? "")
      Subject: \(subject)\r
      Date: Mon, 7 Dec 2026 10:00:00 +0000\r
      Message-ID: <\(id)@bench.example>\r
      MIME-Version: 1.0\r
      Content-Type: text/plain; charset=utf-8\r
      \r
      \(body.replacingOccurrences(of: "\n", with: "\r\n"))
      """.utf8)
  }

  static func submission(from: String, id: String, fields: String) -> [UInt8] {
    mail(
      from: from, to: "liaison-coordination+new@iab.org", subject: "Submission", id: id,
      body: fields + "\n\nThe statement's text.\n")
  }

  static func attachments(of raw: [UInt8]) throws -> [(name: String, data: [UInt8])] {
    try MIMEParser().parse(raw).root.walk().filter { $0.isAttachment }.map {
      ($0.filename ?? "", $0.decodedBody ?? [])
    }
  }

  /// A mail the bench's SMTP server received, read with the project's MIME parser.
  struct Received: CustomStringConvertible {
    var recipients: [String]
    var message: MIMEMessage
    var subject: String { message.header.subject ?? "" }
    var body: String {
      (message.bestText ?? "").replacingOccurrences(of: "\r\n", with: "\n")
    }
    var to: [String] { message.header.addresses("to").map { $0.address.lowercased() } }
    var replyTo: String? { message.header.addresses("reply-to").first?.address.lowercased() }
    var autoSubmitted: String? { message.header["auto-submitted"] }
    var attachments: [(name: String, data: [UInt8])] {
      message.root.walk().filter { $0.isAttachment }.map {
        ($0.filename ?? "", $0.decodedBody ?? [])
      }
    }

    func header(_ name: String) -> String? {
      message.header[name]?.trimmingCharacters(in: .whitespaces)
    }

    var description: String { "\"\(subject)\" to \(recipients)" }
  }

  /// A bench, a daemon configured for it with trust on, and the mail received so far.
  final class Bench {
    let bench: MailBench
    let daemon: LiaisonDaemon
    let clock: TestClock
    let directory: TemporaryDirectory
    private var seen: Set<[UInt8]> = []

    private init(
      bench: MailBench, daemon: LiaisonDaemon, clock: TestClock, directory: TemporaryDirectory
    ) {
      self.bench = bench
      self.daemon = daemon
      self.clock = clock
      self.directory = directory
    }

    static func with(_ body: (Bench) async throws -> Void) async throws {
      try await MailBench.with { bench in
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let key = try directory.write(
          "token-key", String(repeating: "outgoing-bench-key-", count: 3), permissions: 0o600)
        let path = try directory.write(
          "liaisond.yaml",
          try bench.configurationYAML(
            directory,
            extra: """
              routing:
                iab_contact: \(iabContact)
              trust:
                authserv_id: [\(mta)]
                token_key_file: \(key)
              approval:
                statements_archive: \(archive)
              """))
        let clock = TestClock(now: monday)
        let loader = ConfigurationLoader(environment: [:])
        let daemon = try LiaisonDaemon(
          configuration: try await loader.load(path: path), configurationPath: path,
          loader: loader, notifier: SystemdNotifier(environment: [:]), clock: clock,
          logger: Logger(label: "outgoing") { _ in SwiftLogNoOpLogHandler() })
        try await body(Bench(bench: bench, daemon: daemon, clock: clock, directory: directory))
      }
    }

    /// The mail signed by its From domain's key and passed on by the receiving MTA, which
    /// verified the signature and wrote `Authentication-Results: mx.iab.org; dkim=pass`.
    func deliver(_ mail: [UInt8], domain: String) async throws {
      let delivered = try DKIMBench.with { dkim in
        try dkim.keygen(selector: "s2026", domain: domain)
        return try dkim.deliver(mail, authservID: OutgoingStatementBenchTests.mta)
      }
      try await append(String(decoding: delivered, as: UTF8.self))
    }

    func append(_ text: String) async throws {
      try await bench.append([try directory.write("mail-\(UUID().uuidString).eml", text)])
    }

    @discardableResult
    func cycle(at date: Date? = nil) async throws -> CycleReport {
      if let date { clock.set(date) }
      let report = await daemon.runOnce()
      try #require(report.failures.isEmpty, "\(report.failures)")
      return report
    }

    /// The mail received since the last call (weekly digests to the IAB contact aside).
    func newMail() throws -> [Received] {
      var mails: [Received] = []
      for (recipients, raw) in try bench.receivedMail() where !seen.contains(raw) {
        seen.insert(raw)
        mails.append(
          Received(
            recipients: recipients.map { $0.lowercased() }.sorted(),
            message: try MIMEParser().parse(raw)))
      }
      return mails.filter { !$0.subject.hasPrefix("Liaison statements needing attention") }
    }
  }
}
