/// A lenient, whole-buffer MIME parser whose structure decisions follow
/// Python 3.11's `email.feedparser` (with `policy.default`) line for line,
/// so that its output can be checked differentially against Python.
///
/// Damage never throws: it becomes a ``MIMEDefect`` on the entity. Only the
/// limits of ``Options`` throw. Bodies are not copied: every leaf keeps a
/// slice of the input buffer and decodes its transfer encoding on request.
public struct MIMEParser: Sendable {
  public var options: Options

  public init(options: Options = .init()) { self.options = options }

  public func parse(_ bytes: [UInt8]) throws(MIMEError) -> MIMEMessage {
    guard bytes.count <= options.maxMessageSize else {
      throw .messageTooLarge(size: bytes.count, limit: options.maxMessageSize)
    }
    var state = ParserState(bytes: bytes, options: options)
    let root = try state.parseEntity()
    state.popEntity()
    if state.nodes[root].mainTypeIsMultipart && !state.nodes[root].isMultipart {
      state.nodes[root].defects.append(
        MIMEDefect(.multipartInvariantViolation, offset: state.nodes[root].start))
    }
    var defects: [MIMEDefect] = []
    let entity = state.buildEntity(root, defects: &defects)
    return MIMEMessage(root: entity, defects: defects, bytes: bytes)
  }

  /// The top-level header alone: what `parse(bytes).header` is, without walking the body
  /// (the parts of a mail with attachments, for one From or To). The header block ends at
  /// its first empty line at the latest, so the bytes up to that line parse to the same
  /// header; without one found (a mail of CR-only lines), the whole mail is parsed.
  public func parseHeader(_ bytes: [UInt8]) throws(MIMEError) -> MIMEHeader {
    var end = bytes.count
    for index in bytes.indices.dropFirst() where bytes[index] == UInt8(ascii: "\n") {
      let previous = bytes[index - 1]
      if previous == UInt8(ascii: "\n")
        || (previous == UInt8(ascii: "\r") && index >= 2 && bytes[index - 2] == UInt8(ascii: "\n"))
      {
        end = index + 1
        break
      }
    }
    return try parse(end == bytes.count ? bytes : Array(bytes[..<end])).header
  }
}
