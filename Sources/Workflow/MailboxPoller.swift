import Foundation
import Logging
import MailTransport
import Store

/// Takes mail out of the IMAP mailbox into the record, durably.
///
/// One cycle: STATUS, UID SEARCH, the sizes, then each message in UID order: download
/// it, hand it to `record` (which commits raw bytes and origin in one transaction), and
/// only after that move it to the processed (or quarantine) mailbox. A crash at any point
/// therefore leaves the message in the INBOX and the next cycle retries it; a message
/// the store has already committed (`seen`) is only moved, never recorded twice. After a
/// UIDVALIDITY change every message looks new by position, and the store recognises the
/// ones it has by content (raw bytes, Message-ID and content hash).
public final class MailboxPoller: Sendable {
  /// Records one downloaded message; the lead wires parse + extract + store into it.
  public typealias Recorder =
    @Sendable (_ raw: [UInt8], _ origin: MessageOrigin) async throws -> RecordOutcome
  /// Finishes what follows the commit (notifications, ...) for a message an interrupted
  /// cycle committed but did not move: the process may have died before it ran. Must be
  /// safe to call for a message whose processing was complete.
  public typealias Resumer =
    @Sendable (_ statementID: String, _ origin: MessageOrigin) async throws -> Void

  public struct Configuration: Sendable {
    public var mailbox: String
    public var processedMailbox: String
    public var quarantineMailbox: String
    /// The longest wait between two cycles (IDLE usually ends it sooner).
    public var pollInterval: Duration
    /// Messages downloaded (and moved) per batch.
    public var batchSize: Int
    /// A message larger than this is recorded from its header only and quarantined.
    public var maxMessageSize: Int
    /// Delay after a failed cycle.
    public var backoff: Backoff

    public init(
      mailbox: String = "INBOX", processedMailbox: String = "Processed",
      quarantineMailbox: String = "Quarantine", pollInterval: Duration = .seconds(60),
      batchSize: Int = 50, maxMessageSize: Int = 50 * 1024 * 1024,
      backoff: Backoff = Backoff(initial: .seconds(1), maximum: .seconds(300))
    ) {
      self.mailbox = mailbox
      self.processedMailbox = processedMailbox
      self.quarantineMailbox = quarantineMailbox
      self.pollInterval = pollInterval
      self.batchSize = max(1, batchSize)
      self.maxMessageSize = maxMessageSize
      self.backoff = backoff
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

    public init(status: MailboxStatus) {
      self.status = status
    }
  }

  public let configuration: Configuration
  private let client: IMAPClient
  private let idler: IMAPIdler?
  private let store: LiaisonStore
  private let record: Recorder
  private let resume: Resumer?
  private let logger: Logger
  private let onCycle: (@Sendable (Result<CycleReport, any Error>) -> Void)?

  /// - Parameters:
  ///   - idler: notices new mail between cycles (IMAP IDLE); nil polls every `pollInterval`.
  ///   - onCycle: told the outcome of every cycle (health, metrics).
  ///   - resume: run for each message found committed but still in the mailbox.
  public init(
    client: IMAPClient, idler: IMAPIdler?, store: LiaisonStore, configuration: Configuration,
    logger: Logger = Logger(label: "liaisond.poller"),
    onCycle: (@Sendable (Result<CycleReport, any Error>) -> Void)? = nil,
    resume: Resumer? = nil,
    record: @escaping Recorder
  ) {
    self.client = client
    self.idler = idler
    self.store = store
    self.configuration = configuration
    self.logger = logger
    self.onCycle = onCycle
    self.record = record
    self.resume = resume
  }

  /// Cycles until the task is cancelled: after each, waits for IDLE news or
  /// `pollInterval`; after a failure, waits a jittered exponential backoff.
  public func run() async {
    var failures = 0
    var knownUIDNext: UInt32?
    while !Task.isCancelled {
      do {
        let report = try await cycle()
        failures = 0
        knownUIDNext = report.status.uidNext
      } catch {
        if Task.isCancelled { return }
        let delay = configuration.backoff.delay(attempt: failures)
        failures += 1
        logger.warning(
          "mailbox cycle failed; retrying",
          metadata: ["error": "\(error)", "retry.in": "\(delay)", "retry.attempt": "\(failures)"])
        try? await Task.sleep(for: delay)
        continue
      }
      await waitForNews(knownUIDNext: knownUIDNext)
    }
  }

  /// One cycle over the mailbox; see the type's documentation.
  @discardableResult
  public func cycle() async throws -> CycleReport {
    do {
      let report = try await runCycle()
      onCycle?(.success(report))
      return report
    } catch {
      onCycle?(.failure(error))
      throw error
    }
  }

  private func runCycle() async throws -> CycleReport {
    do {
      return try await runCycle(mailbox: configuration.mailbox)
    } catch MailTransportError.uidValidityChanged(_, _, let expected) {
      // Recreated between STATUS and the fetches: start over with the new UIDVALIDITY
      // (the store recognises what it already has by content).
      logger.warning(
        "mailbox UIDVALIDITY changed; reconciling",
        metadata: [
          "imap.mailbox": "\(configuration.mailbox)", "imap.uidvalidity.old": "\(expected)",
        ])
      return try await runCycle(mailbox: configuration.mailbox)
    }
  }

  private func runCycle(mailbox: String) async throws -> CycleReport {
    let status = try await client.status(of: mailbox)
    var report = CycleReport(status: status)
    guard status.messages > 0 else { return report }
    // Everything still in the mailbox, not only UIDs above the high-water mark: a
    // message committed just before a crash is still here and must be moved too.
    let uids = try await client.searchUIDs(in: mailbox, uidValidity: status.uidValidity)
    var index = 0
    while index < uids.count {
      try Task.checkCancellation()
      let batch = Array(uids[index..<min(index + configuration.batchSize, uids.count)])
      index += batch.count
      try await process(batch, uidValidity: status.uidValidity, report: &report)
    }
    if report.recorded + report.quarantined + report.duplicates + report.alreadySeen > 0 {
      logger.info(
        "mailbox cycle",
        metadata: [
          "imap.mailbox": "\(mailbox)", "poll.recorded": "\(report.recorded)",
          "poll.duplicates": "\(report.duplicates)", "poll.quarantined": "\(report.quarantined)",
          "poll.already_seen": "\(report.alreadySeen)", "poll.moved": "\(report.moved)",
        ])
    }
    return report
  }

  private func process(_ batch: [UInt32], uidValidity: UInt32, report: inout CycleReport)
    async throws
  {
    let mailbox = configuration.mailbox
    let sizes = try await client.sizes(in: mailbox, uidValidity: uidValidity, uids: batch)
    var toProcessed: [UInt32] = []
    var toQuarantine: [UInt32] = []
    var failure: (any Error)?
    for uid in batch {
      let origin = MessageOrigin.imap(mailbox: mailbox, uidValidity: uidValidity, uid: uid)
      do {
        if let id = try store.seen(origin) {
          try await resume?(id, origin)
          report.alreadySeen += 1
          toProcessed.append(uid)
          continue
        }
        let outcome: RecordOutcome
        let size = sizes[uid] ?? 0
        if size > configuration.maxMessageSize {
          let header = try await client.fetchHeader(in: mailbox, uidValidity: uidValidity, uid: uid)
          outcome = try store.recordUnparseable(
            raw: header, origin: origin,
            reason:
              "the message has \(size) bytes, more than the limit of \(configuration.maxMessageSize);"
              + " only its header was fetched, the full message is in mailbox \(configuration.quarantineMailbox)"
          )
          report.oversized += 1
          logger.warning(
            "oversized message recorded from its header",
            metadata: ["imap.uid": "\(uid)", "imap.size": "\(size)", "liaison.id": "\(outcome.id)"])
        } else {
          let raw = try await client.fetchMessage(
            in: mailbox, uidValidity: uidValidity, uid: uid, expectedSize: size)
          outcome = try await record(raw, origin)
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
      } catch {
        failure = error
        break
      }
    }
    // Whatever was committed leaves the INBOX, also when a later message failed.
    try await client.move(
      uids: toProcessed, from: mailbox, uidValidity: uidValidity, to: configuration.processedMailbox
    )
    try await client.move(
      uids: toQuarantine, from: mailbox, uidValidity: uidValidity,
      to: configuration.quarantineMailbox)
    report.moved += toProcessed.count + toQuarantine.count
    if let failure { throw failure }
  }

  private func waitForNews(knownUIDNext: UInt32?) async {
    guard let idler else {
      try? await Task.sleep(for: configuration.pollInterval)
      return
    }
    do {
      _ = try await idler.waitForNews(
        in: configuration.mailbox, knownUIDNext: knownUIDNext, timeout: configuration.pollInterval)
    } catch {
      if Task.isCancelled { return }
      // IDLE is an accelerator only: without it, fall back to the periodic poll.
      logger.info("IMAP IDLE unavailable; polling", metadata: ["error": "\(error)"])
      try? await Task.sleep(for: min(configuration.pollInterval, .seconds(30)))
    }
  }
}
