import GRDB
import Liaison

/// Which records a read may return: the public record (the web, feeds, API, search and
/// `export`), or everything (the process itself and the operator's `show`, `list`,
/// `export --all`).
public enum RecordScope: Sendable, Hashable {
  /// Only what `MessageKind.isPublic(kind:direction:state:)` admits.
  case publicRecord
  case everything

  /// The condition on `statement` rows, with its arguments; nil for `everything`. Built from
  /// `MessageKind.isPublic(kind:direction:state:)`, so that the SQL and the Swift rule cannot
  /// drift apart.
  var condition: (sql: String, arguments: [String])? {
    switch self {
    case .everything:
      return nil
    case .publicRecord:
      return Self.publicCondition
    }
  }

  /// A public kind, and an outgoing statement only in a public state.
  private static var publicCondition: (sql: String, arguments: [String]) {
    let kinds = MessageKind.allCases.filter(\.isPublic).map(\.rawValue)
    let states = MessageKind.publicOutgoingStates.map(\.rawValue)
    return (
      "(statement.kind IN (\(databaseQuestionMarks(count: kinds.count))) AND "
        + "(statement.direction <> ? OR statement.state IN "
        + "(\(databaseQuestionMarks(count: states.count)))))",
      kinds + [Direction.outgoing.rawValue] + states
    )
  }

  /// The complement: what `publicRecord` leaves out (the IAB's list of private mail, pending
  /// outgoing statements among it), including any kind this version does not know.
  static var privateCondition: (sql: String, arguments: [String]) {
    let condition = publicCondition
    return ("NOT \(condition.sql)", condition.arguments)
  }

  /// Whether a record in this scope may include an incoming record of `kind`.
  public func admits(_ kind: MessageKind) -> Bool {
    self == .everything || kind.isPublic
  }

  /// Whether a record in this scope may include a record of `kind`, `direction`, `state`.
  public func admits(_ kind: MessageKind, direction: Direction, state: StatementState) -> Bool {
    self == .everything || MessageKind.isPublic(kind: kind, direction: direction, state: state)
  }
}
