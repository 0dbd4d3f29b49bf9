/// The only errors the MIME parser throws: a configured limit was exceeded.
///
/// Malformed input never throws; it is parsed leniently and recorded as a
/// ``MIMEDefect``. A limit exists so that a hostile message cannot exhaust
/// memory or stack; each case names the ``MIMEParser/Options`` property to
/// raise if the message is legitimate.
public enum MIMEError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The whole message is larger than ``MIMEParser/Options/maxMessageSize``.
  case messageTooLarge(size: Int, limit: Int)
  /// Multiparts and embedded messages nest deeper than ``MIMEParser/Options/maxNestingDepth``.
  case nestingTooDeep(limit: Int, offset: Int)
  /// The message has more entities than ``MIMEParser/Options/maxParts``.
  case tooManyParts(limit: Int, offset: Int)
  /// One header block is larger than ``MIMEParser/Options/maxHeaderBlockSize``.
  case headerBlockTooLarge(limit: Int, offset: Int)

  public var description: String {
    switch self {
    case .messageTooLarge(let size, let limit):
      "message is \(size) bytes, over the limit maxMessageSize=\(limit); raise the limit if the message is legitimate"
    case .nestingTooDeep(let limit, let offset):
      "MIME nesting deeper than maxNestingDepth=\(limit) at byte \(offset); the message is probably hostile"
    case .tooManyParts(let limit, let offset):
      "more than maxParts=\(limit) MIME entities (at byte \(offset)); the message is probably hostile"
    case .headerBlockTooLarge(let limit, let offset):
      "header block starting at byte \(offset) is over maxHeaderBlockSize=\(limit) bytes; the message is probably hostile"
    }
  }

  /// The name of the limit that tripped, as spelled in ``MIMEParser/Options``.
  public var limitName: String {
    switch self {
    case .messageTooLarge: "maxMessageSize"
    case .nestingTooDeep: "maxNestingDepth"
    case .tooManyParts: "maxParts"
    case .headerBlockTooLarge: "maxHeaderBlockSize"
    }
  }
}
