import Foundation
import Logging
import MIME
import MailTransport
import Store

/// Sends the durable outbox through SMTP.
///
/// Each due entry is sent as queued (its bytes and Message-ID are final). Per recipient:
/// accepted is done; refused with 5xx fails at once and stays visible as a failed outbox
/// entry; refused with 4xx is queued again for those recipients only. A failure of the
/// whole transaction (server down, timeout, 4xx) reschedules the entry with jittered
/// exponential backoff, for up to `giveUpAfter` (5 days) after it was queued; a 5xx
/// failure marks it failed. Nothing is lost while the server is down: the entry stays
/// queued in the store.
public final class OutboxSender: Sendable {
  public struct Configuration: Sendable {
    public var backoff: Backoff
    /// How long after queueing a mail is retried before it is marked failed.
    public var giveUpAfter: Duration
    /// Entries sent per pass.
    public var batchSize: Int
    /// How often `run` looks for due entries.
    public var interval: Duration

    public init(
      backoff: Backoff = Backoff(initial: .seconds(60), maximum: .seconds(3600)),
      giveUpAfter: Duration = .seconds(5 * 86_400), batchSize: Int = 50,
      interval: Duration = .seconds(15)
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
  private let client: SMTPClient
  private let logger: Logger

  public init(
    store: LiaisonStore, client: SMTPClient, configuration: Configuration = Configuration(),
    logger: Logger = Logger(label: "liaisond.outbox")
  ) {
    self.store = store
    self.client = client
    self.configuration = configuration
    self.logger = logger
  }

  /// Sends due entries until the task is cancelled.
  public func run() async {
    while !Task.isCancelled {
      do {
        _ = try await sendDue()
      } catch {
        logger.warning("outbox pass failed", metadata: ["error": "\(error)"])
      }
      try? await Task.sleep(for: configuration.interval)
    }
  }

  /// One pass over the entries due at `now`. Stops early when the server is unreachable
  /// (the remaining entries stay due and go out on a later pass).
  @discardableResult
  public func sendDue(now: Date = Date()) async throws -> PassReport {
    var report = PassReport()
    for item in try store.dueOutbox(now: now, limit: configuration.batchSize) {
      try Task.checkCancellation()
      let reachable = try await send(item, now: now, report: &report)
      if !reachable { break }
    }
    return report
  }

  /// Sends one entry; false when the server could not be reached at all.
  private func send(_ item: OutboxItem, now: Date, report: inout PassReport) async throws -> Bool {
    let mail = item.mail
    let sender: MailAddress
    let recipients: [MailAddress]
    do {
      sender = try MailAddress(mail.envelopeFrom)
      recipients = try mail.recipients.map { try MailAddress($0) }
    } catch {
      try store.markFailed(item.id, error: "not sendable: \(error)")
      report.failed += 1
      return true
    }
    let delivery: SMTPDeliveryReport
    do {
      delivery = try await client.send(from: sender, to: recipients, data: mail.data)
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
    try settle(item, delivery, now: now, report: &report)
    return true
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
        notBefore: now.addingTimeInterval(delay.secondsValue))
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
    return try store.enqueue(mail).id
  }

  private func retryOrGiveUp(_ item: OutboxItem, error: String, now: Date, report: inout PassReport)
    throws
  {
    if now.timeIntervalSince(item.queuedAt) >= configuration.giveUpAfter.secondsValue {
      try store.markFailed(item.id, error: "gave up after \(item.attempts + 1) attempts: \(error)")
      report.failed += 1
      logger.error("gave up on a mail", metadata: ["outbox.id": "\(item.id)", "error": "\(error)"])
      return
    }
    let delay = configuration.backoff.delay(attempt: item.attempts)
    try store.markRetry(
      item.id, error: error, nextAttempt: now.addingTimeInterval(delay.secondsValue))
    report.retried += 1
    logger.info(
      "mail deferred",
      metadata: ["outbox.id": "\(item.id)", "retry.in": "\(delay)", "error": "\(error)"])
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

extension Duration {
  fileprivate var secondsValue: TimeInterval {
    let (seconds, attoseconds) = components
    return TimeInterval(seconds) + TimeInterval(attoseconds) / 1e18
  }
}
