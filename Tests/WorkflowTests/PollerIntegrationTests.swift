import Foundation
import Liaison
import MailBenchSupport
import MailTransport
import Store
import Synchronization
import Testing

@testable import Workflow

/// The mailbox poller against a real Dovecot (scripts/mailbench) and a real store: the
/// cycle and the loop the daemon runs, with `IMAPClient` and `IMAPIdler` behind them.
@Suite(.serialized) struct PollerIntegrationTests {
  /// A "crash" the cycle cannot go on from: the record itself cannot be written (any other
  /// error is one message's, and the cycle goes on without it).
  static let storeDown = StoreError.unwritable(
    path: "/test", operation: "record", reason: "simulated: database or disk is full")

  /// Counts what the recorder did, across poller instances.
  final class Tally: @unchecked Sendable {
    private let lock = NSLock()
    private var outcomes: [RecordOutcome] = []
    func add(_ outcome: RecordOutcome) {
      lock.withLock { outcomes.append(outcome) }
    }
    var recorded: Int {
      lock.withLock { outcomes.filter { if case .recorded = $0 { true } else { false } }.count }
    }
    var duplicates: Int {
      lock.withLock { outcomes.filter { if case .duplicate = $0 { true } else { false } }.count }
    }
    var count: Int { lock.withLock { outcomes.count } }
  }

  /// A recorder standing in for parse + extract: subject and Message-ID from the header.
  static func recorder(
    _ store: LiaisonStore, _ tally: Tally, crashAfter limit: Int? = nil
  ) -> MailboxPoller.Recorder {
    { raw, _, origin, receivedAt in
      let header = String(decoding: raw.prefix(2000), as: UTF8.self)
      func field(_ name: String) -> String? {
        header.components(separatedBy: "\r\n").first { $0.hasPrefix(name + ": ") }.map {
          String($0.dropFirst(name.count + 2))
        }
      }
      let statement = ExtractedStatement(title: field("Subject"), messageID: field("Message-ID"))
      let outcome = try store.record(
        raw: raw, extraction: Extraction(statement: statement), origin: origin,
        receivedAt: receivedAt)
      tally.add(outcome)
      // Committed, then "crash" before the poller can move the message.
      if let limit, tally.count >= limit { throw Self.storeDown }
      return outcome
    }
  }

  static func poller(
    _ bench: MailBench, store: LiaisonStore, tally: Tally, mailbox: String = "INBOX",
    crashAfter: Int? = nil,
    batchSize: Int = 10, maxMessageSize: Int = 1 << 20, idle: Bool = false,
    pollInterval: Duration = .seconds(60), resume: MailboxPoller.Resumer? = nil
  ) throws -> MailboxPoller {
    let configuration = try bench.imapConfiguration(mailbox: mailbox)
    return MailboxPoller(
      mailbox: IMAPClient(configuration: configuration),
      watcher: idle ? IMAPIdler(configuration: configuration) : nil, store: store,
      configuration: MailboxPoller.Configuration(
        mailbox: mailbox, pollInterval: pollInterval, batchSize: batchSize,
        maxMessageSize: maxMessageSize),
      clock: TestClock(now: Date(timeIntervalSince1970: 1_795_000_000)),
      resume: resume, record: recorder(store, tally, crashAfter: crashAfter))
  }

  @Test func crashMidBatchLosesNothingAndRecordsNothingTwice() async throws {
    try await MailBench.with { bench in
      let client = IMAPClient(configuration: try bench.imapConfiguration())
      for index in 0..<40 { try await client.append(benchMessage(index), to: "INBOX") }
      let store = try LiaisonStore.temporary()
      let tally = Tally()

      let crashing = try Self.poller(bench, store: store, tally: tally, crashAfter: 15)
      await #expect(throws: StoreError.self) { try await crashing.cycle() }
      let inbox = try await client.status(of: "INBOX")
      #expect(inbox.messages == 40 - 14)  // the 15th was committed but not moved

      let restarted = try Self.poller(bench, store: store, tally: tally)
      let report = try await restarted.cycle()
      #expect(report.alreadySeen == 1)
      #expect(report.recorded == 25)
      #expect(tally.recorded == 40)
      #expect(tally.duplicates == 0)
      #expect(try await client.status(of: "INBOX").messages == 0)
      #expect(try await client.status(of: "Processed").messages == 40)
      #expect(try store.imapHighWaterMark(mailbox: "INBOX", uidValidity: inbox.uidValidity) == 40)
      // A further cycle finds nothing.
      #expect(try await restarted.cycle().recorded == 0)
    }
  }

  /// Found by scripts/chaos: a daemon killed after the commit but before its notifications
  /// were queued left the statement without them, since the next cycle only moved it.
  @Test func messageCommittedBeforeACrashIsResumedBeforeItIsMoved() async throws {
    try await MailBench.with { bench in
      let client = IMAPClient(configuration: try bench.imapConfiguration())
      for index in 0..<3 { try await client.append(benchMessage(index), to: "INBOX") }
      let store = try LiaisonStore.temporary()
      let tally = Tally()
      let crashing = try Self.poller(bench, store: store, tally: tally, crashAfter: 2)
      await #expect(throws: StoreError.self) { try await crashing.cycle() }
      let status = try await client.status(of: "INBOX")
      let committed = try #require(
        try store.seen(.imap(mailbox: "INBOX", uidValidity: status.uidValidity, uid: 2)))

      // A resume that fails leaves the message in the mailbox for the next cycle.
      let failing = try Self.poller(bench, store: store, tally: tally) { _, _, _ in
        throw Self.storeDown
      }
      await #expect(throws: StoreError.self) { try await failing.cycle() }
      #expect(try await client.status(of: "INBOX").messages == 2)

      let resumed = Mutex<[String]>([])
      let restarted = try Self.poller(bench, store: store, tally: tally) { id, _, _ in
        resumed.withLock { $0.append(id) }
      }
      let report = try await restarted.cycle()
      #expect(resumed.withLock { $0 } == [committed])
      #expect(report.alreadySeen == 1)
      #expect(report.recorded == 1)
      #expect(tally.recorded == 3)
      #expect(try await client.status(of: "INBOX").messages == 0)
    }
  }

  @Test func recreatedMailboxIsReconciledByContentNotReingested() async throws {
    try await MailBench.with { bench in
      let client = IMAPClient(configuration: try bench.imapConfiguration(mailbox: "Liaisons"))
      try await client.createMailbox("Liaisons")
      let messages = (0..<5).map { benchMessage($0) }
      for message in messages { try await client.append(message, to: "Liaisons") }
      let store = try LiaisonStore.temporary()
      let tally = Tally()
      let poller = try Self.poller(bench, store: store, tally: tally, mailbox: "Liaisons")
      #expect(try await poller.cycle().recorded == 5)

      // The mailbox is recreated (new UIDVALIDITY) and the same mail shows up again.
      try await client.deleteMailbox("Liaisons")
      try await client.createMailbox("Liaisons")
      for message in messages { try await client.append(message, to: "Liaisons") }
      let report = try await poller.cycle()
      #expect(report.recorded == 0)
      #expect(report.duplicates == 5)
      #expect(tally.recorded == 5)
      #expect(try await client.status(of: "Liaisons").messages == 0)
    }
  }

  @Test func oversizedMessageIsRecordedFromItsHeaderAndQuarantined() async throws {
    try await MailBench.with { bench in
      let client = IMAPClient(configuration: try bench.imapConfiguration())
      try await client.append(benchMessage(1), to: "INBOX")
      try await client.append(benchMessage(2, bodyBytes: 50_000), to: "INBOX")
      let store = try LiaisonStore.temporary()
      let tally = Tally()
      let poller = try Self.poller(bench, store: store, tally: tally, maxMessageSize: 10_000)
      let report = try await poller.cycle()
      #expect(report.recorded == 1)
      #expect(report.oversized == 1)
      #expect(report.quarantined == 1)
      let status = report.status
      #expect(
        try store.seen(.imap(mailbox: "INBOX", uidValidity: status.uidValidity, uid: 2)) != nil)
      #expect(try await client.status(of: "Quarantine").messages == 1)
      #expect(try await client.status(of: "INBOX").messages == 0)
    }
  }

  @Test func dovecotRestartMidRunIsRetriedWithoutLoss() async throws {
    try await MailBench.with { bench in
      let client = IMAPClient(configuration: try bench.imapConfiguration())
      for index in 0..<10 { try await client.append(benchMessage(index), to: "INBOX") }
      let store = try LiaisonStore.temporary()
      let tally = Tally()
      let poller = try Self.poller(bench, store: store, tally: tally)
      #expect(try await poller.cycle().recorded == 10)
      for index in 10..<20 { try await client.append(benchMessage(index), to: "INBOX") }
      try await bench.run("stop-dovecot")
      do {
        try await poller.cycle()
        Issue.record("a cycle succeeded with Dovecot stopped")
      } catch let error as MailTransportError {
        #expect(error.isTemporary)
      }
      try await bench.run("start-dovecot")
      #expect(try await poller.cycle().recorded == 10)
      #expect(tally.recorded == 20)
      #expect(try await client.status(of: "Processed").messages == 20)
    }
  }

  /// With a poll interval of 10 minutes, only IDLE can bring mail in: the first arrival is
  /// recorded within seconds, and after each cycle the loop idles again at once, so every
  /// arrival wakes it in turn (the IDLE ended by the previous news is answered on the way
  /// back, not before the fetch).
  @Test func idlingPollerWakesForEachArrivalInTurn() async throws {
    try await MailBench.with { bench in
      let store = try LiaisonStore.temporary()
      let tally = Tally()
      let poller = try Self.poller(
        bench, store: store, tally: tally, idle: true, pollInterval: .seconds(600))
      let stop = StopSignal()
      let running = Task { await poller.run(until: stop) }
      defer { stop.set() }
      let client = IMAPClient(configuration: try bench.imapConfiguration())
      for index in 1...3 {
        try await Task.sleep(for: .milliseconds(300))
        try await client.append(benchMessage(index), to: "INBOX")
        // The poll interval is 10 minutes: only IDLE can bring each message in.
        let deadline = ContinuousClock.now + .seconds(10)
        while tally.recorded < index && ContinuousClock.now < deadline {
          try await Task.sleep(for: .milliseconds(50))
        }
        #expect(tally.recorded == index)
      }
      // Each was moved too (the move follows the record: wait for the last one).
      let deadline = ContinuousClock.now + .seconds(10)
      var processed = 0
      while processed < 3 && ContinuousClock.now < deadline {
        processed = try await client.status(of: "Processed").messages
        if processed < 3 { try await Task.sleep(for: .milliseconds(50)) }
      }
      #expect(processed == 3)
      stop.set()
      await running.value
    }
  }
}

func benchMessage(_ index: Int, bodyBytes: Int = 300) -> [UInt8] {
  var text =
    "From: ITU-T SG15 <tsbsg15@itu.int>\r\nTo: statements@ietf.org\r\n"
    + "Subject: LS \(index) on OTN network slicing\r\nMessage-ID: <ls.\(index).\(UUID().uuidString)@itu.int>\r\n\r\n"
  while text.utf8.count < bodyBytes {
    text += "Liaison statement body line for message \(index).\r\n"
  }
  return Array(text.utf8)
}
