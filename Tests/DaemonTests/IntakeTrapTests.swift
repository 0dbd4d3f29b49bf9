import Foundation
import GRDB
import Liaison
import MailBenchSupport
import Testing

@testable import Daemon
@testable import Store

/// A Swift trap while handling a message (issue 16), on the real mail bench and the real
/// `liaisond` binary: the trap never reaches a `catch`, so only the mark written before
/// the message runs tells the next start that it was tried. The test-only hook
/// `LIAISOND_TEST_TRAP_ON_MARKER` makes the process trap on a message carrying a marker.
@Suite("A trap while handling a message, on the mail bench", .serialized)
struct IntakeTrapTests {
  static let marker = "X-Test-Trap: intake-trap-marker"

  static let trapping = """
    From: Rapporteur <rapporteur@example.org>
    To: liaison-coordination@iab.org
    Subject: LS that takes the process down
    Date: Mon, 23 Nov 2026 08:00:00 +0000
    Message-ID: <intake-trap@example.org>
    \(marker)

    Title: LS that takes the process down
    From: ITU-T SG15
    To: IETF CCAMP WG
    Purpose: For information

    Please consider.
    """

  @Test(
    "a message that makes liaisond trap is quarantined with its history after intake.max_attempts restarts, and the next message goes on"
  )
  func trapLoopEndsInQuarantine() async throws {
    try await MailBench.with { bench in
      let directory = try TemporaryDirectory()
      defer { directory.remove() }
      let path = try directory.write(
        "liaisond.yaml",
        try bench.configurationYAML(directory, extra: "intake:\n  max_attempts: 3\n"))
      try await bench.append([
        try directory.write(
          "trap.eml", IntakeIsolationTests.crlf(Self.trapping)),
        MailBench.packageRoot.appendingPathComponent("fixtures/mail/itu-t-docx-action.eml").path,
      ])
      let environment = [IngestPipeline.trapMarkerVariable: Self.marker]

      for start in 1...3 {
        let run = try CommandLineTests.run(
          ["run", "--once", "--config", path], environment: environment)
        #expect(run.stderr.contains(IngestPipeline.trapMarkerVariable), "start \(start)")
        #expect(run.status != 0, "start \(start) trapped")
        #expect(try await bench.count("INBOX") == 2, "start \(start): both still waiting")
      }
      let store = try LiaisonStore(directory: directory.sub("state"))
      let counted = try #require(
        try store.pool.read { db in
          try Row.fetchOne(db, sql: "SELECT attempts, quarantined FROM intake_failure")
        })
      #expect(counted["attempts"] as Int == 2, "two stops counted at the third start")
      #expect(counted["quarantined"] as Bool == false)

      let last = try CommandLineTests.run(
        ["run", "--once", "--config", path], environment: environment)
      #expect(last.status == 0, "\(last.stderr)")
      #expect(try await bench.count("INBOX") == 0)
      #expect(try await bench.count("Quarantine") == 1)
      #expect(try await bench.count("Processed") == 1)

      let failure = try #require(try store.listIntakeFailures(limit: 10).first)
      #expect(failure.quarantined)
      #expect(
        Array(failure.history.prefix(3)).map(\.reason)
          == Array(repeating: LiaisonStore.interruptedAttemptReason, count: 3))
      #expect(failure.lastReason.contains("liaisond stopped 3 times"), "\(failure.lastReason)")
      let keptID = try #require(failure.statementID)
      let kept = try #require(try store.statement(id: keptID))
      #expect(kept.state == .quarantined)
      #expect(
        try store.rawMessage(id: keptID).map { String(decoding: $0, as: UTF8.self) }?
          .contains(Self.marker) == true, "kept exactly as it came")
      let titles = try store.export().compactMap(\.statement.title)
      #expect(titles.contains { $0.hasPrefix("LS on OTN network slicing") }, "\(titles)")
      let marks = try await store.pool.read { db in
        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM intake_attempt")
      }
      #expect(marks == 0, "no attempt left in hand")
    }
  }

  @Test(
    "a message that traps while it is prepared beside the one before it is the only one quarantined; the one before is recorded"
  )
  func aTrapWhilePreparedAheadIsCountedAgainstItsOwnMessage() async throws {
    try await MailBench.with { bench in
      let directory = try TemporaryDirectory()
      defer { directory.remove() }
      let path = try directory.write(
        "liaisond.yaml",
        try bench.configurationYAML(directory, extra: "intake:\n  max_attempts: 2\n"))
      // The trapping message third: it is prepared while the second, marked in hand since
      // the first committed, commits; so both are in hand when the process goes down.
      try await bench.append([
        MailBench.packageRoot.appendingPathComponent("fixtures/mail/3gpp-inline-action.eml").path,
        MailBench.packageRoot.appendingPathComponent("fixtures/mail/itu-t-docx-action.eml").path,
        try directory.write("trap.eml", IntakeIsolationTests.crlf(Self.trapping)),
      ])
      let environment = [IngestPipeline.trapMarkerVariable: Self.marker]
      var starts = 0
      while try await bench.count("INBOX") > 0, starts < 6 {
        starts += 1
        _ = try CommandLineTests.run(["run", "--once", "--config", path], environment: environment)
      }
      #expect(try await bench.count("INBOX") == 0, "after \(starts) starts")
      #expect(try await bench.count("Quarantine") == 1)
      #expect(try await bench.count("Processed") == 2)
      let store = try LiaisonStore(directory: directory.sub("state"))
      let failures = try store.listIntakeFailures(limit: 10)
      let quarantined = failures.filter(\.quarantined)
      #expect(quarantined.count == 1, "\(failures)")
      let keptID = try #require(quarantined.first?.statementID)
      #expect(
        try store.rawMessage(id: keptID).map { String(decoding: $0, as: UTF8.self) }?
          .contains(Self.marker) == true, "the trapping message is the one given up on")
      let titles = try store.export().compactMap(\.statement.title)
      #expect(titles.contains { $0.hasPrefix("LS on OTN network slicing") }, "\(titles)")
      let marks = try await store.pool.read { db in
        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM intake_attempt")
      }
      #expect(marks == 0, "no attempt left in hand")
    }
  }
}
