import Foundation

/// What `/healthz` reports: whether polling and sending have been failing for longer
/// than their thresholds, and whether intake, the outbox and the store make progress.
///
/// Polling is unhealthy once no poll has succeeded for longer than its threshold (since
/// start when none has yet): that covers a failing server and a poll that hangs.
/// Sending is unhealthy once it has been failing without a success for longer than its
/// threshold; a quiet outbox is healthy. Polls that succeed are not enough: intake is
/// unhealthy when mail waits in the mailbox and no message has left it for more than two
/// poll intervals; the outbox when mail has been due for an hour without being sent or
/// rescheduled; the store at once when it cannot be written (disk full, read-only).
public actor HealthState {
  public struct Report: Sendable, Codable, Equatable {
    /// `ok` or `unhealthy`.
    public var status: String
    public var poll: Component
    public var send: Component
    /// Why it is unhealthy, one sentence each; empty when healthy.
    public var problems: [String]
    /// Mail waits in the mailbox and none has left it since (ISO 8601 UTC).
    public var intakeStalledSince: String?
    /// Why the store cannot be written, while it cannot.
    public var storeUnwritable: String?

    enum CodingKeys: String, CodingKey {
      case status, poll, send, problems
      case intakeStalledSince = "intake_stalled_since"
      case storeUnwritable = "store_unwritable"
    }

    public var healthy: Bool { status == "ok" }
  }

  public struct Component: Sendable, Codable, Equatable {
    public var healthy: Bool
    /// ISO 8601 UTC.
    public var lastSuccess: String?
    public var failingSince: String?
    /// Whole seconds since the last success, or since start when there has been none.
    public var secondsSinceSuccess: Int

    enum CodingKeys: String, CodingKey {
      case healthy
      case lastSuccess = "last_success"
      case failingSince = "failing_since"
      case secondsSinceSuccess = "seconds_since_success"
    }
  }

  public private(set) var pollThreshold: Duration
  public private(set) var sendThreshold: Duration
  public let startedAt: Date
  public private(set) var lastPollSuccess: Date?
  public private(set) var pollFailingSince: Date?
  public private(set) var lastSendSuccess: Date?
  public private(set) var sendFailingSince: Date?
  /// Intake may stand still for twice this while mail waits.
  public private(set) var pollInterval: Duration
  /// Mail due for longer than this, neither sent nor rescheduled, is a stuck outbox.
  public static let outboxStallThreshold: Duration = .seconds(3600)
  public private(set) var intakeStalledSince: Date?
  /// The oldest moment a mail still queued became due, as last read from the store.
  public private(set) var oldestDueMail: Date?
  public private(set) var storeProblem: String?

  public init(
    pollThreshold: Duration, sendThreshold: Duration, startedAt: Date,
    pollInterval: Duration = .seconds(60)
  ) {
    self.pollThreshold = pollThreshold
    self.sendThreshold = sendThreshold
    self.startedAt = startedAt
    self.pollInterval = pollInterval
  }

  public func setThresholds(poll: Duration, send: Duration, pollInterval: Duration? = nil) {
    pollThreshold = poll
    sendThreshold = send
    if let pollInterval { self.pollInterval = pollInterval }
  }

  /// After a cycle that saw `waiting` messages in the mailbox and moved `moved` of them
  /// out: intake advanced, or has stood still since the first cycle that found it so.
  public func intakeObserved(waiting: Int, moved: Int, at date: Date) {
    if waiting == 0 || moved > 0 {
      intakeStalledSince = nil
    } else if intakeStalledSince == nil {
      intakeStalledSince = date
    }
  }

  /// After a cycle that failed: if mail was waiting, intake stands still.
  public func intakeFailed(at date: Date) {
    if intakeStalledSince == nil, lastWaiting > 0 { intakeStalledSince = date }
  }

  /// The mailbox's size at the last cycle that read it.
  public private(set) var lastWaiting = 0

  public func mailboxSeen(waiting: Int) {
    lastWaiting = waiting
  }

  /// The store could not be written: unhealthy at once, saying why.
  public func storeFailed(reason: String) {
    storeProblem = reason
  }

  public func storeWritten() {
    storeProblem = nil
  }

  /// The oldest due moment among queued mail (nil when none is due).
  public func outboxObserved(oldestDue: Date?) {
    oldestDueMail = oldestDue
  }

  public func pollSucceeded(at date: Date) {
    lastPollSuccess = date
    pollFailingSince = nil
  }

  public func pollFailed(at date: Date) {
    if pollFailingSince == nil { pollFailingSince = date }
  }

  public func sendSucceeded(at date: Date) {
    lastSendSuccess = date
    sendFailingSince = nil
  }

  public func sendFailed(at date: Date) {
    if sendFailingSince == nil { sendFailingSince = date }
  }

  public func report(now: Date) -> Report {
    var problems: [String] = []
    let sincePoll = now.timeIntervalSince(lastPollSuccess ?? startedAt)
    let pollHealthy = sincePoll <= Self.seconds(pollThreshold)
    if !pollHealthy {
      problems.append(
        lastPollSuccess == nil
          ? "no poll has succeeded in the \(Int(sincePoll)) s since start"
          : "no poll has succeeded for \(Int(sincePoll)) s")
    }
    var sendHealthy = true
    if let failingSince = sendFailingSince,
      now.timeIntervalSince(failingSince) > Self.seconds(sendThreshold)
    {
      sendHealthy = false
      problems.append("sending has failed for \(Int(now.timeIntervalSince(failingSince))) s")
    }
    if let since = intakeStalledSince,
      now.timeIntervalSince(since) > 2 * Self.seconds(pollInterval)
    {
      problems.append(
        "mail waits in the mailbox and none has been taken in for \(Int(now.timeIntervalSince(since))) s"
      )
    }
    if let due = oldestDueMail, now.timeIntervalSince(due) > Self.seconds(Self.outboxStallThreshold)
    {
      problems.append(
        "outgoing mail due for \(Int(now.timeIntervalSince(due))) s has been neither sent nor rescheduled"
      )
    }
    if let storeProblem {
      problems.append("the record cannot be written: \(storeProblem)")
    }
    let sinceSend = now.timeIntervalSince(lastSendSuccess ?? startedAt)
    return Report(
      status: problems.isEmpty ? "ok" : "unhealthy",
      poll: Component(
        healthy: pollHealthy, lastSuccess: lastPollSuccess.map(Self.iso),
        failingSince: pollFailingSince.map(Self.iso),
        secondsSinceSuccess: Int(sincePoll)),
      send: Component(
        healthy: sendHealthy, lastSuccess: lastSendSuccess.map(Self.iso),
        failingSince: sendFailingSince.map(Self.iso),
        secondsSinceSuccess: Int(sinceSend)),
      problems: problems, intakeStalledSince: intakeStalledSince.map(Self.iso),
      storeUnwritable: storeProblem)
  }

  /// The `/healthz` body: the report as JSON with sorted keys.
  public func json(now: Date) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    guard let data = try? encoder.encode(report(now: now)) else {
      return #"{"status":"unhealthy"}"#
    }
    return String(decoding: data, as: UTF8.self)
  }

  private static func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
  }

  private static func iso(_ date: Date) -> String {
    date.formatted(.iso8601)
  }
}
