/// Plain text: the MIME layer's decoded text, or for an archive member UTF-8 (else
/// ISO-8859-1), cut at the text limit.
public struct PlainTextReader: DocumentTextReader {
  public init() {}

  public func read(_ documents: [SourceDocument], options: LiaisonExtractor.Options)
    -> [DocumentReading]
  {
    documents.map { document in
      let (text, defects) = Self.text(of: document, options: options)
      return .text(text, defects: defects)
    }
  }

  static func text(of document: SourceDocument, options: LiaisonExtractor.Options)
    -> (text: String, defects: [String])
  {
    var text = document.decodedText ?? DocumentText.decodeUnlabelled(document.data)
    var defects: [String] = []
    if text.utf8.count > options.maxDocumentTextBytes {
      text = String(decoding: text.utf8.prefix(options.maxDocumentTextBytes), as: UTF8.self)
      defects.append(DocumentText.truncation(document.name, options))
    }
    return (text, defects)
  }
}
