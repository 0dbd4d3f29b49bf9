import Foundation
import Hummingbird
import HummingbirdTesting
import Liaison
import Logging
import MailBenchSupport
import ServiceLifecycle
import Store
import Testing
import Workflow

@testable import Daemon

/// The daemon against the real mail bench: graceful stop in the middle of a batch, and
/// what /metrics and /healthz say after a scripted run.
@Suite("Daemon runs against the mail bench", .serialized)
struct DaemonRunTests {
  /// IMAP positions recorded in the store (one per message taken from the mailbox).
  static func imapOrigins(_ daemon: LiaisonDaemon) throws -> Int {
    try daemon.store.export().reduce(0) { total, record in
      total
        + (try daemon.store.origins(id: record.id).filter {
          if case .imap(_, _, _) = $0 { return true }
          return false
        }.count)
    }
  }

  @Test(
    "SIGTERM in the middle of a batch: what was taken is committed and moved, the rest stays; nothing is lost"
  )
  func gracefulStopMidBatch() async throws {
    try await MailBench.with { bench in
      let dir = try TemporaryDirectory()
      defer { dir.remove() }
      let files = try MailBench.fixtureMessages()
      try bench.append(files)
      let path = try dir.write("liaisond.yaml", try bench.configurationYAML(dir))
      let daemon = try await LiaisonDaemon.forTest(path: path)

      let group = try await daemon.makeServiceGroup(signals: false)
      try await withThrowingTaskGroup(of: Void.self) { tasks in
        tasks.addTask { try await group.run() }
        // Stop as soon as the first messages are committed: the batch of all of them is under way.
        let deadline = ContinuousClock.now + .seconds(120)
        while try daemon.store.export().count < 2 {
          guard ContinuousClock.now < deadline else {
            throw MailBench.BenchError(description: "nothing was recorded within 120 s")
          }
          try await Task.sleep(for: .milliseconds(10))
        }
        await group.triggerGracefulShutdown()
        try await tasks.waitForAll()
      }

      let inbox = try await bench.count("INBOX")
      let moved = try await bench.count("Processed") + bench.count("Quarantine")
      let committed = try Self.imapOrigins(daemon)
      // Stopped mid-batch, and every message is in exactly one place.
      #expect(inbox > 0, "the stop came after the whole batch; nothing was left to test")
      #expect(inbox + moved == files.count)
      // Everything that left the INBOX is committed, and nothing committed stayed behind.
      #expect(committed == moved)

      // The next cycle takes the rest; no message is recorded twice.
      let report = await daemon.runOnce()
      #expect(report.failures.isEmpty, "\(report.failures)")
      #expect(try await bench.count("INBOX") == 0)
      #expect(try await bench.count("Processed") + bench.count("Quarantine") == files.count)
      #expect(try Self.imapOrigins(daemon) == files.count)
    }
  }

  @Test("/metrics and /healthz after a scripted run")
  func metricsAfterRun() async throws {
    try await MailBench.with { bench in
      let dir = try TemporaryDirectory()
      defer { dir.remove() }
      let names = [
        "itu-t-docx-action", "3gpp-inline-action", "ieee-8021-prose", "purpose-information",
        "auto-out-of-office",
      ]
      try bench.append(
        names.map { MailBench.packageRoot.appendingPathComponent("fixtures/mail/\($0).eml").path }
      )
      let path = try dir.write("liaisond.yaml", try bench.configurationYAML(dir))
      let daemon = try await LiaisonDaemon.forTest(path: path)
      let report = await daemon.runOnce()
      #expect(report.failures.isEmpty, "\(report.failures)")
      let sent = report.outbox?.sent ?? 0
      #expect(sent > 0)
      #expect(try bench.sentMail().count >= sent)

      let router = Router()
      ObservabilityRoutes.add(to: router, metrics: daemon.metrics, health: daemon.health) {
        daemon.refreshOutboxDepth()
      }
      try await Application(router: router).test(.router) { client in
        try await client.execute(uri: "/metrics", method: .get) { response in
          #expect(response.status == .ok)
          let values = Self.samples(String(buffer: response.body))
          #expect(values["liaisond_messages_fetched_total"] == 5)
          #expect(values["liaisond_messages_recorded_total"] == 5)
          #expect(values["liaisond_messages_quarantined_total"] == 0)
          #expect(values["liaisond_mails_sent_total"] == Double(sent))
          #expect(values["liaisond_outbox_depth"] == 0)
          #expect(values["liaisond_outbox_failures_total"] == 0)
          #expect(values["liaisond_poll_duration_seconds_count"] == 1)
          #expect(values["liaisond_poll_failures_total"] == 0)
          #expect((values["liaisond_seconds_since_last_successful_poll"] ?? 99) < 60)
          #expect(values["liaisond_healthy"] == 1)
        }
        try await client.execute(uri: "/healthz", method: .get) { response in
          #expect(response.status == .ok)
          let body = try JSONDecoder().decode(
            HealthState.Report.self, from: Data(String(buffer: response.body).utf8))
          #expect(body.status == "ok" && body.poll.lastSuccess != nil && body.problems.isEmpty)
        }
      }
    }
  }

  @Test(
    "the reminder cycle queues the IAB's weekly digest once per ISO week, and none when all is well"
  )
  func weeklyDigestOncePerWeek() async throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let path = try dir.write("liaisond.yaml", DaemonLifecycleTests.yaml(dir))
    let daemon = try await LiaisonDaemon.forTest(path: path)
    let monday = try #require(ISO8601DateFormatter().date(from: "2026-11-23T09:00:00Z"))
    func digests(dueBy date: Date) throws -> [OutboxItem] {
      try daemon.store.dueOutbox(now: date, limit: 100).filter { $0.mail.kind == "digest" }
    }

    await daemon.remindCycle(now: monday)
    #expect(try digests(dueBy: monday).isEmpty, "an empty store needs no digest")

    let fixture = MailBench.packageRoot.appendingPathComponent(
      "fixtures/mail/misaddressed-concluded-wg.eml")
    let pipeline = await daemon.state.pipeline
    _ = try await pipeline.ingest(
      raw: Array(try Data(contentsOf: fixture)), origin: .file(path: fixture.path))
    await daemon.remindCycle(now: monday.addingTimeInterval(3_600))
    await daemon.remindCycle(now: monday.addingTimeInterval(3 * 86_400))
    let thisWeek = try digests(dueBy: monday.addingTimeInterval(3 * 86_400))
    #expect(thisWeek.count == 1)
    let iab = await daemon.state.configuration.routing.iabContact
    #expect(thisWeek.first?.mail.recipients == [iab])

    await daemon.remindCycle(now: monday.addingTimeInterval(7 * 86_400))
    #expect(try digests(dueBy: monday.addingTimeInterval(7 * 86_400)).count == 2)
  }

  @Test("check-config --probe logs in to both servers and names the one whose password is wrong")
  func probeLogsIn() async throws {
    try await MailBench.with { bench in
      let dir = try TemporaryDirectory()
      defer { dir.remove() }
      let path = try dir.write("liaisond.yaml", try bench.configurationYAML(dir))
      let good = try await ConfigurationLoader(environment: [:]).load(path: path)
      let none = await ConfigurationProbe.probe(good, timeout: .seconds(10))
      #expect(none.isEmpty, "\(none)")

      let wrong = "wrong-\(UInt32.random(in: 1_000...9_999))"
      _ = try dir.write("smtp.pass", wrong, permissions: 0o600)
      let bad = try await ConfigurationLoader(environment: [:]).load(path: path)
      let issues = await ConfigurationProbe.probe(bad, timeout: .seconds(10))
      #expect(issues.map(\.key) == ["smtp.url"], "\(issues)")
      #expect(issues.allSatisfy { $0.kind == .unreachable && !$0.description.contains(wrong) })
    }
  }

  @Test("/healthz turns 503 once polling has failed for longer than the threshold")
  func unhealthyAfterFailures() async throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    // Port 9 (discard) is closed on loopback: every poll and send fails at once.
    let path = try dir.write(
      "liaisond.yaml",
      DaemonLifecycleTests.yaml(
        dir, pollInterval: "1s",
        extra: "health:\n  poll_failure_threshold: 2s\n  send_failure_threshold: 2s\n"))
    let daemon = try await LiaisonDaemon.forTest(path: path)
    let report = await daemon.runOnce()
    #expect(report.failures.count == 1, "\(report.failures)")  // IMAP; the outbox is empty
    try await Task.sleep(for: .milliseconds(2_200))

    let router = Router()
    ObservabilityRoutes.add(to: router, metrics: daemon.metrics, health: daemon.health)
    try await Application(router: router).test(.router) { client in
      try await client.execute(uri: "/healthz", method: .get) { response in
        #expect(response.status == .serviceUnavailable)
        let body = try JSONDecoder().decode(
          HealthState.Report.self, from: Data(String(buffer: response.body).utf8))
        #expect(body.status == "unhealthy" && !body.poll.healthy && body.send.healthy)
        #expect(body.poll.failingSince != nil)
      }
      try await client.execute(uri: "/metrics", method: .get) { response in
        let values = Self.samples(String(buffer: response.body))
        #expect(values["liaisond_poll_failures_total"] == 1)
        #expect(values["liaisond_healthy"] == 0)
        #expect((values["liaisond_seconds_since_last_successful_poll"] ?? 0) >= 2)
      }
    }
  }

  /// `name value` lines of a Prometheus exposition (no labels are used here).
  static func samples(_ text: String) -> [String: Double] {
    var values: [String: Double] = [:]
    for line in text.split(separator: "\n") where !line.hasPrefix("#") {
      let parts = line.split(separator: " ")
      if parts.count == 2, let value = Double(parts[1]) { values[String(parts[0])] = value }
    }
    return values
  }
}
