import Foundation
import Liaison
import Logging
import MIME
import MailBenchSupport
import Store
import Testing
import Workflow

@testable import Daemon

/// The datatracker's registry and history, imported by URL with the `liaisond` binary from
/// fixtures/datatracker/serve.py on 127.0.0.1, then met by the daemon on the real mail bench
/// (Dovecot, aiosmtpd, DKIM signed and verified): a chair the imported registry names
/// responds to a statement and is recognised (the approval request goes to the imported
/// ADs, as the SMTP server receives it), and a new "In Response" statement is linked to the
/// imported IETF statement it answers.
@Suite("The datatracker's registry and history on the mail bench", .serialized)
struct DatatrackerBenchTests {
  static let mta = OutgoingStatementBenchTests.mta
  static let chair = "frankie.rasmussen@example.net"
  static let ads = ["noor.lindqvist@example.net", "oakley.sorensen@example.org"]

  @Test func anImportedChairRespondsAndAResponseLinksToImportedHistory() async throws {
    let registryServer = try PageServer(set: "current")
    defer { registryServer.stop() }
    let historyServer = try PageServer(set: "history")
    defer { historyServer.stop() }

    try await MailBench.with { bench in
      let dir = try TemporaryDirectory()
      defer { dir.remove() }
      let key = try dir.write("token-key", String(repeating: "history-bench-", count: 3))
      let registry = dir.sub("groups.yaml")
      let path = try dir.write(
        "liaisond.yaml",
        try bench.configurationYAML(
          dir,
          extra: """
            routing:
              registry: \(registry)
              iab_contact: iab-liaison-triage@iab.org
            trust:
              authserv_id: [\(Self.mta)]
              token_key_file: \(key)
            """))

      let imported = try CommandLineTests.run(
        ["registry", "import", "--datatracker", registryServer.url, "--config", path])
      #expect(imported.status == 0, "\(imported.stderr)")
      let history = try CommandLineTests.run(
        [
          "history", "import", "--datatracker", historyServer.url, "--documents",
          historyServer.url + "/documents/LIAISON/", "--config", path,
        ])
      #expect(history.status == 0, "\(history.stderr)")
      #expect(history.stdout.contains("imported LS-2025-0003 datatracker liaison 1803\n"))

      let clock = TestClock(now: OutgoingStatementBenchTests.monday)
      let loader = ConfigurationLoader(environment: [:])
      let daemon = try LiaisonDaemon(
        configuration: try await loader.load(path: path), configurationPath: path,
        loader: loader, notifier: SystemdNotifier(environment: [:]), clock: clock,
        logger: Logger(label: "datatracker-bench") { _ in SwiftLogNoOpLogHandler() })
      var seen = 0
      func newMail() throws -> [OutgoingStatementBenchTests.Received] {
        let all = try bench.receivedMail()
        defer { seen = all.count }
        return try all.dropFirst(seen).map {
          .init(
            recipients: $0.recipients.map { $0.lowercased() }.sorted(),
            message: try MIMEParser().parse($0.raw))
        }
      }
      func cycle() async throws {
        let report = await daemon.runOnce()
        try #require(report.failures.isEmpty, "\(report.failures)")
      }
      func append(_ mail: [UInt8]) async throws {
        try await bench.append([
          try dir.write("mail-\(UUID().uuidString).eml", String(decoding: mail, as: UTF8.self))
        ])
      }
      func deliver(_ mail: [UInt8], domain: String) async throws {
        try await append(
          try DKIMBench.with { dkim in
            try dkim.keygen(selector: "s2026", domain: domain)
            return try dkim.deliver(mail, authservID: Self.mta)
          })
      }

      // A statement for CCAMP: its notification carries the respond address.
      try await append(
        OutgoingStatementBenchTests.mail(
          from: "SG15 Rapporteur <rapporteur@itu.int>", to: "liaison-coordination@iab.org",
          subject: "LS on OTN network slicing", id: "sg15-ls-1",
          body: """
            Title: LS on OTN network slicing
            From: ITU-T SG15
            To: IETF CCAMP WG
            Purpose: For Action
            Deadline: 2027-03-01

            SG15 asks CCAMP to review the OTN slicing model.
            """))
      try await cycle()
      let notice = try #require(
        try newMail().first { $0.header("x-liaison-respond") != nil }, "no notification")
      let respond = try #require(notice.header("x-liaison-respond"))

      // The CCAMP chair the imported registry names, signed by its domain: recognised, and
      // the draft goes to the routing ADs the registry names for approval.
      try await deliver(
        OutgoingStatementBenchTests.mail(
          from: "Frankie Rasmussen <\(Self.chair)>", to: respond,
          subject: "Re: \(notice.subject)", id: "ccamp-response-1",
          body: "The CCAMP WG thanks SG15 and will review the model.\n"),
        domain: "example.net")
      try await cycle()
      let requests = try newMail().filter { $0.header("x-liaison-approve") != nil }
      #expect(requests.count == 1, "\(requests)")
      let request = try #require(requests.first)
      for ad in Self.ads { #expect(request.recipients.contains(ad), "\(request)") }
      #expect(!request.recipients.contains("tsbsg15@itu.int"))

      // 3GPP answers NETMOD's statement, which predates the gateway (datatracker 1803),
      // signed by the domain that statement was sent to: an answer that cites no Message-ID
      // of ours marks ours answered only from an authenticated sender of that body.
      try await deliver(
        OutgoingStatementBenchTests.mail(
          from: "3GPP SA5 <sa5-chair@example.org>", to: "liaison-coordination@iab.org",
          subject: "Reply LS on YANG data models for network slicing", id: "sa5-reply-1",
          body: """
            Title: Reply LS on YANG data models for network slicing
            From: 3GPP TSG SA WG5
            To: IETF NETMOD WG
            Purpose: In Response
            Response to: LS on YANG data models for network slicing

            SA5 reviewed the models and found no gaps.
            """),
        domain: "example.org")
      try await cycle()
      let store = daemon.store
      let answered = try #require(try store.statement(id: "LS-2025-0003", scope: .publicRecord))
      #expect(answered.state == .answered)
      let reply = try #require(answered.responses.first)
      #expect(try store.statement(id: reply)?.statement.direction == .incoming)
      #expect(
        answered.events.first?.kind == .imported
          && answered.events.first?.detail.contains("\(historyServer.url)/liaison/1803/") == true)
    }
  }

  /// fixtures/datatracker/serve.py for one saved set, on 127.0.0.1.
  final class PageServer {
    let process = Process()
    let url: String

    init(set: String) throws {
      let fixtures = MailBench.packageRoot.appendingPathComponent("fixtures/datatracker")
      process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
      process.arguments = [
        "python3", fixtures.appendingPathComponent("serve.py").path,
        fixtures.appendingPathComponent(set).path,
      ]
      let output = Pipe()
      process.standardOutput = output
      try process.run()
      var data = Data()
      while !data.contains(0x0A) {
        let chunk = output.fileHandleForReading.availableData
        if chunk.isEmpty { break }
        data.append(chunk)
      }
      guard let line = String(decoding: data, as: UTF8.self).split(separator: "\n").first,
        let port = Int(line)
      else {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        throw CocoaError(.fileReadUnknown)
      }
      url = "http://127.0.0.1:\(port)"
    }

    func stop() {
      if process.isRunning { kill(process.processIdentifier, SIGKILL) }
      process.waitUntilExit()
    }
  }
}
