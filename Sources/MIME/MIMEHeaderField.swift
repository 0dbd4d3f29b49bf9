/// One header field as it appeared on the wire, plus its unfolded value.
public struct MIMEHeaderField: Sendable {
  /// The name exactly as written before the colon (not trimmed, case kept).
  public var name: String
  /// The value unfolded as Python's `policy.default` does: leading blanks
  /// after the colon dropped, every CR and LF removed (the whitespace after a
  /// fold kept), raw 8-bit bytes read as UTF-8 with replacement. Encoded
  /// words are NOT decoded here.
  public var value: String
  /// The field's lines exactly as received, terminators included (a slice of
  /// the parsed buffer, not a copy).
  public var rawBytes: ArraySlice<UInt8>
  /// Byte offset of the field in the parsed buffer.
  public var offset: Int
  /// True when the value is longer than ``MIMEParser/Options/maxStructuredFieldSize`` and the
  /// field is one the parser reads with Python's header grammar (addresses, Content-Type,
  /// Content-Disposition): it is then left unparsed; ``value`` still holds all of it.
  public internal(set) var tooLargeToParse = false
  /// The Python form when the value has 8-bit bytes (see ``escapedValue``).
  private var escaped: String?

  public init(name: String, value: String, rawBytes: ArraySlice<UInt8>, offset: Int) {
    self.name = name
    self.value = value
    self.rawBytes = rawBytes
    self.offset = offset
  }

  /// A field whose unfolded value is given as bytes; 8-bit bytes are kept
  /// both ways (see ``value`` and ``escapedValue``).
  init(name: String, valueBytes: [UInt8], rawBytes: ArraySlice<UInt8>, offset: Int) {
    self.init(
      name: name, value: String(decoding: valueBytes, as: UTF8.self), rawBytes: rawBytes,
      offset: offset)
    if valueBytes.contains(where: { $0 >= 0x80 }) { escaped = HeaderText.escaping(valueBytes) }
  }

  /// The unfolded value as Python holds it (8-bit bytes escaped, see
  /// ``HeaderText``), for the header decoders: a raw byte inside an encoded
  /// word is then decoded in the word's charset, as Python does. Equal to
  /// ``value`` when the value is ASCII.
  public var escapedValue: String { escaped ?? value }

  /// Fields whose value is parsed with Python's header grammar (slow per byte, so capped).
  static let structuredNames: Set<String> = [
    "from", "sender", "reply-to", "to", "cc", "bcc", "resent-from", "resent-sender", "resent-to",
    "resent-cc", "resent-bcc", "content-type", "content-disposition",
  ]

  /// Whether the field is structured and its unfolded value is longer than `limit` bytes.
  func exceeds(structuredLimit limit: Int) -> Bool {
    value.utf8.count > limit && Self.structuredNames.contains(ASCII.pythonLower(name))
  }

  /// True when `name` equals the field name, ASCII case-insensitively.
  public func hasName(_ other: String) -> Bool {
    let a = name.utf8
    let b = other.utf8
    guard a.count == b.count else { return false }
    return a.elementsEqual(b) { x, y in x == y || ASCII.lower(x) == ASCII.lower(y) }
  }
}
