import Foundation
import Liaison

/// A search of the record. Every criterion is optional; all given ones must hold.
public struct StatementFilter: Sendable, Hashable {
  /// A substring of a sending body (`ITU-T SG15`) or of a sender contact address.
  public var from: String?
  /// A routed group acronym (`ccamp`, exact) or a substring of a body the statement names in To.
  public var to: String?
  public var purpose: Purpose?
  public var state: StatementState?
  public var kind: MessageKind?
  /// `incoming` or `outgoing`.
  public var direction: Direction?
  /// ISO day `YYYY-MM-DD`: deadline strictly before it.
  public var deadlineBefore: String?
  /// ISO day `YYYY-MM-DD`: deadline on or after it.
  public var deadlineAfter: String?
  /// Received at or after this instant.
  public var receivedAfter: Date?
  /// Received strictly before this instant.
  public var receivedBefore: Date?
  /// Words to find in title, body and attachment text. Plain text, not FTS5 syntax: every
  /// word becomes a quoted phrase, so quotes, `*`, `NEAR(` or `-` are searched, never parsed.
  public var text: String?
  /// Page size, 1...1000.
  public var limit: Int
  public var offset: Int
  /// The public record only, or everything (the default: the process reads its own drafts).
  public var scope: RecordScope

  public static let maximumLimit = 1000

  public init(
    from: String? = nil, to: String? = nil, purpose: Purpose? = nil, state: StatementState? = nil,
    kind: MessageKind? = nil, deadlineBefore: String? = nil, deadlineAfter: String? = nil,
    receivedAfter: Date? = nil, receivedBefore: Date? = nil, text: String? = nil, limit: Int = 50,
    offset: Int = 0, scope: RecordScope = .everything, direction: Direction? = nil
  ) {
    self.direction = direction
    self.from = from
    self.to = to
    self.purpose = purpose
    self.state = state
    self.kind = kind
    self.deadlineBefore = deadlineBefore
    self.deadlineAfter = deadlineAfter
    self.receivedAfter = receivedAfter
    self.receivedBefore = receivedBefore
    self.text = text
    self.limit = limit
    self.offset = offset
    self.scope = scope
  }
}
