/// The PDF reader of an extractor that was given none: each PDF is recorded, with a
/// defect saying that its text was not read.
public struct UnavailablePDFReader: DocumentTextReader {
  public init() {}

  public func read(_ documents: [SourceDocument], options: LiaisonExtractor.Options)
    -> [DocumentReading]
  {
    documents.map {
      .failed(.pdfTextFailed(file: $0.name, reason: "no PDF reader is configured"))
    }
  }
}
