/// An HTML document's text (`HTMLText`), from the same capped text as `PlainTextReader`.
public struct HTMLTextReader: DocumentTextReader {
  public init() {}

  public func read(_ documents: [SourceDocument], options: LiaisonExtractor.Options)
    -> [DocumentReading]
  {
    documents.map { document in
      let (text, defects) = PlainTextReader.text(of: document, options: options)
      return .text(HTMLText.text(fromHTML: text), defects: defects)
    }
  }
}
