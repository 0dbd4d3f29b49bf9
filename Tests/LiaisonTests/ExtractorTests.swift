import Foundation
import Liaison
import MIME
import Synchronization
import Testing

@Suite struct ExtractorTests {
  func extract(
    _ text: String, _ options: LiaisonExtractor.Options = .init(),
    readers: DocumentReaders = DocumentReaders()
  ) async throws -> Extraction {
    let bytes = Array(text.replacingOccurrences(of: "\n", with: "\r\n").utf8)
    return await LiaisonExtractor(options: options, readers: readers)
      .extract(try MIMEParser().parse(bytes), raw: bytes)
  }

  func attachment(_ name: String, _ body: String) -> String {
    "--b\nContent-Type: text/plain; name=\(name)\nContent-Disposition: attachment; filename=\(name)\n\n\(body)\n"
  }

  @Test func attachmentsPastTheLimitAreRecordedButNotRead() async throws {
    var options = LiaisonExtractor.Options()
    options.maxAttachmentsRead = 1
    let mail =
      "From: a@example.org\nTo: liaison-coordination@iab.org\nSubject: LS on X\nMIME-Version: 1.0\n"
      + "Content-Type: multipart/mixed; boundary=b\n\n"
      + attachment("one.txt", "Title: LS on X\nFrom: ETSI\nTo: IETF TLS WG\nPurpose: For action")
      + attachment("two.txt", "Title: other") + attachment("three.txt", "Title: other") + "--b--\n"
    let result = try await extract(mail, options)
    #expect(result.statement.attachments.map(\.filename) == ["one.txt", "two.txt", "three.txt"])
    #expect(result.attachments.map { $0.text != nil } == [true, false, false])
    #expect(
      result.statement.defects == ["more than 1 attachments; the rest are recorded but not read"])
    #expect(result.statement.purpose == .action)
    #expect(result.statement.sources["purpose"] == .attachment("one.txt"))
  }

  @Test func attachmentBytesAndDigestsAreKept() async throws {
    let mail =
      "From: a@example.org\nSubject: LS on X\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=b\n\n"
      + "--b\nContent-Type: application/octet-stream\nContent-Transfer-Encoding: base64\n"
      + "Content-Disposition: attachment\n\nAAECAw==\n--b--\n"
    let result = try await extract(mail)
    #expect(result.attachments.first?.data == [0, 1, 2, 3])
    #expect(result.statement.attachments.first?.filename == "attachment-1.bin")
    #expect(
      result.statement.attachments.first?.sha256
        == "054edec1d0211f624fed0cbca9d4f9400b0e491c43742af2c5b0abebf0c990d8")
  }

  @Test func aPlusAddressInDeliveredToMarksAReply() async throws {
    let mail =
      "From: Chair <wg-chairs@ietf.org>\nTo: someone@example.org\n"
      + "Delivered-To: liaison-coordination+ls-2026-0007@iab.org\nSubject: Re: LS on X\n\nThanks.\n"
    let s = try await extract(mail).statement
    #expect(s.kind == .replyToStatement)
    #expect(s.inResponseTo == "LS-2026-0007")
  }

  @Test func unlabelledMailWithoutLiaisonWordsIsNotAStatement() async throws {
    let s = try await extract("From: x@example.org\nSubject: lunch?\n\nAre you free on Thursday?\n")
      .statement
    #expect(s.kind == .notLiaison)
    #expect(s.purpose == nil)
  }

  func pdf(_ name: String) -> String {
    "--b\nContent-Type: application/pdf; name=\(name)\nContent-Disposition: attachment; filename=\(name)\n"
      + "Content-Transfer-Encoding: base64\n\nJVBERi0xLjQK\n"
  }

  @Test func aPDFWithoutAReaderIsRecordedWithADefect() async throws {
    let mail =
      "From: a@example.org\nTo: liaison-coordination@iab.org\nSubject: LS on X\nMIME-Version: 1.0\n"
      + "Content-Type: multipart/mixed; boundary=b\n\n" + pdf("LS.pdf") + "--b--\n"
    let result = try await extract(mail)
    #expect(result.statement.attachments.map(\.filename) == ["LS.pdf"])
    #expect(result.attachments.first?.text == nil)
    #expect(
      result.statement.defects.contains(
        "LS.pdf: no text layer could be read (no PDF reader is configured); the file is recorded but not read"
      ), "\(result.statement.defects)")
  }

  /// The injected reader gets all PDFs of the message in one call (its budget is per
  /// message), and its text is read like any other statement document.
  @Test func theInjectedPDFReaderReadsAllPDFsOfAMessageInOneCall() async throws {
    let reader = ScriptedPDFReader(texts: [
      "first.pdf": "Title: LS on Y\nSource: ITU-T SG15\nTo: IETF CCAMP WG\nPurpose: For action",
      "second.pdf": "an annex",
    ])
    let mail =
      "From: a@example.org\nTo: liaison-coordination@iab.org\nSubject: LS on X\nMIME-Version: 1.0\n"
      + "Content-Type: multipart/mixed; boundary=b\n\n" + pdf("first.pdf") + pdf("second.pdf")
      + "--b--\n"
    let result = try await extract(mail, readers: DocumentReaders(pdf: reader))
    #expect(reader.calls == [["first.pdf", "second.pdf"]])
    #expect(result.statement.title == "LS on Y")
    #expect(result.statement.sources["title"] == .attachment("first.pdf"))
    #expect(result.statement.body == reader.texts["first.pdf"])
    #expect(result.attachments.map(\.text) == ["first.pdf", "second.pdf"].map { reader.texts[$0] })
  }
}

/// A PDF reader that gives fixed texts and records each call's document names.
final class ScriptedPDFReader: DocumentTextReader {
  let texts: [String: String]
  private let recorded = Mutex<[[String]]>([])

  init(texts: [String: String]) {
    self.texts = texts
  }

  var calls: [[String]] { recorded.withLock { $0 } }

  func read(_ documents: [SourceDocument], options: LiaisonExtractor.Options)
    -> [DocumentReading]
  {
    recorded.withLock { $0.append(documents.map(\.name)) }
    return documents.map { .text(texts[$0.name], defects: []) }
  }
}
