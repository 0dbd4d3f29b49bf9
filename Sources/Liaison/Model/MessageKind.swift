/// What an incoming mail is, as far as the liaison process is concerned.
public enum MessageKind: String, Hashable, Sendable, Codable, CaseIterable {
  case statement
  /// A chair's reply to the per-statement address of a routed statement.
  case replyToStatement = "reply_to_statement"
  /// RFC 3834 automatic mail: Auto-Submitted, out-of-office, bulk list traffic.
  case autoReply = "auto_reply"
  /// A delivery status notification (multipart/report).
  case bounce
  case notLiaison = "not_liaison"
}

extension MessageKind {
  /// Whether mail of this kind belongs on the public record (SPEC "The public record"):
  /// only liaison statements. A chair's draft or command, automatic mail, bounces and mail
  /// that is not a liaison statement (quarantined mail among it) stay private: the web
  /// record, feeds, API, search and `export` leave them out, and `/iab` lists them as text.
  /// The one rule every public surface applies, in Swift and (through the store's query
  /// builder) in SQL. A new kind must decide here.
  public var isPublic: Bool {
    switch self {
    case .statement: true
    case .replyToStatement, .autoReply, .bounce, .notLiaison: false
    }
  }
}

extension MessageKind {
  /// The states in which an outgoing statement is on the public record: once it was sent
  /// (and after, when it was answered). Pending, approved, rejected and lapsed statements
  /// are the IETF's internal business (SPEC.md, "The public record").
  public static let publicOutgoingStates: [StatementState] = [.sent, .answered]

  /// Whether a record is public: its kind must be (`isPublic`), and an outgoing statement
  /// only once sent. The one rule; the store's `RecordScope` builds its SQL from it.
  public static func isPublic(kind: MessageKind, direction: Direction, state: StatementState)
    -> Bool
  {
    kind.isPublic && (direction != .outgoing || publicOutgoingStates.contains(state))
  }
}
