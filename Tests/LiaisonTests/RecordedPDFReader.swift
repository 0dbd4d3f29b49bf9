import Foundation
import Liaison

/// The PDF reader of the Liaison logic tests, which start no process: `pdftotext`'s output
/// for the PDFs of `fixtures/mail`, recorded in `fixtures/pdf-text` as `NAME.txt` (the
/// text) or `NAME.failed` (why pdftotext failed). `PDFTextReaderTests` in DaemonTests
/// checks every recording against the real `pdftotext`.
struct RecordedPDFReader: DocumentTextReader {
  static let directory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("fixtures/pdf-text")

  func read(_ documents: [SourceDocument], options: LiaisonExtractor.Options)
    -> [DocumentReading]
  {
    documents.map { document in
      let base = Self.directory.appendingPathComponent(document.name)
      if let text = try? String(contentsOf: base.appendingPathExtension("txt"), encoding: .utf8) {
        return .text(text, defects: [])
      }
      let reason =
        (try? String(contentsOf: base.appendingPathExtension("failed"), encoding: .utf8))?
        .trimmingCharacters(in: .whitespacesAndNewlines)
        ?? "no recording of \(document.name) in \(Self.directory.path)"
      return .failed(.pdfTextFailed(file: document.name, reason: reason))
    }
  }
}
