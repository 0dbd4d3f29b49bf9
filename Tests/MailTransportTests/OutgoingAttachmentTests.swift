import Foundation
import MIME
import Testing

@testable import MailTransport

@Suite struct OutgoingAttachmentTests {
  private func mail(_ attachments: [OutgoingAttachment], body: String = "See attached.\n") throws
    -> OutgoingMessage
  {
    try OutgoingMessage(
      from: MailAddress("liaison-coordination@iab.org"), to: [MailAddress("tsbsg15@itu.int")],
      subject: "LS on OTN", messageID: "<ls-2026-0042.out@liaisond.example>",
      date: Date(timeIntervalSince1970: 1_795_435_200), body: body, attachments: attachments)
  }

  /// Every byte value, a long run without line breaks, and a CRLF that must not be touched.
  private static let binary: [UInt8] =
    Array(0...255) + Array(repeating: 0x41, count: 5000) + [
      0x0D, 0x0A, 0x0A, 0x0D,
    ]

  @Test func attachmentsRoundTripThroughTheParserByteForByte() throws {
    let files = [
      try OutgoingAttachment(
        filename: "LS-123.pdf", contentType: "application/pdf", data: Self.binary),
      try OutgoingAttachment(
        filename: "Übersicht \"v2\".docx",
        contentType:
          "application/vnd.openxmlformats-officedocument.wordprocessingml.document; x=1",
        data: Array("PK\u{3}\u{4}zip".utf8)),
      try OutgoingAttachment(filename: "empty.txt", contentType: "not a type", data: []),
    ]
    let rendered = try mail(files, body: "Grüße.\n--=_liaisond_ is only text here\n").render()
    #expect(rendered.allSatisfy { $0 < 0x80 })
    let message = try MIMEParser().parse(rendered)
    #expect(message.root.contentType == "multipart/mixed")
    #expect(message.root.defects.isEmpty)
    let leaves = message.root.walk().filter { !$0.isContainer }
    #expect(leaves.count == 4)
    #expect(leaves[0].contentType == "text/plain")
    #expect(leaves[0].decodedText() == "Grüße.\r\n--=_liaisond_ is only text here\r\n")
    let parts = leaves.dropFirst().map { ($0.filename, $0.contentType, $0.decodedBody ?? [1]) }
    #expect(parts.map(\.0) == ["LS-123.pdf", "Übersicht \"v2\".docx", "empty.txt"])
    #expect(
      parts.map(\.1) == [
        "application/pdf",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/octet-stream",
      ])
    #expect(parts[0].2 == Self.binary)
    #expect(parts[1].2 == Array("PK\u{3}\u{4}zip".utf8))
    #expect(parts[2].2 == [])
    for leaf in leaves.dropFirst() { #expect(leaf.isAttachment) }
    let text = String(decoding: rendered, as: UTF8.self)
    #expect(text.contains("filename*=UTF-8''%C3%9Cbersicht%20%22v2%22.docx"))
    for line in text.split(separator: "\r\n") { #expect(line.utf8.count <= 998) }
  }

  @Test func withoutAttachmentsTheMailStaysSinglePart() throws {
    let text = String(decoding: try mail([]).render(), as: UTF8.self)
    #expect(text.contains("Content-Type: text/plain; charset=UTF-8"))
    #expect(!text.contains("multipart"))
  }

  @Test func unsafeNamesAreRefused() {
    for name in ["", "..", "../etc/passwd", "a\\b", "a\r\nBcc: x@y", "nul\u{0}.pdf"] {
      #expect(throws: MailTransportError.self) {
        try OutgoingAttachment(filename: name, contentType: "text/plain", data: [])
      }
    }
  }

  @Test func theSameMailRendersTheSameBytes() throws {
    let file = try OutgoingAttachment(filename: "a.pdf", contentType: "application/pdf", data: [1])
    #expect(try mail([file]).render() == (try mail([file]).render()))
  }
}
