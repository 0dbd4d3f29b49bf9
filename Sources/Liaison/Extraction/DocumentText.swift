/// The text of an attached statement document (plain text, HTML, PDF, DOCX, or a member
/// of a ZIP holding those), as `DocumentReaders` read it within the extractor's limits.
/// Unreadable or hostile documents give no text and a defect; they never stop the
/// extraction.
public struct DocumentText: Hashable, Sendable {
  /// What the document is, judged by its bytes first and its declared type second.
  public enum Kind: String, Hashable, Sendable {
    case plainText, html, pdf, docx, zip, other
  }

  /// The source label of this text: the attachment's file name, or `archive.zip/member`.
  public var name: String
  public var kind: Kind
  public var text: String?
  public var defects: [String]

  public init(name: String, kind: Kind, text: String?, defects: [String] = []) {
    self.name = name
    self.kind = kind
    self.text = text
    self.defects = defects
  }

  static func kind(of data: [UInt8], filename: String, contentType: String) -> Kind {
    let ext = filename.split(separator: ".").last.map { $0.lowercased() } ?? ""
    if data.starts(with: Array("%PDF-".utf8)) { return .pdf }
    if data.starts(with: [0x50, 0x4B, 0x03, 0x04]) || data.starts(with: [0x50, 0x4B, 0x05, 0x06]) {
      if ext == "docx" || contentType.contains("wordprocessingml") { return .docx }
      return .zip
    }
    if contentType == "application/pdf" || ext == "pdf" { return .pdf }
    if contentType.hasSuffix("zip") || ext == "zip" { return .zip }
    if ext == "docx" || contentType.contains("wordprocessingml") { return .docx }
    if contentType == "text/html" || ext == "html" || ext == "htm" { return .html }
    if contentType == "text/plain" || ext == "txt" { return .plainText }
    return .other
  }

  /// Text with no declared charset: UTF-8 when it is valid, else ISO-8859-1.
  static func decodeUnlabelled(_ data: [UInt8]) -> String {
    if let s = String(validating: data, as: UTF8.self) { return s }
    return String(data.map { Character(Unicode.Scalar($0)) })
  }

  /// The defect of a text cut at `maxDocumentTextBytes`; for the readers of every kind.
  public static func truncation(_ name: String, _ options: LiaisonExtractor.Options) -> String {
    "\(name): text longer than \(options.maxDocumentTextBytes) bytes; only the beginning was read"
  }
}
