/// Damage found while parsing, recorded instead of failing.
///
/// The vocabulary is Python's `email.errors` defect class names, so that the
/// defects of a message can be compared with the reference implementation.
public struct MIMEDefect: Sendable, Hashable, CustomStringConvertible {
  /// An open vocabulary of defect kinds (Python's class names).
  public struct Kind: RawRepresentable, Sendable, Hashable, Comparable, CustomStringConvertible {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }
    public static func < (lhs: Kind, rhs: Kind) -> Bool {
      lhs.rawValue.unicodeScalars.lexicographicallyPrecedes(rhs.rawValue.unicodeScalars)
    }

    /// A line that is neither a header nor blank ended the header block.
    public static let missingHeaderBodySeparator = Kind(
      rawValue: "MissingHeaderBodySeparatorDefect")
    /// The header block began with a continuation line.
    public static let firstHeaderLineIsContinuation = Kind(
      rawValue: "FirstHeaderLineIsContinuationDefect")
    /// A `From ` envelope line in the middle of a header block.
    public static let misplacedEnvelopeHeader = Kind(rawValue: "MisplacedEnvelopeHeaderDefect")
    /// A header line without a name (`: value`).
    public static let invalidHeader = Kind(rawValue: "InvalidHeaderDefect")
    /// `multipart/*` without a boundary parameter.
    public static let noBoundaryInMultipart = Kind(rawValue: "NoBoundaryInMultipartDefect")
    /// The boundary of a multipart never occurs.
    public static let startBoundaryNotFound = Kind(rawValue: "StartBoundaryNotFoundDefect")
    /// A multipart ended without its closing boundary.
    public static let closeBoundaryNotFound = Kind(rawValue: "CloseBoundaryNotFoundDefect")
    /// The root is `multipart/*` but could not be split into parts.
    public static let multipartInvariantViolation = Kind(
      rawValue: "MultipartInvariantViolationDefect")
    /// A multipart declares a transfer encoding other than 7bit, 8bit or binary.
    public static let invalidMultipartContentTransferEncoding = Kind(
      rawValue: "InvalidMultipartContentTransferEncodingDefect")
    /// Base64 body with missing padding.
    public static let invalidBase64Padding = Kind(rawValue: "InvalidBase64PaddingDefect")
    /// Base64 body with characters outside the alphabet.
    public static let invalidBase64Characters = Kind(rawValue: "InvalidBase64CharactersDefect")
    /// Base64 body whose length cannot be decoded at all (kept undecoded).
    public static let invalidBase64Length = Kind(rawValue: "InvalidBase64LengthDefect")
    /// An address or MIME-parameter field longer than
    /// ``MIMEParser/Options/maxStructuredFieldSize``, kept unparsed (not a Python class: Python
    /// parses any length, slowly).
    public static let oversizedHeaderField = Kind(rawValue: "OversizedHeaderFieldDefect")
  }

  public var kind: Kind
  /// Byte offset in the parsed buffer where the damage was noticed.
  public var offset: Int

  public init(_ kind: Kind, offset: Int) {
    self.kind = kind
    self.offset = offset
  }

  public var description: String { "\(kind.rawValue) at byte \(offset)" }
}
