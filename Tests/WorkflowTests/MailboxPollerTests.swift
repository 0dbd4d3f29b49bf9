import Foundation
import Liaison
import MailTransport
import Store
import Synchronization
import Testing

@testable import Workflow

/// The poller's cycle and loop against an in-memory mailbox, a real store and a test
/// clock: the same code the daemon runs, in no real time.
@Suite struct MailboxPollerTests {
  struct SimulatedCrash: Error {}
  /// What ends a cycle: the record itself cannot be written (any other error is one
  /// message's, and the cycle goes on without it).
  static let storeDown = StoreError.unwritable(
    path: "/test", operation: "record", reason: "simulated: database or disk is full")

  static let start = ISO8601DateFormatter().date(from: "2026-11-23T09:00:00Z")!
  let store: LiaisonStore
  let mailbox: InMemoryMailbox
  let journal = Journal()
  let clock = TestClock(now: MailboxPollerTests.start)

  init() throws {
    store = try LiaisonStore.temporary()
    mailbox = InMemoryMailbox(journal: journal)
  }

  static func message(_ index: Int, bodyBytes: Int = 200) -> [UInt8] {
    var text =
      "From: ITU-T SG15 <tsbsg15@itu.int>\r\nTo: statements@ietf.org\r\n"
      + "Subject: LS \(index)\r\nMessage-ID: <ls.\(index)@itu.int>\r\n\r\n"
    while text.utf8.count < bodyBytes { text += "Body line of message \(index).\r\n" }
    return Array(text.utf8)
  }

  /// Records into the store and notes the commit; throws after the commit of `crashAfter`.
  func recorder(crashAfter: Int? = nil, onRecord: (@Sendable (Int) -> Void)? = nil)
    -> MailboxPoller.Recorder
  {
    let store = store
    let journal = journal
    let count = Mutex(0)
    return { raw, _, origin, receivedAt in
      let statement = ExtractedStatement(title: "recorded", messageID: "<\(origin)@test>")
      let outcome = try store.record(
        raw: raw, extraction: Extraction(statement: statement), origin: origin,
        receivedAt: receivedAt)
      if case .imap(_, _, let uid) = origin { journal.note(["commit \(uid)"]) }
      let n = count.withLock {
        $0 += 1
        return $0
      }
      onRecord?(n)
      if let crashAfter, n >= crashAfter { throw Self.storeDown }
      return outcome
    }
  }

  func makePoller(
    watcher: (any MailboxWatcher)? = nil, maxMessageSize: Int = 1 << 20, batchSize: Int = 10,
    onCycle: MailboxPoller.CycleObserver? = nil, resume: MailboxPoller.Resumer? = nil,
    record: MailboxPoller.Recorder? = nil
  ) -> MailboxPoller {
    MailboxPoller(
      mailbox: mailbox, watcher: watcher, store: store,
      configuration: MailboxPoller.Configuration(
        pollInterval: .seconds(60), batchSize: batchSize, maxMessageSize: maxMessageSize,
        backoff: Backoff(initial: .seconds(2), maximum: .seconds(300))),
      clock: clock, onCycle: onCycle, resume: resume, record: record ?? recorder())
  }

  @Test func everyMessageIsMovedOnlyAfterItWasCommitted() async throws {
    for index in 1...5 { mailbox.append(Self.message(index)) }
    let report = try await makePoller(batchSize: 2).cycle()
    #expect(report.recorded == 5 && report.moved == 5)
    #expect(mailbox.count("INBOX") == 0 && mailbox.count("Processed") == 5)
    let lines = journal.lines
    for uid in 1...5 {
      let commit = try #require(lines.firstIndex(of: "commit \(uid)"))
      let move = try #require(lines.firstIndex(of: "move \(uid) to Processed"))
      #expect(commit < move, "\(lines)")
    }
  }

  @Test func receiptIsStampedWithTheInjectedClock() async throws {
    mailbox.append(Self.message(1))
    clock.set(ISO8601DateFormatter().date(from: "2031-02-03T04:05:06Z")!)
    try await makePoller().cycle()
    let record = try #require(try store.export().first)
    #expect(record.receivedAt.hasPrefix("2031-02-03T04:05:06"))
    #expect(record.id.hasPrefix("LS-2031-"))
  }

  @Test func aFailureMidBatchMovesWhatWasCommittedAndKeepsTheRest() async throws {
    for index in 1...5 { mailbox.append(Self.message(index)) }
    await #expect(throws: StoreError.self) {
      try await makePoller(record: recorder(crashAfter: 3)).cycle()
    }
    // The third was committed, then the store failed: it stays with the two never taken.
    #expect(mailbox.uids(in: "Processed") == [1, 2])
    #expect(mailbox.uids(in: "INBOX") == [3, 4, 5])
    #expect(try store.export().count == 3)
  }

  @Test func anErrorBetweenCommitAndMoveLeadsToAMoveOnlyNextCycle() async throws {
    for index in 1...3 { mailbox.append(Self.message(index)) }
    mailbox.failNext(.move)
    await #expect(throws: MailTransportError.self) { try await makePoller().cycle() }
    #expect(mailbox.count("INBOX") == 3)
    #expect(try store.export().count == 3)

    let resumed = Mutex<[String]>([])
    let recorded = Mutex(0)
    let report = try await makePoller(
      resume: { id, _, _ in resumed.withLock { $0.append(id) } },
      record: { _, _, _, _ in
        recorded.withLock { $0 += 1 }
        throw SimulatedCrash()
      }
    ).cycle()
    #expect(report.alreadySeen == 3 && report.recorded == 0 && report.moved == 3)
    #expect(recorded.withLock { $0 } == 0, "a committed message was recorded again")
    #expect(resumed.withLock { $0.count } == 3)
    // Nothing was downloaded again: three fetches in all, by the first cycle.
    #expect(mailbox.calls.filter { $0 == .fetch }.count == 3)
    #expect(mailbox.count("INBOX") == 0 && mailbox.count("Processed") == 3)
  }

  @Test func aFailedResumeLeavesTheMessageForTheNextCycle() async throws {
    mailbox.append(Self.message(1))
    mailbox.failNext(.move)
    await #expect(throws: MailTransportError.self) { try await makePoller().cycle() }
    await #expect(throws: StoreError.self) {
      try await makePoller(resume: { _, _, _ in throw Self.storeDown }).cycle()
    }
    #expect(mailbox.count("INBOX") == 1)
    #expect(try await makePoller(resume: { _, _, _ in }).cycle().alreadySeen == 1)
    #expect(mailbox.count("INBOX") == 0)
  }

  @Test func oneMessagesFailureLeavesItBehindAndTheCycleGoesOn() async throws {
    for index in 1...3 { mailbox.append(Self.message(index)) }
    let good = recorder()
    let poller = makePoller(record: { raw, _, origin, receivedAt in
      if case .imap(_, _, 2) = origin { throw SimulatedCrash() }
      return try await good(raw, nil, origin, receivedAt)
    })
    let report = try await poller.cycle()
    #expect(report.recorded == 2 && report.failed == 1 && report.moved == 2)
    #expect(mailbox.uids(in: "INBOX") == [2])
    #expect(mailbox.uids(in: "Processed") == [1, 3])
    let origin = MessageOrigin.imap(mailbox: "INBOX", uidValidity: 7, uid: 2)
    #expect(try store.intakeFailure(origin: origin)?.attempts == 1)
  }

  @Test func anOversizedMessageIsRecordedFromItsHeaderAndQuarantined() async throws {
    mailbox.append(Self.message(1))
    mailbox.append(Self.message(2, bodyBytes: 50_000))
    let report = try await makePoller(maxMessageSize: 10_000).cycle()
    #expect(report.recorded == 1 && report.oversized == 1 && report.quarantined == 1)
    #expect(mailbox.uids(in: "Quarantine") == [2] && mailbox.uids(in: "Processed") == [1])
    #expect(mailbox.calls.filter { $0 == .fetch }.count == 1)
    #expect(mailbox.calls.filter { $0 == .fetchHeader }.count == 1)
    let id = try #require(try store.seen(.imap(mailbox: "INBOX", uidValidity: 7, uid: 2)))
    let record = try #require(try store.statement(id: id))
    #expect(record.state == .quarantined)
    #expect(record.statement.defects.contains { $0.contains("only its header was fetched") })
    #expect(try store.rawMessage(id: id)?.count ?? .max < 1_000)
  }

  @Test func aMessageGoneMeanwhileIsSkipped() async throws {
    mailbox.append(Self.message(1))
    mailbox.append(Self.message(2))
    mailbox.failNext(
      .fetch, with: MailTransportError.messageNotFound(server: "memory", mailbox: "INBOX", uid: 1))
    let report = try await makePoller().cycle()
    #expect(report.recorded == 1)
    #expect(mailbox.uids(in: "Processed") == [2])
  }

  @Test func aStopFinishesTheMessageInHandAndLeavesTheRest() async throws {
    for index in 1...5 { mailbox.append(Self.message(index)) }
    let stop = StopSignal()
    let report = try await makePoller(
      record: recorder(onRecord: { n in if n == 2 { stop.set() } })
    ).cycle(until: stop)
    #expect(report.stopped && report.recorded == 2 && report.moved == 2)
    #expect(mailbox.uids(in: "INBOX") == [3, 4, 5])
  }

  /// Prepares every message ahead except the first of a batch, and hands what it made to
  /// the recorder; records which were prepared and which the recorder was given.
  final class Lookahead: Sendable {
    let prepared = Mutex<[UInt32]>([])
    let given = Mutex<[UInt32: Int?]>([:])
    let abandoned = Mutex<[UInt32]>([])

    func preparer() -> MailboxPoller.Preparer {
      { raw, origin, _ in
        guard case .imap(_, _, let uid) = origin else { fatalError("an IMAP origin") }
        self.prepared.withLock { $0.append(uid) }
        return PreparedMessage(
          abandon: { self.abandoned.withLock { $0.append(uid) } }, work: { raw.count })
      }
    }

    func recorder(_ base: @escaping MailboxPoller.Recorder) -> MailboxPoller.Recorder {
      { raw, prepared, origin, receivedAt in
        guard case .imap(_, _, let uid) = origin else { fatalError("an IMAP origin") }
        let value = await prepared?.value as? Int
        self.given.withLock { $0[uid] = value }
        return try await base(raw, nil, origin, receivedAt)
      }
    }
  }

  func lookaheadPoller(
    _ lookahead: Lookahead, batchSize: Int = 3, prepareAhead: Int = 4,
    record: MailboxPoller.Recorder? = nil
  ) -> MailboxPoller {
    mailbox.batchDownload = true
    return MailboxPoller(
      mailbox: mailbox, watcher: nil, store: store,
      configuration: MailboxPoller.Configuration(batchSize: batchSize, prepareAhead: prepareAhead),
      clock: clock,
      prepare: lookahead.preparer(), record: lookahead.recorder(record ?? recorder()))
  }

  @Test func theNextMessageIsPreparedWhileOneIsRecordedAndHandedToTheRecorder() async throws {
    for index in 1...5 { mailbox.append(Self.message(index)) }
    let lookahead = Lookahead()
    let report = try await lookaheadPoller(lookahead).cycle()
    #expect(report.recorded == 5 && report.moved == 5)
    // Batches [1, 2, 3] and [4, 5]: the first of each is prepared by the recorder itself.
    #expect(lookahead.prepared.withLock { $0 } == [2, 3, 5])
    let given = lookahead.given.withLock { $0 }
    for uid: UInt32 in [2, 3, 5] {
      #expect(given[uid] == .some(Self.message(Int(uid)).count), "uid \(uid)")
    }
    for uid: UInt32 in [1, 4] { #expect(given[uid] == .some(nil), "uid \(uid)") }
    #expect(lookahead.abandoned.withLock { $0 }.isEmpty)
  }

  @Test func afterAStopCountedAgainstAMessageInHandEachMessageOfItsBatchGoesAlone() async throws {
    for index in 1...5 { mailbox.append(Self.message(index)) }
    // What a process that went down while handling mail leaves: marks never cleared, one
    // of a message still in the mailbox (2), one of a message gone since (99).
    for uid: UInt32 in [2, 99] {
      _ = try store.beginIntakeAttempt(
        origin: .imap(mailbox: "INBOX", uidValidity: 7, uid: uid), at: Self.start)
    }
    let lookahead = Lookahead()
    let report = try await lookaheadPoller(lookahead).cycle()
    #expect(report.recorded == 5)
    // Batch [1, 2, 3] holds the marked message: nothing begun beside another there. Batch
    // [4, 5] does not, and the mark of 99 does not hold it back.
    #expect(lookahead.prepared.withLock { $0 } == [5])
    let given = lookahead.given.withLock { $0 }
    for uid: UInt32 in [1, 2, 3, 4] { #expect(given[uid] == .some(nil), "uid \(uid)") }
  }

  @Test func aMessageBegunWhoseTurnDoesNotComeIsAbandoned() async throws {
    for index in 1...3 { mailbox.append(Self.message(index)) }
    let stop = StopSignal()
    let lookahead = Lookahead()
    let report = try await lookaheadPoller(
      lookahead, record: recorder(onRecord: { n in if n == 1 { stop.set() } })
    ).cycle(until: stop)
    #expect(report.stopped && report.recorded == 1)
    #expect(lookahead.prepared.withLock { $0 } == [2, 3])
    #expect(lookahead.abandoned.withLock { $0 } == [2, 3], "their marks are cleared, not left")
    #expect(mailbox.uids(in: "INBOX") == [2, 3])
  }

  /// Several messages are begun beside the one that commits (one slow document must not
  /// hold up the commits), but no more than `prepareAhead`: each begun message is in hand,
  /// and a process that goes down counts a stop against every one of them.
  @Test func atMostPrepareAheadMessagesAreBegunBesideTheOneThatCommits() async throws {
    for index in 1...8 { mailbox.append(Self.message(index)) }
    let lookahead = Lookahead()
    let seen = Mutex<[[UInt32]]>([])
    let report = try await lookaheadPoller(
      lookahead, batchSize: 8, prepareAhead: 2,
      record: recorder(onRecord: { _ in
        seen.withLock { $0.append(lookahead.prepared.withLock { $0 }) }
      })
    ).cycle()
    #expect(report.recorded == 8)
    // As each message commits, the two after it have been begun, and none further.
    #expect(
      seen.withLock { $0 } == [
        [2, 3], [2, 3, 4], [2, 3, 4, 5], [2, 3, 4, 5, 6], [2, 3, 4, 5, 6, 7],
        [2, 3, 4, 5, 6, 7, 8], [2, 3, 4, 5, 6, 7, 8], [2, 3, 4, 5, 6, 7, 8],
      ])
    let given = lookahead.given.withLock { $0 }
    for uid: UInt32 in 2...8 {
      #expect(given[uid] == .some(Self.message(Int(uid)).count), "uid \(uid)")
    }
    #expect(lookahead.abandoned.withLock { $0 }.isEmpty)
  }

  @Test func theLoopBacksOffExponentiallyAfterFailuresThenWaitsForNews() async throws {
    mailbox.append(Self.message(1))
    for _ in 0..<3 { mailbox.failNext(.status) }
    let stop = StopSignal()
    let watcher = InstantWatcher { _ in stop.set() }
    let outcomes = Mutex<[Bool]>([])
    let poller = makePoller(
      watcher: watcher,
      onCycle: { result, _ in
        outcomes.withLock { $0.append((try? result.get()) != nil) }
      })
    await poller.run(until: stop)
    #expect(outcomes.withLock { $0 } == [false, false, false, true])
    let sleeps = clock.sleeps
    #expect(sleeps.count == 3, "\(sleeps)")
    for (attempt, sleep) in sleeps.enumerated() {
      let ceiling = Duration.seconds(2 << attempt)
      #expect(sleep >= ceiling / 2 && sleep <= ceiling, "attempt \(attempt): \(sleep)")
    }
    #expect(watcher.count == 1)
    #expect(mailbox.count("Processed") == 1)
    #expect(clock.now() >= Self.start.addingTimeInterval(7))
  }

  @Test func withoutIdleTheLoopWaitsThePollIntervalBetweenCycles() async throws {
    let stop = StopSignal()
    let cycles = Mutex(0)
    let poller = makePoller(onCycle: { _, _ in
      if cycles.withLock({
        $0 += 1
        return $0
      }) == 3 {
        stop.set()
      }
    })
    await poller.run(until: stop)
    #expect(cycles.withLock { $0 } == 3)
    #expect(clock.sleeps == [.seconds(60), .seconds(60)])
  }

  @Test func anUnusableIdleFallsBackToPolling() async throws {
    let stop = StopSignal()
    let watcher = InstantWatcher { count in
      if count == 2 { stop.set() }
      throw InMemoryMailbox.unreachable
    }
    await makePoller(watcher: watcher).run(until: stop)
    #expect(watcher.count == 2)
    #expect(clock.sleeps == [MailboxPoller.idleFallback])
  }

  @Test func theLoopEndsWhenItsPollerIsReplaced() async throws {
    let stop = StopSignal()
    let cycles = Mutex(0)
    let poller = makePoller(onCycle: { _, _ in cycles.withLock { $0 += 1 } })
    await poller.run(until: stop) { cycles.withLock { $0 } < 2 }
    #expect(cycles.withLock { $0 } == 2)
    #expect(!stop.isSet)
  }
}
