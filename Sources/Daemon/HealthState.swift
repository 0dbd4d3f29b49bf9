import Foundation

/// What `/healthz` reports: whether polling and sending have been failing for longer
/// than their thresholds.
///
/// Polling is unhealthy once no poll has succeeded for longer than its threshold (since
/// start when none has yet): that covers a failing server and a poll that hangs.
/// Sending is unhealthy once it has been failing without a success for longer than its
/// threshold; a quiet outbox is healthy.
public actor HealthState {
  public struct Report: Sendable, Codable, Equatable {
    /// `ok` or `unhealthy`.
    public var status: String
    public var poll: Component
    public var send: Component
    /// Why it is unhealthy, one sentence each; empty when healthy.
    public var problems: [String]

    public var healthy: Bool { status == "ok" }
  }

  public struct Component: Sendable, Codable, Equatable {
    public var healthy: Bool
    /// ISO 8601 UTC.
    public var lastSuccess: String?
    public var failingSince: String?
    /// Since the last success, or since start when there has been none.
    public var secondsSinceSuccess: Double

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

  public init(pollThreshold: Duration, sendThreshold: Duration, startedAt: Date) {
    self.pollThreshold = pollThreshold
    self.sendThreshold = sendThreshold
    self.startedAt = startedAt
  }

  public func setThresholds(poll: Duration, send: Duration) {
    pollThreshold = poll
    sendThreshold = send
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
    let sinceSend = now.timeIntervalSince(lastSendSuccess ?? startedAt)
    return Report(
      status: problems.isEmpty ? "ok" : "unhealthy",
      poll: Component(
        healthy: pollHealthy, lastSuccess: lastPollSuccess.map(Self.iso),
        failingSince: pollFailingSince.map(Self.iso),
        secondsSinceSuccess: sincePoll),
      send: Component(
        healthy: sendHealthy, lastSuccess: lastSendSuccess.map(Self.iso),
        failingSince: sendFailingSince.map(Self.iso),
        secondsSinceSuccess: sinceSend),
      problems: problems)
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
