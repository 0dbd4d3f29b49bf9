import Foundation
import Liaison
import Logging
import MailTransport
import Store

/// Takes mail out of the IMAP mailbox into the record, durably.
///
/// One cycle: STATUS, UID SEARCH, then batches of `batchSize` in UID order: the sizes,
/// one download of the batch (`prefetch`), each message handed to `record` (which commits
/// raw bytes and origin in one transaction, not yet synced: see
/// `LiaisonStore.deferDurability`), one sync of the whole batch to disk, and only then
/// one move of the batch to the processed (or quarantine) mailbox. A crash at any point
/// therefore leaves at most one batch in the INBOX and the next cycle retries it; a
/// message the store has already committed (`seen`) is only moved, never recorded twice. After a
/// UIDVALIDITY change every message looks new by position, and the store recognises the
/// ones it has by content (raw bytes, Message-ID and content hash).
///
/// While one message is recorded, the next of the batch is begun (`Preparer`: marked in
/// hand, then parsed and extracted on the other core); a batch holding a message whose
/// mark a stop left takes each of its messages alone, so that only the one that takes the
/// process down is counted again.
///
/// One bad message never stops the others. `record` handles what fails after the commit
/// (a defect of that statement). A message whose recording fails while the store can be
/// written stays in the INBOX and the cycle goes on with the next; after
/// `maxAttempts` failures it is kept as it came, quarantined with its history. Only a
/// failure of the mailbox connection or a store that cannot be written at all
/// (`StoreError.isUnwritable`: disk full, read-only) ends the cycle; the loop then backs
/// off and resumes by itself once it can.
///
/// `run` is the loop the daemon runs; `liaisond run --once` runs one `cycle`.
public final class MailboxPoller: Sendable {
  /// Records one downloaded message, stamped `receivedAt`; the daemon wires parse +
  /// extract + store into it.
  public typealias Recorder =
    @Sendable (
      _ raw: [UInt8], _ prepared: PreparedMessage?, _ origin: MessageOrigin, _ receivedAt: Date
    ) async throws -> RecordOutcome
  /// Begins a message the batch records later (one of the next
  /// `Configuration.prepareAhead`) while the current one commits: returns once whatever
  /// must come before any of its work is done (its in-hand mark), with the rest running.
  /// Its result reaches the recorder as `prepared`.
  public typealias Preparer =
    @Sendable (_ raw: [UInt8], _ origin: MessageOrigin, _ now: Date) async -> PreparedMessage
  /// Finishes what follows the commit (notifications, ...) for a message an interrupted
  /// cycle committed but did not move: the process may have died before it ran. Must be
  /// safe to call for a message whose processing was complete.
  public typealias Resumer =
    @Sendable (_ statementID: String, _ origin: MessageOrigin, _ now: Date) async throws -> Void
  /// Told the outcome of every cycle and how long it took (health, metrics).
  public typealias CycleObserver =
    @Sendable (_ result: Result<CycleReport, any Error>, _ elapsed: Duration) async -> Void

  public struct Configuration: Sendable {
    public var mailbox: String
    public var processedMailbox: String
    public var quarantineMailbox: String
    /// The longest wait between two cycles (IDLE usually ends it sooner).
    public var pollInterval: Duration
    /// Messages downloaded (and moved) per batch.
    public var batchSize: Int
    /// Bytes of a batch downloaded together at most (see `prefetch`); the rest one by one.
    public var prefetchBytes: Int
    /// A message larger than this is recorded from its header only and quarantined.
    public var maxMessageSize: Int
    /// Delay after a failed cycle.
    public var backoff: Backoff
    /// Failed recordings of one message before it is quarantined (`intake.max_attempts`).
    public var maxAttempts: Int
    /// Messages of a batch begun (parsed, extracted, their documents read) while the one
    /// before them commits. More than one, so that a message whose PDF takes a few
    /// milliseconds to read has had them by its turn instead of holding up the commits.
    public var prepareAhead: Int

    public init(
      mailbox: String = "INBOX", processedMailbox: String = "Processed",
      quarantineMailbox: String = "Quarantine", pollInterval: Duration = .seconds(60),
      batchSize: Int = 50, maxMessageSize: Int = 50 * 1024 * 1024,
      backoff: Backoff = Backoff(initial: .seconds(1), maximum: .seconds(300)),
      maxAttempts: Int = 3, prefetchBytes: Int = 8 * 1024 * 1024, prepareAhead: Int = 4
    ) {
      self.prepareAhead = max(1, prepareAhead)
      self.prefetchBytes = prefetchBytes
      self.mailbox = mailbox
      self.processedMailbox = processedMailbox
      self.quarantineMailbox = quarantineMailbox
      self.pollInterval = pollInterval
      self.batchSize = max(1, batchSize)
      self.maxMessageSize = maxMessageSize
      self.backoff = backoff
      self.maxAttempts = max(1, maxAttempts)
    }
  }

  /// What one cycle did.
  public struct CycleReport: Sendable, Equatable {
    public var status: MailboxStatus
    public var recorded = 0
    public var duplicates = 0
    public var quarantined = 0
    /// Already committed by an earlier (interrupted) cycle: only moved this time.
    public var alreadySeen = 0
    /// Larger than the limit: recorded from the header and quarantined.
    public var oversized = 0
    public var moved = 0
    /// Could not be recorded this time (the store being writable): left in the mailbox.
    public var failed = 0
    /// Failed `maxAttempts` times: kept as it came and moved to the quarantine mailbox.
    public var gaveUp = 0
    /// A stop was asked for: the cycle moved what it had committed and left the rest.
    public var stopped = false

    public init(status: MailboxStatus) {
      self.status = status
    }
  }

  /// Where a cycle's time went, for its log line: downloads (sizes and the batch
  /// download), recording (parse, extract, commit, queue; single downloads included),
  /// the batch syncs to disk, and the moves.
  struct BatchTimings {
    var fetch: Duration = .zero
    var record: Duration = .zero
    var sync: Duration = .zero
    var move: Duration = .zero
  }

  /// How long an unusable IDLE waits before the next poll at most.
  static let idleFallback: Duration = .seconds(30)

  public let configuration: Configuration
  private let mailbox: any Mailbox
  private let watcher: (any MailboxWatcher)?
  private let store: LiaisonStore
  private let clock: any WallClock
  private let record: Recorder
  private let prepare: Preparer?
  private let resume: Resumer?
  private let logger: Logger
  private let onCycle: CycleObserver?

  /// - Parameters:
  ///   - watcher: notices new mail between cycles (IMAP IDLE); nil polls every `pollInterval`.
  ///   - clock: stamps what is recorded and times the waits.
  ///   - onCycle: told the outcome of every cycle (health, metrics).
  ///   - resume: run for each message found committed but still in the mailbox.
  ///   - prepare: begins the next messages of a batch while one commits; nil prepares
  ///     nothing ahead (the recorder is then given nil).
  public init(
    mailbox: any Mailbox, watcher: (any MailboxWatcher)?, store: LiaisonStore,
    configuration: Configuration, clock: any WallClock,
    logger: Logger = Logger(label: "liaisond.poller"), onCycle: CycleObserver? = nil,
    resume: Resumer? = nil, prepare: Preparer? = nil, record: @escaping Recorder
  ) {
    self.prepare = prepare
    self.mailbox = mailbox
    self.watcher = watcher
    self.store = store
    self.configuration = configuration
    self.clock = clock
    self.logger = logger
    self.onCycle = onCycle
    self.record = record
    self.resume = resume
  }

  /// Cycles until `stop` is set, the task is cancelled or `isCurrent` says this poller
  /// was replaced (a configuration reload): after each cycle, waits for IDLE news or
  /// `pollInterval`; after a failure, a jittered exponential backoff.
  public func run(until stop: StopSignal, isCurrent: @Sendable () async -> Bool = { true }) async {
    var failures = 0
    var knownUIDNext: UInt32?
    while !stop.isSet, !Task.isCancelled, await isCurrent() {
      do {
        let report = try await cycle(until: stop)
        failures = 0
        knownUIDNext = report.status.uidNext
      } catch {
        if stop.isSet || Task.isCancelled { return }
        let delay = configuration.backoff.delay(attempt: failures)
        failures += 1
        logger.warning(
          "mailbox cycle failed; retrying",
          metadata: [
            "error": "\(error)", "retry.in": "\(DurationText.format(delay))",
            "retry.attempt": "\(failures)",
          ])
        await stop.sleep(for: delay, on: clock)
        continue
      }
      if stop.isSet { return }
      await waitForNews(knownUIDNext: knownUIDNext, stop: stop)
    }
  }

  /// One cycle over the mailbox; see the type's documentation. With `stop` set, the
  /// message in hand is finished and moved, and the rest stays for the next cycle.
  @discardableResult
  public func cycle(until stop: StopSignal? = nil) async throws -> CycleReport {
    let start = ContinuousClock.now
    do {
      let report = try await runCycle(stop: stop)
      await onCycle?(.success(report), ContinuousClock.now - start)
      return report
    } catch {
      await onCycle?(.failure(error), ContinuousClock.now - start)
      throw error
    }
  }

  private func runCycle(stop: StopSignal?) async throws -> CycleReport {
    do {
      return try await runCycle(mailbox: configuration.mailbox, stop: stop)
    } catch MailTransportError.uidValidityChanged(_, _, let expected) {
      // Recreated between STATUS and the fetches: start over with the new UIDVALIDITY
      // (the store recognises what it already has by content).
      logger.warning(
        "mailbox UIDVALIDITY changed; reconciling",
        metadata: [
          "imap.mailbox": "\(configuration.mailbox)", "imap.uidvalidity.old": "\(expected)",
        ])
      return try await runCycle(mailbox: configuration.mailbox, stop: stop)
    }
  }

  private func runCycle(mailbox name: String, stop: StopSignal?) async throws -> CycleReport {
    let status = try await mailbox.status(of: name)
    var report = CycleReport(status: status)
    var timings = BatchTimings()
    guard status.messages > 0 else { return report }
    // Everything still in the mailbox, not only UIDs above the high-water mark: a
    // message committed just before a crash is still here and must be moved too.
    let uids = try await mailbox.searchUIDs(in: name, uidValidity: status.uidValidity, from: 1)
    var index = 0
    while index < uids.count, !report.stopped {
      try Task.checkCancellation()
      let batch = Array(uids[index..<min(index + configuration.batchSize, uids.count)])
      index += batch.count
      try await process(
        batch, uidValidity: status.uidValidity, stop: stop, report: &report, timings: &timings)
    }
    if report.recorded + report.quarantined + report.duplicates + report.alreadySeen > 0 {
      logger.info(
        "mailbox cycle",
        metadata: [
          "imap.mailbox": "\(name)", "poll.recorded": "\(report.recorded)",
          "poll.duplicates": "\(report.duplicates)", "poll.quarantined": "\(report.quarantined)",
          "poll.already_seen": "\(report.alreadySeen)", "poll.moved": "\(report.moved)",
          "poll.time.fetch": "\(DurationText.format(timings.fetch))",
          "poll.time.record": "\(DurationText.format(timings.record))",
          "poll.time.sync": "\(DurationText.format(timings.sync))",
          "poll.time.move": "\(DurationText.format(timings.move))",
        ])
    }
    return report
  }

  private func process(
    _ batch: [UInt32], uidValidity: UInt32, stop: StopSignal?, report: inout CycleReport,
    timings: inout BatchTimings
  ) async throws {
    let name = configuration.mailbox
    let stopwatch = ContinuousClock()
    var mark = stopwatch.now
    func lap() -> Duration {
      let now = stopwatch.now
      defer { mark = now }
      return now - mark
    }
    let sizes = try await mailbox.sizes(in: name, uidValidity: uidValidity, uids: batch)
    var prefetched = await prefetch(batch, sizes: sizes, uidValidity: uidValidity)
    timings.fetch += lap()
    var toProcessed: [UInt32] = []
    var toQuarantine: [UInt32] = []
    var failure: (any Error)?
    // The next messages are begun while this one commits, unless a stop was counted
    // against a message of this batch still in hand: then each goes alone, so that the one
    // that takes the process down is the only one counted again. (A mark of a message gone
    // from the mailbox meanwhile slows no later batch.)
    let origins = batch.map { MessageOrigin.imap(mailbox: name, uidValidity: uidValidity, uid: $0) }
    let prepareAhead = prepare != nil && (try? store.inHand(among: origins))?.isEmpty == true
    // Begun and not yet recorded, in batch order.
    var ahead: [(uid: UInt32, message: PreparedMessage)] = []
    var begunUpTo = 0
    // Group commit: one sync to disk for the batch, before anything of it is moved.
    try store.deferDurability()
    for (index, uid) in batch.enumerated() {
      if let stop, stop.isSet {
        report.stopped = true
        break
      }
      let origin = MessageOrigin.imap(mailbox: name, uidValidity: uidValidity, uid: uid)
      var raw: [UInt8]?
      var seenID: String?
      do {
        if let id = try store.seen(origin) {
          seenID = id
          try await resume?(id, origin, clock.now())
          report.alreadySeen += 1
          toProcessed.append(uid)
          continue
        }
        let outcome: RecordOutcome
        let size = sizes[uid] ?? 0
        if size > configuration.maxMessageSize {
          let header = try await mailbox.fetchHeader(in: name, uidValidity: uidValidity, uid: uid)
          outcome = try store.recordUnparseable(
            raw: header, origin: origin,
            reason:
              "the message has \(size) bytes, more than the limit of \(configuration.maxMessageSize);"
              + " only its header was fetched, the full message is in mailbox \(configuration.quarantineMailbox)",
            receivedAt: clock.now())
          report.oversized += 1
          logger.warning(
            "oversized message recorded from its header",
            metadata: ["imap.uid": "\(uid)", "imap.size": "\(size)", "liaison.id": "\(outcome.id)"])
        } else {
          let bytes: [UInt8]
          if let ready = prefetched.removeValue(forKey: uid) {
            bytes = ready
          } else {
            bytes = try await mailbox.fetchMessage(
              in: name, uidValidity: uidValidity, uid: uid, expectedSize: size)
          }
          raw = bytes
          var prepared: PreparedMessage?
          if let found = ahead.firstIndex(where: { $0.uid == uid }) {
            prepared = ahead.remove(at: found).message
          }
          if prepareAhead, let prepare {
            begunUpTo = max(begunUpTo, index + 1)
            // Only what was downloaded with the batch: the rest is fetched at its turn.
            while begunUpTo < min(batch.count, index + 1 + configuration.prepareAhead) {
              let next = batch[begunUpTo]
              begunUpTo += 1
              guard let bytes = prefetched[next] else { continue }
              let nextOrigin = MessageOrigin.imap(
                mailbox: name, uidValidity: uidValidity, uid: next)
              ahead.append((next, await prepare(bytes, nextOrigin, clock.now())))
            }
          }
          outcome = try await record(bytes, prepared, origin, clock.now())
        }
        switch outcome {
        case .recorded:
          report.recorded += 1
          toProcessed.append(uid)
        case .duplicate:
          report.duplicates += 1
          toProcessed.append(uid)
        case .quarantined:
          report.quarantined += 1
          toQuarantine.append(uid)
        }
      } catch MailTransportError.messageNotFound {
        // Someone else moved or expunged it meanwhile: nothing left to take.
        continue
      } catch  where Self.stopsCycle(error) {
        failure = error
        break
      } catch {
        // This message's own failure: the next one must not wait behind it.
        do {
          if try await giveUpIfExhausted(
            uid: uid, uidValidity: uidValidity, origin: origin, raw: raw, recordedAs: seenID,
            error: error)
          {
            report.gaveUp += 1
            toQuarantine.append(uid)
          } else {
            report.failed += 1
          }
        } catch {
          failure = error
          break
        }
      }
    }
    // Begun, but their turn did not come (a stop, a failure that ends the cycle, a message
    // found committed already).
    for begun in ahead { await begun.message.abandon() }
    // Nothing leaves the INBOX before its record is on disk; a store that cannot sync
    // leaves the whole batch there, to be recognised as committed by the next cycle.
    timings.record += lap()
    try store.makeDurable()
    timings.sync += lap()
    if !toProcessed.isEmpty || !toQuarantine.isEmpty { Self.testFaultAfterCommit() }
    // Whatever was committed leaves the INBOX, also when a later message failed.
    try await mailbox.move(
      uids: toProcessed, from: name, uidValidity: uidValidity, to: configuration.processedMailbox)
    try await mailbox.move(
      uids: toQuarantine, from: name, uidValidity: uidValidity,
      to: configuration.quarantineMailbox)
    report.moved += toProcessed.count + toQuarantine.count
    timings.move += lap()
    if let failure { throw failure }
  }

  /// The messages of `batch` to be recorded, downloaded in as few round trips as the
  /// mailbox allows, up to `prefetchBytes` in all; what is not here (too large, already
  /// committed, missing from the answer) is fetched alone. A failure costs only speed.
  private func prefetch(_ batch: [UInt32], sizes: [UInt32: Int], uidValidity: UInt32) async
    -> [UInt32: [UInt8]]
  {
    var wanted: [UInt32] = []
    var bytes = 0
    for uid in batch {
      let size = sizes[uid] ?? 0
      guard size <= configuration.maxMessageSize, bytes + size <= configuration.prefetchBytes
      else { continue }
      let origin = MessageOrigin.imap(
        mailbox: configuration.mailbox, uidValidity: uidValidity, uid: uid)
      if (try? store.seen(origin)) != nil { continue }
      wanted.append(uid)
      bytes += size
    }
    guard wanted.count > 1 else { return [:] }
    do {
      return try await mailbox.fetchMessages(
        in: configuration.mailbox, uidValidity: uidValidity, uids: wanted, expectedSizes: sizes)
    } catch {
      logger.info(
        "batch download failed; fetching one message at a time", metadata: ["error": "\(error)"])
      return [:]
    }
  }

  /// The environment variable of the crash test (`kill -9` between a batch's commit and
  /// its move): the path of a marker file. Unset, as in any real deployment, it does nothing.
  public static let testKillAfterCommitVariable = "LIAISOND_TEST_KILL_AFTER_COMMIT"

  /// With `testKillAfterCommitVariable` naming a file that does not exist yet, creates it
  /// and kills this process at once (SIGKILL): once per marker, so the restart goes on.
  private static func testFaultAfterCommit() {
    guard let marker = ProcessInfo.processInfo.environment[testKillAfterCommitVariable],
      !marker.isEmpty
    else { return }
    let fd = open(marker, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
    guard fd >= 0 else { return }
    close(fd)
    kill(getpid(), SIGKILL)
  }

  /// Whether `error` ends the cycle rather than only this message: the mailbox connection,
  /// cancellation, or a store that cannot be written at all.
  static func stopsCycle(_ error: any Error) -> Bool {
    if error is MailTransportError || error is CancellationError { return true }
    if let error = error as? StoreError { return error.isUnwritable }
    return false
  }

  /// Counts the failure of the message at `origin`; once it has failed `maxAttempts` times,
  /// keeps it as it came (or marks the statement it already is), quarantined with its
  /// history, and returns true: it is then moved to the quarantine mailbox.
  private func giveUpIfExhausted(
    uid: UInt32, uidValidity: UInt32, origin: MessageOrigin, raw: [UInt8]?,
    recordedAs seenID: String?, error: any Error
  ) async throws -> Bool {
    let now = clock.now()
    let attempts = try store.noteRecordFailure(origin: origin, reason: "\(error)", at: now)
    logger.error(
      "cannot record this message; going on with the next",
      metadata: [
        "imap.uid": "\(uid)", "error": "\(error)", "intake.attempt": "\(attempts)",
        "intake.max_attempts": "\(configuration.maxAttempts)",
      ])
    guard attempts >= configuration.maxAttempts else { return false }
    let history = try store.intakeFailure(origin: origin)?.history ?? []
    let reason =
      "failed \(attempts) times; given up and kept as it came. "
      + history.map { "\($0.at): \($0.reason)" }.joined(separator: " | ")
    let id: String
    if let seenID {
      id = seenID
      try store.appendEvent(id: id, kind: .quarantined, detail: reason, at: now)
    } else {
      let bytes: [UInt8]
      if let raw {
        bytes = raw
      } else {
        bytes = try await mailbox.fetchHeader(
          in: configuration.mailbox, uidValidity: uidValidity, uid: uid)
      }
      id = try store.recordUnparseable(raw: bytes, origin: origin, reason: reason, receivedAt: now)
        .id
    }
    try store.markQuarantined(origin: origin, statementID: id)
    logger.error(
      "message quarantined after repeated failures",
      metadata: ["imap.uid": "\(uid)", "liaison.id": "\(id)", "intake.attempts": "\(attempts)"])
    return true
  }

  private func waitForNews(knownUIDNext: UInt32?, stop: StopSignal) async {
    guard let watcher else {
      await stop.sleep(for: configuration.pollInterval, on: clock)
      return
    }
    let name = configuration.mailbox
    let interval = configuration.pollInterval
    do {
      _ = try await stop.cancelling {
        try await watcher.waitForNews(in: name, knownUIDNext: knownUIDNext, timeout: interval)
      }
    } catch {
      if stop.isSet || Task.isCancelled { return }
      // IDLE is an accelerator only: without it, fall back to the periodic poll.
      logger.info("IMAP IDLE unavailable; polling", metadata: ["error": "\(error)"])
      await stop.sleep(for: min(interval, Self.idleFallback), on: clock)
    }
  }
}
