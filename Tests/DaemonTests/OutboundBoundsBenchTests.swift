import Foundation
import Hummingbird
import HummingbirdTesting
import Liaison
import MailBenchSupport
import Store
import Testing
import Web
import Workflow

@testable import Daemon

/// SPEC.md "What goes out", on the real bench: 50 forged For-Information statements name
/// one victim as Send Reply To. Their senders are not authenticated, so none is
/// acknowledged (acknowledgements go only to an authenticated From) and the victim gets
/// nothing; each refusal is in the statement's history and on `/iab`, where the victim's
/// count shows the flood. The daily cap, the second guard, is tested with authenticated
/// senders in `OutboundBoundsProcessTests`.
@Suite("Outbound bounds on the mail bench", .serialized)
struct OutboundBoundsBenchTests {
  static let victim = "victim@victim.example"
  static let cap = 3
  static let monday = DaemonRunTests.monday

  static func forged(_ n: Int) -> String {
    """
    From: ITU-T SG15 <rapporteur@itu.int>\r
    To: liaison-coordination@iab.org\r
    Subject: LS on <b>forged</b> thing \(n)\r
    Date: Mon, 23 Nov 2026 10:00:00 +0000\r
    Message-ID: <forged-\(n)@attacker.example>\r
    MIME-Version: 1.0\r
    Content-Type: text/plain; charset=utf-8\r
    \r
    Title: LS on <b>forged</b> thing \(n)\r
    From: ITU-T SG15\r
    To: IETF TLS WG\r
    Send Reply To: \(victim)\r
    Purpose: For information\r
    \r
    Nothing to see here, number \(n).\r

    """
  }

  /// `/iab`'s "Acknowledgements withheld" section, or "".
  static func acknowledgementsWithheld(_ page: String) -> String {
    guard let start = page.range(of: "<section id=\"acknowledgements-withheld\"") else {
      return ""
    }
    let rest = page[start.lowerBound...]
    return String(rest[..<(rest.range(of: "</section>")?.upperBound ?? rest.endIndex)])
  }

  @Test("50 forged statements at one victim: nothing reaches it, each refusal recorded")
  func fiftyForgedStatementsAtOneVictim() async throws {
    try await MailBench.with { bench in
      let dir = try TemporaryDirectory()
      defer { dir.remove() }
      let files = try (1...50).map { n in try dir.write("forged-\(n).eml", Self.forged(n)) }
      try await bench.append(files)
      let path = try dir.write(
        "liaisond.yaml",
        try bench.configurationYAML(
          dir, extra: "trust:\n  outside_recipient_daily_limit: \(Self.cap)\n"))
      let clock = TestClock(now: Self.monday)
      let daemon = try await LiaisonDaemon.forTest(path: path, clock: clock)
      for _ in 0..<10
      where try await bench.count("INBOX") > 0 || daemon.store.outboxCounts().queued > 0 {
        let report = await daemon.runOnce()
        #expect(report.failures.isEmpty, "\(report.failures)")
      }
      let records = try daemon.store.export()
      #expect(records.count == 50)
      #expect(try daemon.store.outboxCounts().queued == 0)

      let toVictim = try bench.receivedMail().filter { $0.recipients.contains(Self.victim) }
      #expect(toVictim.isEmpty, "a forged statement's Send Reply To got \(toVictim.count) mails")
      let toSDO = try bench.receivedMail().filter {
        $0.recipients.contains { $0.lowercased().hasSuffix("@itu.int") }
      }
      #expect(toSDO.isEmpty, "the SDO the forger named got \(toSDO.count) mails")
      #expect(records.allSatisfy { $0.events.contains { $0.kind == .notAcknowledged } })
      let withheld = try daemon.store.withheldMail(limit: 1000)
      #expect(withheld.allSatisfy { $0.recipients != [Self.victim] || $0.status == .refused })

      let router = try buildRouter(
        repository: daemon.store, options: WebOptions(host: "127.0.0.1", port: 0),
        now: { Self.monday })
      try await Application(router: router).test(.router) { client in
        try await client.execute(uri: "/iab", method: .get) { response in
          #expect(response.status == .ok)
          let page = String(buffer: response.body)
          #expect(!page.contains("<b>forged</b>"))
          // Each forged statement is on /iab as an acknowledgement withheld, and the
          // victim's count shows the flood.
          let section = Self.acknowledgementsWithheld(page)
          for record in records {
            #expect(section.contains(">\(record.id)</span>"), "\(record.id) is not on /iab")
          }
          #expect(
            section.contains(
              "<span class=\"address\">\(Self.victim)</span></td>\n"
                + "<td data-label=\"Statements\"><span class=\"count\">50</span>"))
        }
      }

      let observability = Router()
      ObservabilityRoutes.add(
        to: observability, metrics: daemon.metrics, health: daemon.health, clock: daemon.clock
      ) {
        daemon.refreshOutboxDepth()
      }
      try await Application(router: observability).test(.router) { client in
        try await client.execute(uri: "/metrics", method: .get) { response in
          let values = DaemonRunTests.samples(String(buffer: response.body))
          #expect(values["liaisond_outbound_held"] == 0)
          #expect(
            values["liaisond_outbound_refused"]
              == Double(withheld.filter { $0.status == .refused }.count))
        }
      }
    }
  }
}
