/// Reads the text of one kind of attached document.
///
/// Liaison's own readers (`PlainTextReader`, `HTMLTextReader`, `DOCXTextReader`,
/// `ZIPTextReader`) are pure Swift. A PDF's text layer takes poppler's `pdftotext`, a child
/// process, which a pure module does not start: the shell supplies that reader (Daemon's
/// `PDFTextReader`) through `DocumentReaders`, and tests supply fakes the same way.
public protocol DocumentTextReader: Sendable {
  /// Reads the documents of this reader's kind that one message carries, in the order
  /// given, and returns one reading for each. It is called once per message (after every
  /// archive was opened), so that a reader whose work costs can hold a per-message budget.
  /// A reader never throws: each problem is a defect of the document it concerns.
  func read(_ documents: [SourceDocument], options: LiaisonExtractor.Options) async
    -> [DocumentReading]
}

/// A document to read: an attachment's bytes, or an archive member's.
public struct SourceDocument: Hashable, Sendable {
  /// The source label of its text: the attachment's file name, or `archive.zip/member`.
  public var name: String
  public var data: [UInt8]
  /// The declared MIME type; empty for an archive member.
  public var contentType: String
  /// The MIME layer's charset-aware text, when the document is a text part.
  public var decodedText: String?
  /// Archive nesting: 0 for a part of the mail, 1 for a member of an attached archive.
  public var depth: Int

  public init(
    name: String, data: [UInt8], contentType: String = "", decodedText: String? = nil,
    depth: Int = 0
  ) {
    self.name = name
    self.data = data
    self.contentType = contentType
    self.decodedText = decodedText
    self.depth = depth
  }
}

/// What a reader made of one document.
public enum DocumentReading: Hashable, Sendable {
  /// The document's text (nil when none could be read) and the problems met, each a line
  /// that names the document.
  case text(String?, defects: [String])
  /// An archive's contents, in order: members to be read in turn, each by the reader of
  /// its kind, and members that could not be taken out.
  case members([ArchiveEntry])

  public enum ArchiveEntry: Hashable, Sendable {
    case document(SourceDocument)
    case unreadable(name: String, defect: String)
  }

  /// No text, for the reason `error` gives.
  public static func failed(_ error: LiaisonError) -> DocumentReading {
    .text(nil, defects: [error.description])
  }
}
