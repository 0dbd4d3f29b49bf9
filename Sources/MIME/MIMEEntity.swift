/// One MIME entity: a leaf, a multipart, or an embedded message (MimeKit's
/// three kinds). A value type; bodies are slices of the parsed buffer.
public struct MIMEEntity: Sendable {
  public enum Kind: Sendable, Hashable {
    /// A body of bytes (possibly transfer-encoded).
    case leaf
    /// `multipart/*` split on its boundary; ``MIMEEntity/children`` are the parts.
    case multipart
    /// `message/*` (except delivery-status); the one child is the embedded root.
    case message
  }

  public var kind: Kind
  public var header: MIMEHeader
  /// `type/subtype`, lowercased; `text/plain` when absent or malformed, or
  /// `message/rfc822` for an untyped part of `multipart/digest`.
  public var contentType: String
  /// The charset parameter, lowercased; nil if absent or not ASCII. No default.
  public var charset: String?
  /// The disposition type (`inline`, `attachment`, ...), lowercased; nil if absent.
  public var disposition: String?
  /// Disposition `filename`, else Content-Type `name`, decoded and trimmed.
  /// Untrusted: may contain path separators; sanitise before using it as a path.
  public var filename: String?
  /// The disposition type token is `attachment`.
  public var isAttachment: Bool
  /// The Content-ID value, whitespace-stripped (angle brackets kept).
  public var contentID: String?
  /// The boundary of a multipart, as used for splitting.
  public var boundary: String?
  /// The parts of a multipart, or the one embedded message root.
  public var children: [MIMEEntity]
  /// Damage found in this entity's own header block and structure.
  public var defects: [MIMEDefect]
  /// The body as Python keeps it: for a part inside a multipart, without the
  /// line break that belongs to the next boundary. Empty for containers.
  public var rawBody: ArraySlice<UInt8>
  /// The Content-Transfer-Encoding mechanism token (`7bit` when absent).
  public var transferEncoding: String
  /// The bytes of the whole entity (header block and body) in the buffer.
  public var range: Range<Int>
  /// The byte offset where the body starts (after the blank line).
  public var bodyOffset: Int
  /// False only for `message/delivery-status`, whose body Python splits into
  /// header blocks and keeps no raw payload for; ``rawBody`` still holds it.
  public var hasPayload: Bool

  public var isContainer: Bool { kind != .leaf }

  /// The Content-Type parameters (RFC 2231 and RFC 2047 decoded), if the field exists.
  public var contentTypeParameters: MIMEParameters? {
    header.first("content-type").flatMap {
      $0.tooLargeToParse ? nil : MIMEParameters.parse($0.escapedValue)
    }
  }

  /// The body with its transfer encoding undone; nil for containers.
  public var decodedBody: [UInt8]? {
    isContainer ? nil : decodeBody().bytes
  }

  /// Decodes the body per its transfer encoding, reporting decoding damage.
  public func decodeBody() -> TransferDecoder.Result {
    TransferDecoder.decode(rawBody, mechanism: hasPayload ? transferEncoding : "8bit")
  }

  /// A text leaf's body as a string: decoded in its charset (us-ascii when
  /// none) with Python's codec of that name, undecodable bytes replaced;
  /// UTF-8 when Python has no such text codec. Nil for containers.
  public func decodedText() -> String? {
    guard let body = decodedBody else { return nil }
    return Self.decodeText(body, charset: charset)
  }

  static func decodeText(_ body: [UInt8], charset: String?) -> String {
    let name = charset ?? "us-ascii"
    // Fast paths with the same result as the codec: ASCII bytes in an
    // ASCII-superset charset, and UTF-8 (Python's "replace" and Swift's
    // repair both substitute each maximal invalid subsequence).
    if asciiSupersets.contains(name) && body.allSatisfy({ $0 < 0x80 }) || utf8Names.contains(name) {
      return String(decoding: body, as: UTF8.self)
    }
    return Charset.decode(body, charset: name) ?? String(decoding: body, as: UTF8.self)
  }

  private static let utf8Names: Set<String> = ["utf-8", "utf8"]
  private static let asciiSupersets: Set<String> = [
    "us-ascii", "ascii", "iso-8859-1", "latin1", "latin-1", "iso-8859-15", "windows-1252",
    "cp1252", "iso-8859-2", "windows-1250",
  ]

  /// Every entity of the tree, depth-first pre-order, this one first.
  public func walk() -> [MIMEEntity] {
    var out: [MIMEEntity] = []
    func visit(_ e: MIMEEntity) {
      out.append(e)
      for c in e.children { visit(c) }
    }
    visit(self)
    return out
  }
}
