/// Splitting of mbox files (mboxo/mboxrd) into messages: the one rule, for a whole file in
/// memory (`split`) and for a file read line by line (`Splitter`).
///
/// A message starts at a `From ` line at the start of the file or after a blank line.
/// Each message comes without its `From ` envelope line and without the blank line that
/// separates it from the next one (nor the final blank line of the file); `>From ` quoting
/// (any number of `>`) loses one `>`. CRLF files work the same way. Input that does not
/// start with `From ` is one message, returned as it is.
public enum Mbox {
  /// The messages of an mbox, in order.
  public static func split(_ bytes: [UInt8]) -> [[UInt8]] {
    var splitter = Splitter()
    var messages: [[UInt8]] = []
    var start = 0
    while start < bytes.count {
      let end = bytes[start...].firstIndex(of: ASCII.lf).map { $0 + 1 } ?? bytes.count
      if let message = splitter.feed(bytes[start..<end]) { messages.append(message) }
      start = end
    }
    if let message = splitter.finish() { messages.append(message) }
    return messages
  }

  /// The rule one line at a time, for a reader that cannot hold the whole file.
  public struct Splitter: Sendable {
    /// Whether the input starts with a `From ` line; nil before the first line.
    public private(set) var isMbox: Bool?
    private var current: [UInt8]?
    /// A blank line held back: it is the separator if a `From ` line follows.
    private var pendingBlank: [UInt8]?

    public init() {}

    /// Bytes of the message being collected so far, for a size limit.
    public var collectedCount: Int { current?.count ?? 0 }

    /// Takes the next line with its line ending (the file's last line may have none).
    /// - Returns: the message this line ends, when it starts the next one.
    public mutating func feed(_ line: some Collection<UInt8>) -> [UInt8]? {
      guard let isMbox else {
        let isMbox = Self.startsWithFrom(line)
        self.isMbox = isMbox
        current = isMbox ? [] : Array(line)
        return nil
      }
      guard isMbox else {
        current?.append(contentsOf: line)
        return nil
      }
      if pendingBlank != nil && Self.startsWithFrom(line) {
        let message = current ?? []
        current = []
        pendingBlank = nil
        return message
      }
      if let blank = pendingBlank {
        current?.append(contentsOf: blank)
        pendingBlank = nil
      }
      if Self.isBlank(line) {
        pendingBlank = Array(line)
      } else if Self.isQuotedFrom(line) {
        current?.append(contentsOf: line.dropFirst())
      } else {
        current?.append(contentsOf: line)
      }
      return nil
    }

    /// Ends the input. - Returns: the last message, if any.
    public mutating func finish() -> [UInt8]? {
      defer {
        current = nil
        pendingBlank = nil
      }
      return current
    }

    private static func startsWithFrom(_ line: some Collection<UInt8>) -> Bool {
      line.starts(with: "From ".utf8)
    }

    private static func isBlank(_ line: some Collection<UInt8>) -> Bool {
      line.elementsEqual([ASCII.lf]) || line.elementsEqual([ASCII.cr, ASCII.lf])
    }

    private static func isQuotedFrom(_ line: some Collection<UInt8>) -> Bool {
      let rest = line.drop { $0 == UInt8(ascii: ">") }
      return rest.count < line.count && rest.starts(with: "From ".utf8)
    }
  }
}
