import Foundation
import Liaison
import MailBenchSupport
import Store
import Testing
import Workflow

@testable import Daemon

/// `liaisond run` killed with SIGKILL between a batch's commit and its move (the test-only
/// fault `MailboxPoller.testKillAfterCommitVariable`), then started again.
@Suite("A daemon killed between a batch's commit and its move", .serialized)
struct BatchCrashTests {
  @Test(
    "kill -9 after the commit, before the move: the restart moves the batch; 0 lost, 0 duplicates")
  func killBetweenCommitAndMove() async throws {
    try await MailBench.with { bench in
      let dir = try TemporaryDirectory()
      defer { dir.remove() }
      let files = try MailBench.fixtureMessages()
      try await bench.append(files)
      let path = try dir.write("liaisond.yaml", try bench.configurationYAML(dir))
      let marker = dir.sub("killed-after-commit")

      // First start: the fault kills the daemon once the first batch is on disk.
      let first = try Self.start(path: path, log: dir.sub("first.log"), marker: marker)
      try await Self.waitForExit(first, within: .seconds(300))
      #expect(first.terminationReason == .uncaughtSignal)
      #expect(first.terminationStatus == SIGKILL)
      #expect(FileManager.default.fileExists(atPath: marker))

      let afterKill = try LiaisonStore(directory: dir.sub("state"))
      let committed = Set(try afterKill.export().map(\.id))
      // Exactly the first batch was committed, and none of it moved.
      #expect(committed.count == min(files.count, MailboxPoller.Configuration().batchSize))
      #expect(files.count > committed.count, "a second batch shows that the restart goes on")
      #expect(try await bench.count("INBOX") == files.count)
      #expect(try await bench.count("Processed") + bench.count("Quarantine") == 0)

      // Second start, the marker in place: it goes on where the first stopped.
      let second = try Self.start(path: path, log: dir.sub("second.log"), marker: marker)
      let deadline = ContinuousClock.now + .seconds(300)
      while try await bench.count("INBOX") > 0 || afterKill.outboxCounts().queued > 0 {
        guard ContinuousClock.now < deadline, second.isRunning else {
          Issue.record("the restarted daemon did not empty the INBOX and the outbox")
          break
        }
        try await Task.sleep(for: .milliseconds(200))
      }
      kill(second.processIdentifier, SIGTERM)
      try await Self.waitForExit(second, within: .seconds(60))
      #expect(second.terminationStatus == 0)

      // 0 lost: every message left the INBOX, each with one IMAP position in the store.
      #expect(try await bench.count("INBOX") == 0)
      #expect(try await bench.count("Processed") + bench.count("Quarantine") == files.count)
      let records = try afterKill.export()
      let positions = try records.reduce(0) { total, record in
        total
          + (try afterKill.origins(id: record.id).filter {
            if case .imap = $0 { return true }
            return false
          }.count)
      }
      #expect(positions == files.count)
      // 0 duplicates: the first batch kept its records, and nothing was routed twice.
      #expect(committed.isSubset(of: Set(records.map(\.id))))
      for record in records {
        #expect(record.events.filter { $0.kind == .routed }.count <= 1, "\(record.id)")
      }

      // The same mail through a daemon that was never killed queues the same mails.
      try await bench.append(files)
      let cleanDir = try TemporaryDirectory()
      defer { cleanDir.remove() }
      let cleanPath = try cleanDir.write("liaisond.yaml", try bench.configurationYAML(cleanDir))
      let clean = try await LiaisonDaemon.forTest(path: cleanPath, clock: SystemClock())
      _ = await clean.runOnce()
      // As many records as a daemon that was never killed: none lost, none twice.
      #expect(try clean.store.export().count == records.count)
      let cleanOutbox = try clean.store.outboxCounts()
      let outbox = try afterKill.outboxCounts()
      #expect(
        outbox.queued + outbox.sent + outbox.failed + outbox.held + outbox.refused
          == cleanOutbox.queued + cleanOutbox.sent + cleanOutbox.failed + cleanOutbox.held
          + cleanOutbox.refused)
    }
  }

  static func start(path: String, log: String, marker: String) throws -> Process {
    #expect(FileManager.default.createFile(atPath: log, contents: nil))
    let daemon = Process()
    daemon.executableURL = URL(fileURLWithPath: CommandLineTests.binary)
    daemon.arguments = ["run", "--config", path]
    daemon.environment = [
      "PATH": "/usr/bin:/bin", MailboxPoller.testKillAfterCommitVariable: marker,
    ]
    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
    daemon.standardError = handle
    daemon.standardOutput = handle
    try daemon.run()
    return daemon
  }

  static func waitForExit(_ process: Process, within limit: Duration) async throws {
    let deadline = ContinuousClock.now + limit
    while process.isRunning {
      guard ContinuousClock.now < deadline else {
        process.terminate()
        throw MailBench.BenchError(description: "liaisond did not exit within \(limit)")
      }
      try await Task.sleep(for: .milliseconds(50))
    }
  }
}
