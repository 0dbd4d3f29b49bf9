#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// One physical line: `start..<end` includes its terminator (CRLF, CR or
/// LF; none for a last line at end of input), `contentEnd` excludes it.
struct Line: Sendable {
  var start: Int
  var contentEnd: Int
  var end: Int
}

/// What makes the reader report a false end of input: a pushed matcher
/// stands for an enclosing entity's terminator (a boundary, or the blank
/// line between delivery-status blocks).
enum EndMatcher: Sendable {
  /// `--boundary` (the leading dashes included), optionally closing.
  case boundary([UInt8])
  /// A line that starts with CR or LF.
  case blankLine
}

/// Result of matching a line against a boundary.
enum BoundaryMatch {
  case open
  case close
}

/// A line reader over the whole buffer with push-back and a stack of end
/// matchers, after Python's `email.feedparser.BufferedSubFile`: when ANY
/// matcher on the stack matches the next line, the reader reports end of
/// input and leaves the line unread. That is the boundary stack: a part that
/// lacks its own closing boundary still stops at its parent's boundary.
struct LineReader {
  let bytes: [UInt8]
  private(set) var position = 0
  private var pushedBack: [Line] = []
  private(set) var matchers: [EndMatcher] = []

  init(bytes: [UInt8]) { self.bytes = bytes }

  /// Offset of the next unread byte (taking push-back into account).
  var offset: Int { pushedBack.last?.start ?? position }

  mutating func pushMatcher(_ m: EndMatcher) { matchers.append(m) }
  mutating func popMatcher() { matchers.removeLast() }

  /// The next line, or nil at end of input or when an end matcher matches.
  mutating func readLine() -> Line? {
    guard let line = nextRawLine() else { return nil }
    var i = matchers.count - 1
    while i >= 0 {
      if Self.matches(matchers[i], line, bytes) {
        pushedBack.append(line)
        return nil
      }
      i -= 1
    }
    return line
  }

  /// Reads lines while there are lines and no end matcher matches, as `readLine` does one
  /// at a time, and returns the bytes they cover (nil when there was no line). A body is most
  /// of a message's lines: they are scanned here without a `Line` each, and only a line that
  /// can match (one that starts with "-" or a line break) is checked against the matchers.
  mutating func readRun() -> Range<Int>? {
    guard pushedBack.isEmpty else {
      guard let line = readLine() else { return nil }
      return line.start..<line.end
    }
    var dashMatters = false
    var blankMatters = false
    for m in matchers {
      switch m {
      case .boundary: dashMatters = true
      case .blankLine: blankMatters = true
      }
    }
    let count = bytes.count
    let start = position
    guard start < count else { return nil }
    if !blankMatters {
      // Only a line that starts with "-" can stop the run: jump from one "-" to the next.
      let stopLine = dashMatters ? firstMatchingDashLine(from: start) : nil
      guard let stopLine else {
        position = count
        return start..<count
      }
      position = stopLine.end
      pushedBack.append(stopLine)
      return stopLine.start > start ? start..<stopLine.start : nil
    }
    let matchers = matchers
    let stopLine: Line? = bytes.withUnsafeBufferPointer { buf in
      var lineStart = start
      while lineStart < count {
        let first = buf[lineStart]
        if (dashMatters && first == 0x2D)
          || (blankMatters && (first == ASCII.cr || first == ASCII.lf))
        {
          let line = Self.line(at: lineStart, buf)
          if matchers.contains(where: { Self.matches($0, line, bytes) }) { return line }
        }
        lineStart = Self.line(at: lineStart, buf).end
      }
      return nil
    }
    guard let stopLine else {
      position = count
      return start..<count
    }
    position = stopLine.end
    pushedBack.append(stopLine)
    return stopLine.start > start ? start..<stopLine.start : nil
  }

  /// The first line from `start` (a line start) on that starts with "-" and that an end
  /// matcher matches. A "-" starts a line when it is at `start` or follows a CR or an LF.
  private func firstMatchingDashLine(from start: Int) -> Line? {
    bytes.withUnsafeBufferPointer { buf -> Line? in
      guard let base = buf.baseAddress else { return nil }
      let count = buf.count
      var p = start
      while p < count {
        guard let hit = memchr(base + p, 0x2D, count - p) else { return nil }
        let dash = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
        if dash == start || buf[dash - 1] == ASCII.lf || buf[dash - 1] == ASCII.cr {
          let line = Self.line(at: dash, buf)
          if matchers.contains(where: { Self.matches($0, line, bytes) }) { return line }
        }
        p = dash + 1
      }
      return nil
    }
  }

  /// The line that starts at `start`.
  private static func line(at start: Int, _ buf: UnsafeBufferPointer<UInt8>) -> Line {
    var i = start
    let count = buf.count
    while i < count {
      let b = buf[i]
      if b == ASCII.lf { return Line(start: start, contentEnd: i, end: i + 1) }
      if b == ASCII.cr {
        let end = (i + 1 < count && buf[i + 1] == ASCII.lf) ? i + 2 : i + 1
        return Line(start: start, contentEnd: i, end: end)
      }
      i += 1
    }
    return Line(start: start, contentEnd: count, end: count)
  }

  /// Puts a line back; the next `readLine` returns it first.
  mutating func unread(_ line: Line) { pushedBack.append(line) }

  private mutating func nextRawLine() -> Line? {
    if let line = pushedBack.popLast() { return line }
    let start = position
    guard start < bytes.count else { return nil }
    let line = bytes.withUnsafeBufferPointer { Self.line(at: start, $0) }
    position = line.end
    return line
  }

  private static func matches(_ m: EndMatcher, _ line: Line, _ bytes: [UInt8]) -> Bool {
    switch m {
    case .blankLine:
      return line.start < line.end && line.start == line.contentEnd
    case .boundary(let separator):
      return matchBoundary(separator, line, bytes) != nil
    }
  }

  /// Python's `(?P<sep>--boundary)(?P<end>--)?[ \t]*(\r\n|\r|\n)?$` on one line.
  static func matchBoundary(_ separator: [UInt8], _ line: Line, _ bytes: [UInt8]) -> BoundaryMatch?
  {
    let n = separator.count
    guard line.contentEnd - line.start >= n else { return nil }
    var k = 0
    while k < n {
      if bytes[line.start + k] != separator[k] { return nil }
      k += 1
    }
    let p = line.start + n
    func onlyBlanks(from q: Int) -> Bool {
      var q = q
      while q < line.contentEnd && (bytes[q] == ASCII.space || bytes[q] == ASCII.tab) { q += 1 }
      return q == line.contentEnd
    }
    if p + 2 <= line.contentEnd && bytes[p] == 0x2D && bytes[p + 1] == 0x2D
      && onlyBlanks(from: p + 2)
    {
      return .close
    }
    return onlyBlanks(from: p) ? .open : nil
  }
}
