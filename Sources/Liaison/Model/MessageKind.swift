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
