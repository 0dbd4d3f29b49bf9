import Foundation
import Liaison

/// One statement of another system's record (the datatracker's), to be kept as read-only
/// history: on the public record, found by dedupe and by the linkers, never processed (no
/// routing mail, acknowledgement, reminder or deadline note).
public struct HistoryStatement: Hashable, Sendable {
  /// The system the statement comes from (`datatracker`) and its id there (`1234`): kept as
  /// an alias, which makes a second import of it change nothing.
  public var source: String
  public var alias: String
  /// Its page there, for the record's history.
  public var url: String?
  public var statement: ExtractedStatement
  /// When it was submitted there: its place on the record (id year, received). An
  /// `incoming` one is recorded `closed` (history waits for nothing), an `outgoing` one
  /// `sent`.
  public var submittedAt: Date
  public var attachments: [ExtractedAttachment]
  /// The alias (same source) of the statement this one answers, when the source says so.
  public var answers: String?

  public init(
    source: String, alias: String, url: String? = nil, statement: ExtractedStatement,
    submittedAt: Date, attachments: [ExtractedAttachment] = [], answers: String? = nil
  ) {
    self.source = source
    self.alias = alias
    self.url = url
    self.statement = statement
    self.submittedAt = submittedAt
    self.attachments = attachments
    self.answers = answers
  }
}
