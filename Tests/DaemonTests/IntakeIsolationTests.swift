import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import Liaison
import Logging
import MailBenchSupport
import MailTransport
import Testing
import Web
import Workflow

@testable import Daemon
@testable import Store

/// One bad message never stops intake (issue 16), on the real mail bench: a message whose
/// processing fails is recorded with a defect and listed on `/iab` while the messages
/// around it are recorded; one that cannot be recorded is tried `intake.max_attempts`
/// times, then quarantined with its history.
@Suite("Intake isolation on the mail bench", .serialized)
struct IntakeIsolationTests {
  static let authservID = "mx.bench.example"
  static let receipt = Date(timeIntervalSince1970: 1_795_424_400)  // 2026-11-23T09:00:00Z

  /// Passes extraction (Python's email takes the obsolete local part) and the MTA's DMARC
  /// check, but `MailAddress` refuses it: composing the acknowledgement fails.
  static let poison = """
    Authentication-Results: \(authservID); dmarc=pass header.from=example.org
    From: Rapporteur <a..b@example.org>
    To: liaison-coordination@iab.org
    Subject: LS on poison acknowledgements
    Date: Mon, 23 Nov 2026 08:00:00 +0000
    Message-ID: <intake-poison@example.org>

    Title: LS on poison acknowledgements
    From: ITU-T SG15
    To: IETF CCAMP WG
    Purpose: For information

    Please consider.
    """

  @Test(
    "a message whose acknowledgement cannot be composed is recorded with a defect and an /iab entry; the good ones around it are recorded in the same cycle"
  )
  func poisonBetweenTwoGoodOnes() async throws {
    try await Self.withDaemon { bench, daemon, directory in
      try await bench.append([
        MailBench.packageRoot.appendingPathComponent("fixtures/mail/itu-t-docx-action.eml").path,
        try directory.write("poison.eml", Self.crlf(Self.poison)),
        MailBench.packageRoot.appendingPathComponent("fixtures/mail/3gpp-inline-action.eml").path,
      ])
      // Within two poll cycles (it takes one).
      var report = await daemon.runOnce()
      if (report.poll?.recorded ?? 0) < 3 { report = await daemon.runOnce() }
      #expect(report.poll?.moved == 3, "\(report.summary)")
      #expect(try await bench.count("INBOX") == 0)

      let records = try daemon.store.export()
      let titles = records.compactMap(\.statement.title)
      #expect(titles.contains { $0.hasPrefix("LS on OTN network slicing") }, "\(titles)")
      #expect(titles.contains { $0.hasPrefix("LS on DetNet support") }, "\(titles)")
      let poison = try #require(
        records.first { $0.statement.title == "LS on poison acknowledgements" })
      let defect = try #require(poison.events.first { $0.kind == .processFailed })
      #expect(defect.detail.contains("acknowledgement"), "\(defect.detail)")

      let failures = try daemon.store.listIntakeFailures(limit: 10)
      #expect(failures.map(\.statementID) == [poison.id])
      #expect(failures.first?.stage == .process)

      let router = try buildRouter(
        repository: daemon.store, options: WebOptions(publicURL: "https://liaisons.example.org"))
      let html = try await Application(router: router).test(.router) { client in
        String(buffer: try await client.execute(uri: "/iab", method: .get).body)
      }
      let section = try #require(html.range(of: "<section id=\"intake-failures\""))
      let rest = html[section.upperBound...]
      let body = rest[..<(rest.range(of: "</section>")?.upperBound ?? rest.endIndex)]
      #expect(body.contains(poison.id), "\(body)")
      #expect(body.contains("Recorded, process failed"), "\(body)")

      // The next cycle leaves it alone: nothing is retried forever.
      let again = await daemon.runOnce()
      #expect(again.poll?.status.messages == 0)
      #expect(try daemon.store.listIntakeFailures(limit: 10).first?.attempts == 1)
    }
  }

  @Test(
    "a statement with a ZIP of 40 PDFs is read up to the budget of 20 documents, the rest kept as \"not read: budget\"; the good mail on either side is recorded in the same cycle"
  )
  func nestedPDFsCostOnlyTheirOwnBudget() async throws {
    try await Self.withDaemon { bench, daemon, directory in
      // The chaos run's own generator: good mail 1 and 3, the nested-PDF statement 2.
      let out = directory.path + "/nested"
      let generator = Process()
      generator.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
      generator.arguments = [
        MailBench.packageRoot.appendingPathComponent("scripts/chaos-mails.py").path,
        MailBench.packageRoot.appendingPathComponent("fixtures/mail").path, out, "2", "7",
        "isolation", "nested=1",
      ]
      generator.standardOutput = FileHandle.nullDevice
      try generator.run()
      generator.waitUntilExit()
      #expect(generator.terminationStatus == 0)
      try await bench.append((1...3).map { "\(out)/\($0).eml" })

      let report = await daemon.runOnce()
      #expect(report.poll?.moved == 3, "\(report.summary)")
      #expect(try await bench.count("INBOX") == 0)
      let records = try daemon.store.export()
      #expect(records.count == 3)
      // The one carrying the ZIP (its Title comes from the body's fields).
      let nested = try #require(
        records.first { $0.statement.attachments.contains { $0.filename == "LS-annexes.zip" } },
        "\(records.map(\.statement.attachments))")
      let budget = nested.statement.defects.filter { $0.contains("not read: budget") }
      #expect(budget.count == 20, "\(nested.statement.defects)")
      #expect(nested.statement.attachments.count >= 1)
      // Routed by what was read, like the others: no intake failure for any of them.
      #expect(try daemon.store.listIntakeFailures(limit: 10).isEmpty)
      #expect(nested.state == .open, "\(nested.state)")
      for record in records { #expect(record.state != .quarantined, "\(record.id)") }
    }
  }

  /// A failure of the record for this one message while the store is writable: injected
  /// through the poller's `Recorder` (the seam the daemon wires the pipeline into), since
  /// no real input makes SQLite refuse one message.
  struct Unrecordable: Error, CustomStringConvertible {
    var description: String { "the record refused this message (injected)" }
  }

  @Test(
    "a message that cannot be recorded stays behind without stopping the others, and is quarantined with its history after intake.max_attempts"
  )
  func unrecordableMessageIsQuarantinedAfterMaxAttempts() async throws {
    try await Self.withDaemon(extra: "intake:\n  max_attempts: 3\n") { bench, daemon, directory in
      try await bench.append([
        try directory.write("unrecordable.eml", Self.crlf(Self.unrecordable)),
        MailBench.packageRoot.appendingPathComponent("fixtures/mail/itu-t-docx-action.eml").path,
      ])
      let pipeline = await daemon.state.pipeline
      let configuration = await daemon.configuration
      let poller = MailboxPoller(
        mailbox: IMAPClient(configuration: try configuration.imapConfiguration()), watcher: nil,
        store: daemon.store,
        configuration: .init(maxAttempts: configuration.intake.maxAttempts),
        clock: daemon.clock
      ) { raw, _, origin, receivedAt in
        if String(decoding: raw, as: UTF8.self).contains("intake-unrecordable") {
          throw Unrecordable()
        }
        switch try await pipeline.ingest(raw: raw, origin: origin, receivedAt: receivedAt) {
        case .recorded(let id, _): return .recorded(id: id)
        case .duplicate(let id): return .duplicate(id: id)
        case .quarantined(let id, _): return .quarantined(id: id)
        }
      }

      let first = try await poller.cycle()
      #expect(first.recorded == 1 && first.failed == 1, "the good one is not held back")
      #expect(try await bench.count("INBOX") == 1)
      let second = try await poller.cycle()
      #expect(second.failed == 1 && second.gaveUp == 0)
      #expect(try await bench.count("INBOX") == 1, "tried again, not yet given up")

      let third = try await poller.cycle()
      #expect(third.gaveUp == 1)
      #expect(try await bench.count("INBOX") == 0)
      #expect(try await bench.count("Quarantine") == 1)
      let failure = try #require(try daemon.store.listIntakeFailures(limit: 10).first)
      #expect(failure.quarantined && failure.attempts == 3 && failure.history.count == 3)
      let keptID = try #require(failure.statementID)
      let kept = try #require(try daemon.store.statement(id: keptID))
      #expect(kept.state == .quarantined)
      #expect(kept.statement.defects.first?.contains("failed 3 times") == true)
      #expect(
        kept.statement.defects.first?.contains("the record refused this message") == true)
      #expect(
        try daemon.store.rawMessage(id: kept.id).map { String(decoding: $0, as: UTF8.self) }?
          .contains("intake-unrecordable") == true, "kept exactly as it came")

      let fourth = try await poller.cycle()
      #expect(fourth.status.messages == 0, "never retried again")
    }
  }

  static let unrecordable = """
    From: Rapporteur <rapporteur@example.org>
    To: liaison-coordination@iab.org
    Subject: LS the record refuses
    Date: Mon, 23 Nov 2026 08:00:00 +0000
    Message-ID: <intake-unrecordable@example.org>

    Title: LS the record refuses
    From: ITU-T SG15
    To: IETF CCAMP WG
    Purpose: For information

    Please consider.
    """

  @Test(
    "the store full: intake stops with a clear error, /healthz is unhealthy at once, nothing is half recorded; when space returns intake resumes by itself"
  )
  func storeFullThenFreed() async throws {
    try await Self.withDaemon { bench, daemon, directory in
      // SQLite's own bound on the database's pages: a write that needs one more fails with
      // SQLITE_FULL ("database or disk is full"), as on a full disk. (A tmpfs would need
      // root; the attachment files' ENOSPC takes the same `StoreError.unwritable` path.)
      try Self.limitPages(of: daemon.store, to: nil)
      #expect(throws: StoreError.self, "a write needing a page fails") {
        try daemon.store.setMeta("probe", String(repeating: "x", count: 100_000))
      }
      // Larger than the room left in any page: it needs new ones.
      let statement =
        Self.unrecordable.replacingOccurrences(
          of: "intake-unrecordable", with: "intake-large"
        ).replacingOccurrences(
          of: "LS the record refuses", with: "LS on a large statement"
        ) + String(repeating: "Requirements for the transport network. ", count: 2500) + "\n"
      try await bench.append([try directory.write("large.eml", Self.crlf(statement))])
      let full = await daemon.runOnce()
      #expect(
        full.failures.contains { $0.contains("cannot be written") && $0.contains("full") },
        "\(full.failures)")
      #expect(try await bench.count("INBOX") == 1, "left where it came from")
      #expect(try daemon.store.export().isEmpty, "nothing half recorded")
      #expect(try Self.failureRows(daemon.store) == 0, "not counted as the message's fault")
      let report = await daemon.health.report(now: daemon.clock.now())
      #expect(!report.healthy)
      #expect(report.storeUnwritable?.contains("database or disk is full") == true)
      #expect(report.problems.contains { $0.hasPrefix("the record cannot be written") })
      // Still full a cycle later: still refused, never counted against the message.
      _ = await daemon.runOnce()
      #expect(try await bench.count("INBOX") == 1)

      try Self.limitPages(of: daemon.store, to: 1_073_741_823)
      let freed = await daemon.runOnce()
      #expect(freed.failures.isEmpty, "\(freed.failures)")
      #expect(freed.poll?.recorded == 1)
      #expect(try await bench.count("INBOX") == 0)
      #expect(await daemon.health.report(now: daemon.clock.now()).storeUnwritable == nil)
      #expect(try Self.failureRows(daemon.store) == 0)
    }
  }

  static func failureRows(_ store: LiaisonStore) throws -> Int {
    try store.pool.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM intake_failure") ?? -1 }
  }

  /// Sets SQLite's `max_page_count` on the store's writer: nil stops it where it is, and
  /// fills what room is left inside the pages, as a full disk leaves none.
  static func limitPages(of store: LiaisonStore, to pages: Int?) throws {
    if pages == nil { try store.pool.vacuum() }
    try store.pool.writeWithoutTransaction { db in
      let count = try Int.fetchOne(db, sql: "PRAGMA page_count") ?? 0
      let set = try Int.fetchOne(db, sql: "PRAGMA max_page_count = \(pages ?? count)")
      #expect(set == (pages ?? count), "page_count \(count), max_page_count \(set ?? -1)")
    }
    guard pages == nil else { return }
    var filler = 0
    for size in [4000, 1000, 250, 60, 10, 1] {
      while (try? store.setMeta("test.filler.\(filler)", String(repeating: "f", count: size)))
        != nil
      {
        filler += 1
      }
    }
  }

  // MARK: Support

  static func crlf(_ text: String) -> String {
    text.replacingOccurrences(of: "\n", with: "\r\n")
  }

  /// A bench and a daemon for it whose clock stands at `receipt`, trusting the bench's
  /// authserv-id.
  static func withDaemon(
    extra: String = "",
    _ body: (MailBench, LiaisonDaemon, TemporaryDirectory) async throws -> Void
  ) async throws {
    try await MailBench.with { bench in
      let directory = try TemporaryDirectory()
      defer { directory.remove() }
      let path = try directory.write(
        "liaisond.yaml",
        try bench.configurationYAML(
          directory,
          extra: """
            trust:
              authserv_id:
                - \(authservID)
            \(extra)
            """))
      let loader = ConfigurationLoader(environment: [:])
      let daemon = try LiaisonDaemon(
        configuration: try await loader.load(path: path), configurationPath: path,
        loader: loader, notifier: SystemdNotifier(environment: [:]),
        clock: TestClock(now: receipt),
        logger: Logger(label: "intake") { _ in SwiftLogNoOpLogHandler() })
      try await body(bench, daemon, directory)
    }
  }
}
