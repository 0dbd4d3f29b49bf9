import Foundation
import Liaison
import Store

/// What the web record reads, and nothing more: the pages, feeds and API are generic over it,
/// so they run against the SQLite store in production and an in-memory one in tests.
///
/// Everything it returns is the public record (SPEC "The public record"): only kinds that
/// `MessageKind.isPublic` admits. A private record (a draft, a command, automatic mail, a
/// bounce, mail that is no liaison statement) is absent from every answer, as if its id
/// were unknown; `privateMail` alone lists them, as text, for `/iab`.
public protocol StatementRepository: Sendable {
  /// One page of public statements matching `query`, newest first, and how many match in all.
  func publicStatements(matching query: StatementQuery) async throws -> StatementListPage
  /// The public statement `id`; nil for an unknown or a private id alike.
  func publicStatement(id: String) async throws -> StatementRecord?
  /// The mail exactly as it arrived (the caller shows only a public statement's, redacted).
  func rawMessage(id: String) async throws -> [UInt8]?
  /// The mail liaisond sent as the outgoing statement `id`; nil when it sent none.
  func sentMail(id: String) async throws -> [UInt8]?
  /// Attachment bytes by their content address (the record's `sha256`).
  func attachment(sha256: String) async throws -> [UInt8]?
  /// Every public statement, as `liaisond export --json` writes them.
  func publicExport() async throws -> [StatementRecord]
  /// What the public record leaves out, newest first (`/iab`).
  func privateMail(limit: Int) async throws -> PrivateMailPage
  /// Outgoing mail the outbound policy held back or refused, newest first (`/iab`).
  func withheldOutboundMail(limit: Int) async throws -> [WithheldMail]
  /// Messages intake recorded but could not process, or gave up on, newest first (`/iab`).
  func intakeFailures(limit: Int) async throws -> [IntakeFailure]
  /// A number that grows with every change of the record (the store's change counter):
  /// while it stays the same, so does every page, and the web serves them from memory.
  func changeCount() async throws -> Int64
  /// Calls `action` after each write this process makes through this repository, so that
  /// the next request reads `changeCount()` again (`RecordVersion`). Quick, on the writer's
  /// thread; writes by other processes are found by reading the counter.
  func onWrite(_ action: @escaping @Sendable () -> Void)
  /// For-Information statements received since `since` that named a Send Reply To the
  /// process did not acknowledge, newest first, with the count per address (`/iab`).
  func withheldAcknowledgements(since: Date, limit: Int) async throws
    -> WithheldAcknowledgementPage
}

extension StatementRepository {
  /// A repository that keeps no sent mail (the in-memory one of the tests) has none.
  public func sentMail(id: String) async throws -> [UInt8]? { nil }
}

/// A search of the record. Dates are ISO `YYYY-MM-DD` strings; nil means "any".
public struct StatementQuery: Sendable, Hashable {
  /// A sending body, as the statement names it (`ITU-T SG15`).
  public var from: String?
  /// A receiving group acronym (`ccamp`) or a body the statement is addressed to.
  public var to: String?
  public var purpose: Purpose?
  public var state: StatementState?
  public var kind: MessageKind?
  /// Received by the IETF or sent by it.
  public var direction: Direction?
  /// Deadline strictly before this day.
  public var deadlineBefore: String?
  /// Deadline on or after this day.
  public var deadlineOnOrAfter: String?
  /// Received on or after this day (UTC).
  public var receivedOnOrAfter: String?
  /// Received strictly before this day (UTC).
  public var receivedBefore: String?
  /// Full-text search over title, body and attachment text.
  public var text: String?
  public var limit: Int
  public var offset: Int

  public init(
    from: String? = nil, to: String? = nil, purpose: Purpose? = nil, state: StatementState? = nil,
    kind: MessageKind? = nil, deadlineBefore: String? = nil, deadlineOnOrAfter: String? = nil,
    receivedOnOrAfter: String? = nil, receivedBefore: String? = nil, text: String? = nil,
    limit: Int = 50, offset: Int = 0, direction: Direction? = nil
  ) {
    self.direction = direction
    self.from = from
    self.to = to
    self.purpose = purpose
    self.state = state
    self.kind = kind
    self.deadlineBefore = deadlineBefore
    self.deadlineOnOrAfter = deadlineOnOrAfter
    self.receivedOnOrAfter = receivedOnOrAfter
    self.receivedBefore = receivedBefore
    self.text = text
    self.limit = limit
    self.offset = offset
  }
}

/// One page of a search: the statements shown and the number matching in all.
public struct StatementListPage: Sendable, Hashable {
  public var items: [StatementRecord]
  public var total: Int

  public init(items: [StatementRecord], total: Int) {
    self.items = items
    self.total = total
  }
}
