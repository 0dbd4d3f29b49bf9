/// Splitting of mbox files (mboxo/mboxrd) into messages.
public enum Mbox {
  /// The messages of an mbox, in order, each without its `From ` envelope
  /// line and without the blank line that separates it from the next one;
  /// `>From ` quoting (any number of `>`) loses one `>`. A new message starts
  /// at a `From ` line at the start of the file or after a blank line.
  /// Input that does not start with `From ` is returned as one message.
  public static func split(_ bytes: [UInt8]) -> [[UInt8]] {
    let lines = lineRanges(bytes)
    guard let first = lines.first, startsWithFrom(bytes, first) else {
      return bytes.isEmpty ? [] : [bytes]
    }
    var messages: [[UInt8]] = []
    var current: [UInt8]?
    var previousBlank = true
    var lastWasBlank = false
    func finish() {
      guard var message = current else { return }
      if lastWasBlank { message.removeLast(blankLength(message)) }
      messages.append(message)
    }
    for line in lines {
      if previousBlank && startsWithFrom(bytes, line) {
        finish()
        current = []
        previousBlank = false
        lastWasBlank = false
        continue
      }
      let content = bytes[line.start..<line.contentEnd]
      let isBlank = content.isEmpty
      var start = line.start
      if isQuotedFrom(content) { start += 1 }
      current?.append(contentsOf: bytes[start..<line.end])
      previousBlank = isBlank
      lastWasBlank = isBlank
    }
    finish()
    return messages
  }

  private static func blankLength(_ m: [UInt8]) -> Int {
    if m.count >= 2 && m[m.count - 2] == ASCII.cr && m[m.count - 1] == ASCII.lf { return 2 }
    return m.last == ASCII.lf || m.last == ASCII.cr ? 1 : 0
  }

  private static func startsWithFrom(_ bytes: [UInt8], _ line: Line) -> Bool {
    line.contentEnd - line.start >= 5
      && bytes[line.start..<line.start + 5].elementsEqual("From ".utf8)
  }

  private static func isQuotedFrom(_ content: ArraySlice<UInt8>) -> Bool {
    var i = content.startIndex
    while i < content.endIndex && content[i] == UInt8(ascii: ">") { i += 1 }
    return i > content.startIndex && content[i...].starts(with: "From ".utf8)
  }

  private static func lineRanges(_ bytes: [UInt8]) -> [Line] {
    var lines: [Line] = []
    var start = 0
    var i = 0
    while i < bytes.count {
      if bytes[i] == ASCII.lf {
        let contentEnd = i > start && bytes[i - 1] == ASCII.cr ? i - 1 : i
        lines.append(Line(start: start, contentEnd: contentEnd, end: i + 1))
        start = i + 1
      }
      i += 1
    }
    if start < bytes.count {
      lines.append(Line(start: start, contentEnd: bytes.count, end: bytes.count))
    }
    return lines
  }
}
