/// The Python payload of an entity as a byte range, falling back to a copy
/// in the rare case that its lines are not contiguous in the input (a `From `
/// line pushed back behind the header block).
struct Payload {
  var start = -1
  var end = -1
  var spilled: [UInt8]?

  var isSet: Bool { start >= 0 || spilled != nil }

  mutating func append(_ line: Line, _ bytes: [UInt8]) { append(line.start..<line.end, bytes) }

  /// Appends the lines that cover `run`.
  mutating func append(_ run: Range<Int>, _ bytes: [UInt8]) {
    if spilled != nil {
      spilled!.append(contentsOf: bytes[run])
    } else if start < 0 {
      start = run.lowerBound
      end = run.upperBound
    } else if end == run.lowerBound {
      end = run.upperBound
    } else {
      spilled = Array(bytes[start..<end]) + bytes[run]
    }
  }

  /// Marks the payload as set (possibly empty) at `offset`.
  mutating func setEmptyIfUnset(at offset: Int) {
    if !isSet {
      start = offset
      end = offset
    }
  }

  /// Python's `NLCRE_eol` strip: the final CRLF, CR or LF goes to the boundary.
  mutating func stripTrailingNewline(_ bytes: [UInt8]) {
    func strip(_ get: (Int) -> UInt8, _ count: Int) -> Int {
      guard count > 0 else { return 0 }
      let last = get(count - 1)
      if last == ASCII.lf {
        return count >= 2 && get(count - 2) == ASCII.cr ? 2 : 1
      }
      return last == ASCII.cr ? 1 : 0
    }
    if spilled != nil {
      let n = strip({ spilled![$0] }, spilled!.count)
      spilled!.removeLast(n)
    } else if start >= 0 {
      end -= strip({ bytes[start + $0] }, end - start)
    }
  }

  func slice(_ bytes: [UInt8]) -> ArraySlice<UInt8> {
    if let spilled { return spilled[...] }
    return start >= 0 ? bytes[start..<end] : []
  }
}

/// One entity while parsing (an arena entry; the tree is built at the end).
struct Node {
  var fields: [MIMEHeaderField] = []
  var defects: [MIMEDefect] = []
  var defaultType = "text/plain"
  var contentType = "text/plain"
  var params: MIMEParameters?
  var children: [Int] = []
  /// Python's `is_multipart()`: the payload is a list of entities.
  var isMultipart = false
  var payload = Payload()
  var start: Int
  var bodyStart: Int
  var end: Int
  var depth: Int

  var mainTypeIsMultipart: Bool { contentType.hasPrefix("multipart/") }
  var mainTypeIsMessage: Bool { contentType.hasPrefix("message/") }
}

/// A port of `FeedParser._parsegen` over a ``LineReader``.
struct ParserState {
  let bytes: [UInt8]
  let options: MIMEParser.Options
  var reader: LineReader
  var nodes: [Node] = []
  /// Python's `_msgstack`.
  var stack: [Int] = []
  /// Python's `_last`: the most recently created entity.
  var last = -1

  init(bytes: [UInt8], options: MIMEParser.Options) {
    self.bytes = bytes
    self.options = options
    self.reader = LineReader(bytes: bytes)
  }

  private var current: Int { stack.last! }

  private mutating func newEntity() throws(MIMEError) -> Int {
    let offset = reader.offset
    guard nodes.count < options.maxParts else {
      throw .tooManyParts(limit: options.maxParts, offset: offset)
    }
    let depth = stack.count
    guard depth <= options.maxNestingDepth else {
      throw .nestingTooDeep(limit: options.maxNestingDepth, offset: offset)
    }
    var node = Node(start: offset, bodyStart: offset, end: offset, depth: depth)
    if let parent = stack.last {
      if nodes[parent].contentType == "multipart/digest" { node.defaultType = "message/rfc822" }
      nodes[parent].children.append(nodes.count)
      nodes[parent].isMultipart = true
    }
    node.contentType = node.defaultType
    nodes.append(node)
    stack.append(nodes.count - 1)
    last = nodes.count - 1
    return nodes.count - 1
  }

  mutating func popEntity() {
    let index = stack.removeLast()
    nodes[index].end = reader.offset
  }

  private mutating func defect(_ kind: MIMEDefect.Kind, _ node: Int, at offset: Int) {
    nodes[node].defects.append(MIMEDefect(kind, offset: offset))
  }

  /// Python's `headerRE`: `^(From |[\041-\071\073-\176]*:|[\t ])`.
  private func isHeaderLine(_ line: Line) -> Bool {
    let n = line.end - line.start
    guard n > 0 else { return false }
    let first = bytes[line.start]
    if first == ASCII.space || first == ASCII.tab { return true }
    if n >= 5 && bytes[line.start..<line.start + 5].elementsEqual("From ".utf8) { return true }
    var i = line.start
    while i < line.end {
      let b = bytes[i]
      if b == 0x3A { return true }
      if b < 0x21 || b > 0x7E { return false }
      i += 1
    }
    return false
  }

  /// Python's `FeedParser._parsegen`, minus the generator plumbing.
  mutating func parseEntity() throws(MIMEError) -> Int {
    let me = try newEntity()
    var headerLines: [Line] = []
    var headerSize = 0
    while let line = reader.readLine() {
      if !isHeaderLine(line) {
        if line.start != line.contentEnd {
          defect(.missingHeaderBodySeparator, me, at: line.start)
          reader.unread(line)
        }
        break
      }
      headerSize += line.end - line.start
      if headerSize > options.maxHeaderBlockSize {
        throw .headerBlockTooLarge(limit: options.maxHeaderBlockSize, offset: nodes[me].start)
      }
      headerLines.append(line)
    }
    parseHeaders(headerLines, into: me)
    nodes[me].bodyStart = reader.offset
    let contentType = nodes[me].contentType

    if contentType == "message/delivery-status" {
      while true {
        reader.pushMatcher(.blankLine)
        _ = try parseEntity()
        popEntity()
        reader.popMatcher()
        _ = reader.readLine()
        guard let line = reader.readLine() else { break }
        reader.unread(line)
      }
      return me
    }
    if nodes[me].mainTypeIsMessage {
      _ = try parseEntity()
      popEntity()
      return me
    }
    if nodes[me].mainTypeIsMultipart {
      try parseMultipart(me)
      return me
    }
    while let run = reader.readRun() { nodes[me].payload.append(run, bytes) }
    nodes[me].payload.setEmptyIfUnset(at: reader.offset)
    return me
  }

  private mutating func parseMultipart(_ me: Int) throws(MIMEError) {
    guard let boundary = nodes[me].params?.collapsed("boundary").map(ASCII.pythonRStrip) else {
      defect(.noBoundaryInMultipart, me, at: nodes[me].bodyStart)
      while let run = reader.readRun() { nodes[me].payload.append(run, bytes) }
      nodes[me].payload.setEmptyIfUnset(at: reader.offset)
      return
    }
    let cte = nodes[me].fields.first { $0.hasName("content-transfer-encoding") }?.value ?? "8bit"
    if !["7bit", "8bit", "binary"].contains(ASCII.pythonLower(cte)) {
      defect(.invalidMultipartContentTransferEncoding, me, at: nodes[me].bodyStart)
    }
    // A boundary that is not ASCII can never match Python's surrogate-escaped lines.
    let separator: [UInt8] =
      boundary.utf8.allSatisfy { $0 < 0x80 } ? Array("--\(boundary)".utf8) : []
    var capturingPreamble = true
    var preamble = Payload()
    var closeSeen = false
    while let line = reader.readLine() {
      let match = separator.isEmpty ? nil : LineReader.matchBoundary(separator, line, bytes)
      guard let match else {
        preamble.append(line, bytes)
        continue
      }
      if match == .close {
        closeSeen = true
        break
      }
      if capturingPreamble {
        capturingPreamble = false
        reader.unread(line)
        continue
      }
      // Consecutive boundary lines delimit nothing.
      while let next = reader.readLine() {
        if LineReader.matchBoundary(separator, next, bytes) == nil {
          reader.unread(next)
          break
        }
      }
      reader.pushMatcher(.boundary(separator))
      _ = try parseEntity()
      if !nodes[last].mainTypeIsMultipart && !nodes[last].isMultipart {
        nodes[last].payload.stripTrailingNewline(bytes)
      }
      reader.popMatcher()
      popEntity()
      last = current
    }
    if capturingPreamble {
      defect(.startBoundaryNotFound, me, at: nodes[me].bodyStart)
      nodes[me].payload = preamble
      nodes[me].payload.setEmptyIfUnset(at: nodes[me].bodyStart)
      while reader.readRun() != nil {}
      return
    }
    if !closeSeen {
      defect(.closeBoundaryNotFound, me, at: reader.offset)
      return
    }
    while reader.readRun() != nil {}
  }

  /// Python's `FeedParser._parse_headers` with `policy.default`'s
  /// `header_source_parse`.
  private mutating func parseHeaders(_ lines: [Line], into me: Int) {
    var current: [Line] = []
    for (lineNumber, line) in lines.enumerated() {
      let first = bytes[line.start]
      if first == ASCII.space || first == ASCII.tab {
        if current.isEmpty {
          defect(.firstHeaderLineIsContinuation, me, at: line.start)
        } else {
          current.append(line)
        }
        continue
      }
      if !current.isEmpty {
        nodes[me].fields.append(makeField(current))
        current.removeAll(keepingCapacity: true)
      }
      if line.end - line.start >= 5
        && bytes[line.start..<line.start + 5].elementsEqual("From ".utf8)
      {
        if lineNumber == 0 {
          continue  // the mbox envelope line
        } else if lineNumber == lines.count - 1 {
          // Python hands a trailing `From ` line back to the body.
          reader.unread(line)
          finishHeaders(me)
          return
        } else {
          defect(.misplacedEnvelopeHeader, me, at: line.start)
          continue
        }
      }
      if first == 0x3A {
        defect(.invalidHeader, me, at: line.start)
        continue
      }
      current.append(line)
    }
    if !current.isEmpty { nodes[me].fields.append(makeField(current)) }
    finishHeaders(me)
  }

  private func makeField(_ lines: [Line]) -> MIMEHeaderField {
    let first = lines[0]
    var colon = first.start
    while colon < first.end && bytes[colon] != 0x3A { colon += 1 }
    let name = String(decoding: bytes[first.start..<colon], as: UTF8.self)
    var i = min(colon + 1, first.end)
    while i < first.end && (bytes[i] == ASCII.space || bytes[i] == ASCII.tab) { i += 1 }
    let end = lines[lines.count - 1].end
    var valueBytes: [UInt8] = []
    valueBytes.reserveCapacity(end - i)
    for (n, line) in lines.enumerated() {
      // Runs between CR and LF bytes are copied whole (a folded address list can be 100 KiB).
      var j = n == 0 ? i : line.start
      while j < line.end {
        var k = j
        while k < line.end && bytes[k] != ASCII.cr && bytes[k] != ASCII.lf { k += 1 }
        valueBytes.append(contentsOf: bytes[j..<k])
        j = k + 1
      }
    }
    return MIMEHeaderField(
      name: name, valueBytes: valueBytes, rawBytes: bytes[first.start..<end], offset: first.start)
  }

  /// Python's `get_content_type()` and the parameters, once the header is known.
  private mutating func finishHeaders(_ me: Int) {
    for i in nodes[me].fields.indices
    where nodes[me].fields[i].exceeds(structuredLimit: options.maxStructuredFieldSize) {
      nodes[me].fields[i].tooLargeToParse = true
      defect(.oversizedHeaderField, me, at: nodes[me].fields[i].offset)
    }
    guard let field = nodes[me].fields.first(where: { $0.hasName("content-type") }) else {
      nodes[me].contentType = nodes[me].defaultType
      return
    }
    // Python's answer for a Content-Type it cannot use; the body stays one leaf.
    guard !field.tooLargeToParse else {
      nodes[me].contentType = "text/plain"
      return
    }
    let params = MIMEParameters.parse(field.escapedValue)
    nodes[me].params = params
    nodes[me].contentType = Self.contentType(of: params)
  }

  /// Python's `get_content_type()` for a present field: the rendered value
  /// up to `;`, lowercased; `text/plain` unless it has exactly one `/`.
  static func contentType(of params: MIMEParameters) -> String {
    let type = ASCII.pythonLower(params.value)
    return type.utf8.count(where: { $0 == 0x2F }) == 1 ? type : "text/plain"
  }
}
