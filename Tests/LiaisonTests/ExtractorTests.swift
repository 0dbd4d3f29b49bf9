import Foundation
import Liaison
import MIME
import Testing

@Suite struct ExtractorTests {
  func extract(_ text: String, _ options: LiaisonExtractor.Options = .init()) throws -> Extraction {
    let bytes = Array(text.replacingOccurrences(of: "\n", with: "\r\n").utf8)
    return LiaisonExtractor(options: options).extract(try MIMEParser().parse(bytes), raw: bytes)
  }

  func attachment(_ name: String, _ body: String) -> String {
    "--b\nContent-Type: text/plain; name=\(name)\nContent-Disposition: attachment; filename=\(name)\n\n\(body)\n"
  }

  @Test func attachmentsPastTheLimitAreRecordedButNotRead() throws {
    var options = LiaisonExtractor.Options()
    options.maxAttachmentsRead = 1
    let mail =
      "From: a@example.org\nTo: liaison-coordination@iab.org\nSubject: LS on X\nMIME-Version: 1.0\n"
      + "Content-Type: multipart/mixed; boundary=b\n\n"
      + attachment("one.txt", "Title: LS on X\nFrom: ETSI\nTo: IETF TLS WG\nPurpose: For action")
      + attachment("two.txt", "Title: other") + attachment("three.txt", "Title: other") + "--b--\n"
    let result = try extract(mail, options)
    #expect(result.statement.attachments.map(\.filename) == ["one.txt", "two.txt", "three.txt"])
    #expect(result.attachments.map { $0.text != nil } == [true, false, false])
    #expect(
      result.statement.defects == ["more than 1 attachments; the rest are recorded but not read"])
    #expect(result.statement.purpose == .action)
    #expect(result.statement.sources["purpose"] == .attachment("one.txt"))
  }

  @Test func attachmentBytesAndDigestsAreKept() throws {
    let mail =
      "From: a@example.org\nSubject: LS on X\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=b\n\n"
      + "--b\nContent-Type: application/octet-stream\nContent-Transfer-Encoding: base64\n"
      + "Content-Disposition: attachment\n\nAAECAw==\n--b--\n"
    let result = try extract(mail)
    #expect(result.attachments.first?.data == [0, 1, 2, 3])
    #expect(result.statement.attachments.first?.filename == "attachment-1.bin")
    #expect(
      result.statement.attachments.first?.sha256
        == "054edec1d0211f624fed0cbca9d4f9400b0e491c43742af2c5b0abebf0c990d8")
  }

  @Test func aPlusAddressInDeliveredToMarksAReply() throws {
    let mail =
      "From: Chair <wg-chairs@ietf.org>\nTo: someone@example.org\n"
      + "Delivered-To: liaison-coordination+ls-2026-0007@iab.org\nSubject: Re: LS on X\n\nThanks.\n"
    let s = try extract(mail).statement
    #expect(s.kind == .replyToStatement)
    #expect(s.inResponseTo == "LS-2026-0007")
  }

  @Test func unlabelledMailWithoutLiaisonWordsIsNotAStatement() throws {
    let s = try extract("From: x@example.org\nSubject: lunch?\n\nAre you free on Thursday?\n")
      .statement
    #expect(s.kind == .notLiaison)
    #expect(s.purpose == nil)
  }
}
