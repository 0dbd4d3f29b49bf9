import GRDB
import Liaison

/// Which records a read may return: the public record (the web, feeds, API, search and
/// `export`), or everything (the process itself and the operator's `show`, `list`,
/// `export --all`).
public enum RecordScope: Sendable, Hashable {
  /// Only kinds that `MessageKind.isPublic` admits.
  case publicRecord
  case everything

  /// The condition on `statement` rows, with its arguments; nil for `everything`. Built from
  /// `MessageKind.isPublic`, so that the SQL and the Swift rule cannot drift apart.
  var condition: (sql: String, arguments: [String])? {
    switch self {
    case .everything:
      return nil
    case .publicRecord:
      let kinds = MessageKind.allCases.filter(\.isPublic).map(\.rawValue)
      return ("statement.kind IN (\(databaseQuestionMarks(count: kinds.count)))", kinds)
    }
  }

  /// The complement: what `publicRecord` leaves out (the IAB's list of private mail),
  /// including any kind this version does not know.
  static var privateCondition: (sql: String, arguments: [String]) {
    let kinds = MessageKind.allCases.filter(\.isPublic).map(\.rawValue)
    return ("statement.kind NOT IN (\(databaseQuestionMarks(count: kinds.count)))", kinds)
  }

  /// Whether a record in this scope may include `kind`.
  public func admits(_ kind: MessageKind) -> Bool {
    self == .everything || kind.isPublic
  }
}
