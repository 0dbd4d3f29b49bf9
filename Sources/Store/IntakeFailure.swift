import Foundation

/// A message intake could not finish: the process failed after its record was committed
/// (`process`: the statement is kept, the failure is a defect of it), or the record
/// itself failed for this message while the store was writable (`record`: it stays in the
/// mailbox and is tried again until `intake.max_attempts`, then it is quarantined).
/// `/iab` lists them with their history.
public struct IntakeFailure: Sendable, Hashable {
  public enum Stage: String, Sendable, Hashable {
    case process
    case record
  }

  public struct Attempt: Sendable, Hashable, Codable {
    /// ISO 8601 UTC.
    public var at: String
    public var reason: String
  }

  /// `MessageOrigin`'s description: where the message came from.
  public var origin: String
  public var statementID: String?
  public var stage: Stage
  public var attempts: Int
  /// Oldest first.
  public var history: [Attempt]
  /// Given up on: recorded as it came, state `quarantined`, moved to the quarantine mailbox.
  public var quarantined: Bool
  public var lastAt: Date

  public var lastReason: String { history.last?.reason ?? "" }
}
