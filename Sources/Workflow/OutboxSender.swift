import Foundation
import Logging
import MIME
import MailTransport
import Store
import Synchronization

/// Sends the durable outbox through SMTP.
///
/// Each due entry is sent as queued (its bytes and Message-ID are final). Per recipient:
/// accepted is done; refused with 5xx fails at once and stays visible as a failed outbox
/// entry; refused with 4xx is queued again for those recipients only. A failure of the
/// whole transaction (server down, timeout, 4xx) reschedules the entry with jittered
/// exponential backoff, for up to `giveUpAfter` (5 days) after it was queued; a 5xx
/// failure marks it failed. Nothing is lost while the server is down: the entry stays
/// queued in the store.
///
/// A mail the server accepted whose outcome the store could not write (the disk full) is
/// kept in memory with its delivery report and settled first on the next pass; until then
/// it is not sent again and nothing else is sent. Only a process that dies in that state
/// sends it once more, as after a crash between the send and its record.
///
/// `run` is the loop the daemon runs; `liaisond run --once` runs one `sendDue`.
public final class OutboxSender: Sendable {
  /// Told the outcome of every pass (health, metrics).
  public typealias PassObserver = @Sendable (Result<PassReport, any Error>) async -> Void

  public struct Configuration: Sendable {
    public var backoff: Backoff
    /// How long after queueing a mail is retried before it is marked failed.
    public var giveUpAfter: Duration
    /// Entries sent per pass.
    public var batchSize: Int
    /// How often `run` looks for due entries when there is no backlog.
    public var interval: Duration

    public init(
      backoff: Backoff = Backoff(initial: .seconds(60), maximum: .seconds(3600)),
      giveUpAfter: Duration = .seconds(5 * 86_400), batchSize: Int = 50,
      interval: Duration = .seconds(5)
    ) {
      self.backoff = backoff
      self.giveUpAfter = giveUpAfter
      self.batchSize = max(1, batchSize)
      self.interval = interval
    }
  }

  /// What one pass did.
  public struct PassReport: Sendable, Equatable {
    public var sent = 0
    public var retried = 0
    public var failed = 0
    /// Recipients refused with 5xx (each kept as a failed entry).
    public var refusedRecipients = 0
    /// Recipients refused with 4xx (each group queued again).
    public var deferredRecipients = 0

    public init() {}
  }

  public let configuration: Configuration
  private let store: LiaisonStore
  private let sender: any MailSender
  /// Handed to the server, their outcome not yet written: outbox id to what the server said.
  private let unsettled = Mutex<[Int64: (delivery: SMTPDeliveryReport, at: Date)]>([:])
  private let clock: any WallClock
  private let logger: Logger
  private let onPass: PassObserver?

  /// - Parameters:
  ///   - clock: decides what is due, stamps what is sent and times the waits.
  ///   - onPass: told the outcome of every pass (health, metrics).
  public init(
    store: LiaisonStore, sender: any MailSender, configuration: Configuration = Configuration(),
    clock: any WallClock, logger: Logger = Logger(label: "liaisond.outbox"),
    onPass: PassObserver? = nil
  ) {
    self.store = store
    self.sender = sender
    self.configuration = configuration
    self.clock = clock
    self.logger = logger
    self.onPass = onPass
  }

  /// Sends due entries until `stop` is set, the task is cancelled or `isCurrent` says this
  /// sender was replaced (a configuration reload). A pass sends one batch: while passes
  /// deliver and more is due, the next follows at once, or a backlog would drain at one
  /// batch per interval; otherwise it waits `interval`, or less when `wake` is rung.
  public func run(
    until stop: StopSignal, wake: WakeSignal? = nil,
    isCurrent: @Sendable () async -> Bool = { true }
  ) async {
    while !stop.isSet, !Task.isCancelled, await isCurrent() {
      var backlog = false
      do {
        let report = try await sendDue(until: stop)
        backlog = report.sent > 0 && hasDue()
      } catch {
        logger.error("outbox pass failed", metadata: ["error": "\(error)"])
      }
      guard !backlog else { continue }
      if let wake {
        await wake.wait(upTo: configuration.interval, on: clock, until: stop)
      } else {
        await stop.sleep(for: configuration.interval, on: clock)
      }
    }
  }

  /// One pass over the entries due now. Stops early when the server is unreachable (the
  /// remaining entries stay due and go out on a later pass), and before the next mail
  /// once `stop` is set.
  @discardableResult
  public func sendDue(until stop: StopSignal? = nil) async throws -> PassReport {
    do {
      let report = try await pass(stop: stop)
      await onPass?(.success(report))
      return report
    } catch {
      await onPass?(.failure(error))
      throw error
    }
  }

  /// Whether mail is due now (an unreadable store says no: the next pass reports it).
  public func hasDue() -> Bool {
    (try? store.dueOutbox(now: clock.now(), limit: 1))?.isEmpty == false
  }

  private func pass(stop: StopSignal?) async throws -> PassReport {
    var report = PassReport()
    try settleUnsettled(report: &report)
    for item in try store.dueOutbox(now: clock.now(), limit: configuration.batchSize) {
      try Task.checkCancellation()
      if let stop, stop.isSet { break }
      let reachable = try await send(item, now: clock.now(), report: &report)
      if !reachable { break }
    }
    return report
  }

  /// Sends one entry; false when the server could not be reached at all.
  private func send(_ item: OutboxItem, now: Date, report: inout PassReport) async throws -> Bool {
    let mail = item.mail
    let from: MailAddress
    let recipients: [MailAddress]
    do {
      from = try MailAddress(mail.envelopeFrom)
      recipients = try mail.recipients.map { try MailAddress($0) }
    } catch {
      try store.markFailed(item.id, error: "not sendable: \(error)")
      report.failed += 1
      return true
    }
    let delivery: SMTPDeliveryReport
    do {
      delivery = try await sender.send(from: from, to: recipients, data: mail.data)
    } catch let error as MailTransportError {
      if error.isTemporary {
        try retryOrGiveUp(item, error: "\(error)", now: now, report: &report)
        if case .curl = error { return false }  // connection level: the server is away
        return true
      }
      try store.markFailed(item.id, error: "\(error)")
      report.failed += 1
      logger.error("mail refused", metadata: ["outbox.id": "\(item.id)", "error": "\(error)"])
      return true
    }
    do {
      try settle(item, delivery, now: now, report: &report)
    } catch {
      unsettled.withLock { $0[item.id] = (delivery, now) }
      throw error
    }
    return true
  }

  /// Writes the outcomes that could not be written when their mail was sent; throws (and
  /// the pass sends nothing) while the store still cannot take them.
  private func settleUnsettled(report: inout PassReport) throws {
    for (id, pending) in unsettled.withLock({ $0 }).sorted(by: { $0.key < $1.key }) {
      if let item = try store.outboxItem(id), item.status == .queued {
        try settle(item, pending.delivery, now: pending.at, report: &report)
      }
      unsettled.withLock { _ = $0.removeValue(forKey: id) }
    }
  }

  private func settle(
    _ item: OutboxItem, _ delivery: SMTPDeliveryReport, now: Date, report: inout PassReport
  )
    throws
  {
    let refused = delivery.refused
    let permanent = refused.filter { $0.reply.isPermanent }
    let temporary = refused.filter { !$0.reply.isPermanent }
    report.refusedRecipients += permanent.count
    report.deferredRecipients += temporary.count
    if refused.isEmpty {
      try store.markSent(item.id, at: now)
      report.sent += 1
      logger.info("mail sent", metadata: sentMetadata(item, delivery))
      return
    }
    if delivery.accepted.isEmpty && permanent.isEmpty {
      try retryOrGiveUp(item, error: describe(temporary), now: now, report: &report)
      return
    }
    if delivery.accepted.isEmpty && temporary.isEmpty {
      try store.markFailed(item.id, error: describe(permanent))
      report.failed += 1
      return
    }
    // Mixed outcomes: the refused recipients become entries of their own (queued first,
    // so a crash before the original is settled resends rather than loses).
    if !permanent.isEmpty {
      let id = try split(
        item, recipients: permanent.map(\.recipient.address), suffix: "refused", notBefore: now)
      try store.markFailed(id, error: describe(permanent))
      report.failed += 1
    }
    if !temporary.isEmpty {
      let delay = configuration.backoff.delay(attempt: item.attempts)
      _ = try split(
        item, recipients: temporary.map(\.recipient.address),
        suffix: "deferred-\(item.attempts + 1)",
        notBefore: now.addingTimeInterval(delay.timeInterval))
    }
    if delivery.accepted.isEmpty {
      try store.markFailed(item.id, error: describe(permanent) + "; 4xx recipients queued again")
    } else {
      try store.markSent(item.id, at: now)
      report.sent += 1
      logger.info("mail sent", metadata: sentMetadata(item, delivery))
    }
    logger.warning(
      "some recipients refused",
      metadata: ["outbox.id": "\(item.id)", "smtp.refused": "\(describe(refused))"])
  }

  private func split(_ item: OutboxItem, recipients: [String], suffix: String, notBefore: Date)
    throws -> Int64
  {
    var mail = item.mail
    mail.recipients = recipients
    mail.dedupeKey = item.mail.dedupeKey + "#" + suffix
    mail.notBefore = notBefore
    return try store.enqueue(mail, at: clock.now()).id
  }

  private func retryOrGiveUp(_ item: OutboxItem, error: String, now: Date, report: inout PassReport)
    throws
  {
    if now.timeIntervalSince(item.queuedAt) >= configuration.giveUpAfter.timeInterval {
      try store.markFailed(item.id, error: "gave up after \(item.attempts + 1) attempts: \(error)")
      report.failed += 1
      logger.error("gave up on a mail", metadata: ["outbox.id": "\(item.id)", "error": "\(error)"])
      return
    }
    let delay = configuration.backoff.delay(attempt: item.attempts)
    try store.markRetry(
      item.id, error: error, nextAttempt: now.addingTimeInterval(delay.timeInterval))
    report.retried += 1
    logger.info(
      "mail deferred",
      metadata: [
        "outbox.id": "\(item.id)", "retry.in": "\(DurationText.format(delay))",
        "error": "\(error)",
      ])
  }

  private func sentMetadata(_ item: OutboxItem, _ delivery: SMTPDeliveryReport) -> Logger.Metadata {
    var metadata: Logger.Metadata = [
      "outbox.id": "\(item.id)", "mail.kind": "\(item.mail.kind)",
      "smtp.accepted": "\(delivery.accepted.count)",
    ]
    if let statementID = item.mail.statementID { metadata["liaison.id"] = "\(statementID)" }
    if let queueID = delivery.queueID { metadata["smtp.queue_id"] = "\(queueID)" }
    return metadata
  }

  private func describe(_ refused: [(recipient: MailAddress, reply: SMTPReply)]) -> String {
    refused.map { "\($0.recipient.address): \($0.reply)" }.joined(separator: "; ")
  }
}
