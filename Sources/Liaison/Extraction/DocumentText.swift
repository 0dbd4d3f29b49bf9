import Foundation

/// The text of an attached statement document (plain text, HTML, PDF, DOCX, or a ZIP
/// holding those), read within the extractor's limits. Unreadable or hostile documents
/// give no text and a defect; they never stop the extraction.
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

  /// Reads one document. `decodedText` is the MIME layer's charset-aware text, when the
  /// document is a text part; `depth` is the archive nesting level (0 for a mail part).
  static func read(
    _ data: [UInt8], name: String, contentType: String, decodedText: String?,
    options: LiaisonExtractor.Options, depth: Int = 0
  ) -> [DocumentText] {
    let kind = kind(of: data, filename: name, contentType: contentType)
    if data.count > options.maxAttachmentBytes {
      let error = LiaisonError.limitExceeded(
        file: name, what: "size (\(data.count) bytes)", limit: options.maxAttachmentBytes)
      return [DocumentText(name: name, kind: kind, text: nil, defects: [error.description])]
    }
    switch kind {
    case .plainText, .html:
      var text = decodedText ?? decodeUnlabelled(data)
      var defects: [String] = []
      if text.utf8.count > options.maxDocumentTextBytes {
        text = String(decoding: text.utf8.prefix(options.maxDocumentTextBytes), as: UTF8.self)
        defects.append(truncation(name, options))
      }
      if kind == .html { text = HTMLText.text(fromHTML: text) }
      return [DocumentText(name: name, kind: kind, text: text, defects: defects)]
    case .pdf:
      do {
        let result = try PDFTextReader.text(of: data, name: name, options: options)
        return [
          DocumentText(
            name: name, kind: .pdf, text: result.text,
            defects: result.truncated ? [truncation(name, options)] : [])
        ]
      } catch {
        return [DocumentText(name: name, kind: .pdf, text: nil, defects: [error.description])]
      }
    case .docx:
      do {
        let text = try DOCXTextReader.text(of: data, name: name, options: options)
        var defects: [String] = []
        if text.utf8.count > options.maxDocumentTextBytes {
          defects.append(truncation(name, options))
        }
        return [DocumentText(name: name, kind: .docx, text: text, defects: defects)]
      } catch {
        return [DocumentText(name: name, kind: .docx, text: nil, defects: [error.description])]
      }
    case .zip:
      return readArchive(data, name: name, options: options, depth: depth)
    case .other:
      return [DocumentText(name: name, kind: .other, text: nil)]
    }
  }

  private static func readArchive(
    _ data: [UInt8], name: String, options: LiaisonExtractor.Options, depth: Int
  ) -> [DocumentText] {
    guard depth < options.zipMaxDepth else {
      let error = LiaisonError.limitExceeded(
        file: name, what: "archive nesting depth", limit: options.zipMaxDepth)
      return [DocumentText(name: name, kind: .zip, text: nil, defects: [error.description])]
    }
    var zip: ZIPReader
    do {
      zip = try ZIPReader(data: data, name: name, options: options)
    } catch {
      return [DocumentText(name: name, kind: .zip, text: nil, defects: [error.description])]
    }
    var out: [DocumentText] = []
    for member in zip.members {
      let (safe, _) = FileNameSanitiser.sanitise(member.path, fallback: "member")
      // Finder and Windows metadata, not documents.
      if member.path.hasPrefix("__MACOSX/") || safe.hasPrefix("._") || safe == ".DS_Store" {
        continue
      }
      let label = "\(name)/\(safe)"
      let bytes: [UInt8]
      do {
        bytes = try zip.read(member, maxBytes: options.maxAttachmentBytes)
      } catch {
        out.append(DocumentText(name: label, kind: .other, text: nil, defects: [error.description]))
        // The archive-wide budget is spent: the remaining members would fail the same way.
        if case .limitExceeded(_, let what, _) = error, what == "total uncompressed size" { break }
        continue
      }
      out += read(
        bytes, name: label, contentType: "", decodedText: nil, options: options, depth: depth + 1)
    }
    return out
  }

  /// Text with no declared charset: UTF-8 when it is valid, else ISO-8859-1.
  static func decodeUnlabelled(_ data: [UInt8]) -> String {
    if let s = String(validating: data, as: UTF8.self) { return s }
    return String(data.map { Character(Unicode.Scalar($0)) })
  }

  private static func truncation(_ name: String, _ options: LiaisonExtractor.Options) -> String {
    "\(name): text longer than \(options.maxDocumentTextBytes) bytes; only the beginning was read"
  }
}
