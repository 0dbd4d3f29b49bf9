import Foundation
import MIME
import Testing

@Suite("MIMEParser structure")
struct MIMEParserTests {
  func parse(_ text: String) throws -> MIMEMessage {
    try MIMEParser().parse(Array(text.utf8))
  }

  func body(_ e: MIMEEntity) -> String { String(decoding: e.rawBody, as: UTF8.self) }

  @Test("a child missing its close boundary cannot swallow its parent")
  func boundaryStack() throws {
    let m = try parse(
      """
      Content-Type: multipart/mixed; boundary=outer

      --outer
      Content-Type: multipart/alternative; boundary=inner

      --inner
      Content-Type: text/plain

      inner text
      --outer
      Content-Type: text/plain

      second
      --outer--

      """)
    #expect(m.root.kind == .multipart)
    #expect(m.root.children.count == 2)
    let inner = m.root.children[0]
    #expect(inner.kind == .multipart)
    #expect(inner.children.count == 1)
    #expect(body(inner.children[0]) == "inner text")
    #expect(inner.defects.map(\.kind) == [.closeBoundaryNotFound])
    #expect(body(m.root.children[1]) == "second")
  }

  @Test("CRLF and LF input give the same structure; the boundary owns the last line break")
  func lineEndings() throws {
    let lf = "Content-Type: multipart/mixed; boundary=b\n\n--b\n\nhello\nworld\n--b--\n"
    let crlf = lf.replacingOccurrences(of: "\n", with: "\r\n")
    let a = try parse(lf)
    let b = try parse(crlf)
    #expect(a.root.children.count == 1 && b.root.children.count == 1)
    #expect(body(a.root.children[0]) == "hello\nworld")
    #expect(body(b.root.children[0]) == "hello\r\nworld")
    #expect(a.defects.isEmpty && b.defects.isEmpty)
  }

  @Test("message/rfc822 is parsed as an embedded message with its own parts")
  func nestedMessage() throws {
    let m = try parse(
      """
      Subject: outer
      Content-Type: multipart/mixed; boundary="x"

      --x
      Content-Type: message/rfc822

      Subject: inner
      Content-Type: multipart/alternative; boundary=y

      --y
      Content-Type: text/plain; charset=UTF-8

      plain
      --y
      Content-Type: text/html

      <p>html</p>
      --y--
      --x--
      """)
    let embedded = m.root.children[0]
    #expect(embedded.kind == .message)
    #expect(embedded.children.count == 1)
    let inner = embedded.children[0]
    #expect(inner.header["subject"] == "inner")
    #expect(inner.children.map(\.contentType) == ["text/plain", "text/html"])
    #expect(inner.children[0].charset == "utf-8")
    // get_body does not descend into message/*: no text for the outer message.
    #expect(m.bestText == nil)
    #expect(m.root.walk().count == 5)
  }

  @Test("headers: folding, duplicates, envelope line and raw offsets")
  func headers() throws {
    let text =
      "From someone Mon Jan  1 00:00:00 2024\nSubject: a\n  folded\nsubject: second\nX-Y:\tz\n\nbody"
    let m = try parse(text)
    #expect(m.header["SUBJECT"] == "a  folded")
    #expect(m.header.all("subject").count == 2)
    #expect(m.header["x-y"] == "z")
    let field = try #require(m.header.first("subject"))
    #expect(field.offset == 38)
    #expect(String(decoding: field.rawBytes, as: UTF8.self) == "Subject: a\n  folded\n")
    #expect(body(m.root) == "body")
  }

  @Test("damage is recorded as defects, not thrown")
  func defects() throws {
    let m = try parse("Content-Type: multipart/mixed\n bad\nno colon here\n\nbody\n")
    let kinds = Set(m.defects.map(\.kind))
    #expect(kinds.contains(.missingHeaderBodySeparator))
    #expect(kinds.contains(.noBoundaryInMultipart))
    #expect(kinds.contains(.multipartInvariantViolation))
    #expect(m.root.kind == .leaf)
    let s = try parse("Content-Type: multipart/mixed; boundary=zz\n\nno boundary anywhere\n")
    #expect(s.defects.map(\.kind).contains(.startBoundaryNotFound))
  }

  @Test("untyped parts of multipart/digest default to message/rfc822")
  func digestDefault() throws {
    let m = try parse(
      "Content-Type: multipart/digest; boundary=d\n\n--d\n\nSubject: one\n\nfirst\n--d--\n")
    #expect(m.root.children[0].contentType == "message/rfc822")
    #expect(m.root.children[0].children[0].header["subject"] == "one")
  }

  @Test(
    "each limit trips with its own error",
    arguments: [
      "maxMessageSize", "maxNestingDepth", "maxParts", "maxHeaderBlockSize",
    ])
  func limits(_ limit: String) throws {
    var options = MIMEParser.Options()
    var input = ""
    switch limit {
    case "maxMessageSize":
      options.maxMessageSize = 100
      input = "Subject: x\n\n" + String(repeating: "a", count: 200)
    case "maxNestingDepth":
      options.maxNestingDepth = 5
      input = String(repeating: "Content-Type: message/rfc822\n\n", count: 10) + "x"
    case "maxParts":
      options.maxParts = 10
      input =
        "Content-Type: multipart/mixed; boundary=b\n\n"
        + String(repeating: "--b\n\npart\n", count: 20) + "--b--\n"
    default:
      options.maxHeaderBlockSize = 1000
      input = String(repeating: "X-Filler: 0123456789\n", count: 100) + "\nbody"
    }
    #expect(throws: MIMEError.self) { try MIMEParser(options: options).parse(Array(input.utf8)) }
    do {
      _ = try MIMEParser(options: options).parse(Array(input.utf8))
    } catch {
      #expect(error.limitName == limit)
      #expect(error.description.contains(limit))
    }
    // The default options accept the same input.
    #expect(throws: Never.self) { try MIMEParser().parse(Array(input.utf8)) }
  }

  @Test("truncation at every offset never crashes and always yields a root")
  func truncation() throws {
    let text = """
      From: A <a@example.org>
      Subject: =?utf-8?q?caf=C3=A9?=
      Content-Type: multipart/mixed; boundary="b1"

      preamble
      --b1
      Content-Type: text/plain; charset=iso-8859-1
      Content-Transfer-Encoding: quoted-printable

      caf=E9 =
      soft
      --b1
      Content-Type: application/octet-stream; name="x.bin"
      Content-Disposition: attachment; filename="x.bin"
      Content-Transfer-Encoding: base64

      AAECAwQFBgcICQ==
      --b1
      Content-Type: message/rfc822

      Subject: inner

      inner body
      --b1--
      epilogue
      """
    let bytes = Array(text.utf8)
    for n in 0...bytes.count {
      let m = try MIMEParser().parse(Array(bytes[..<n]))
      #expect(m.root.range.upperBound <= n)
      _ = MessageSummary.json(for: m)
    }
    let full = try MIMEParser().parse(bytes)
    #expect(full.root.children.count == 3)
    #expect(
      full.root.children[0].decodedBody
        == Array("caf\u{E9} soft".unicodeScalars.map { UInt8($0.value) }))
    #expect(full.root.children[1].decodedBody == Array(0...9))
    #expect(full.root.children[1].filename == "x.bin")
    #expect(full.root.children[1].isAttachment)
  }
}
