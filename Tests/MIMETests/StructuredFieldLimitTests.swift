import Testing

@testable import MIME

/// `MIMEParser.Options.maxStructuredFieldSize`: fields read with Python's header grammar are
/// left unparsed past the cap, with a defect, and keep their raw value.
@Suite("Structured header fields over the size cap")
struct StructuredFieldLimitTests {
  /// A To: of about 1 MB (`a@b.example, ` repeated), under the 1 MiB header block limit.
  static let hugeTo: String = {
    let unit = "a@b.example, "
    return String(repeating: unit, count: 1_000_000 / unit.utf8.count) + "last@b.example"
  }()

  static func message(_ header: String, body: String = "body\n") -> [UInt8] {
    Array((header + "\n\n" + body).utf8)
  }

  @Test("a 1 MB To: header parses, keeps its raw value and records the defect")
  func hugeToHeader() throws {
    let message = try MIMEParser().parse(
      Self.message("From: Alice <alice@example.org>\nTo: " + Self.hugeTo + "\nSubject: hi"))
    let to = try #require(message.root.header.first("to"))
    #expect(to.tooLargeToParse)
    #expect(to.value == Self.hugeTo)
    #expect(message.root.header.addresses("to").isEmpty)
    #expect(message.defects.map(\.kind) == [.oversizedHeaderField])
    #expect(message.defects.first?.offset == to.offset)
    // The other fields are unaffected.
    #expect(
      message.root.header.addresses("from") == [
        MIMEAddress(name: "Alice", address: "alice@example.org")
      ])
    #expect(message.root.header.subject == "hi")
    let summary = MessageSummary.value(for: message)
    #expect(summary.compact().contains("\"defects\":[\"OversizedHeaderFieldDefect\"]"))
  }

  @Test("a field of exactly the cap is parsed; one byte more is not")
  func boundary() throws {
    var options = MIMEParser.Options()
    let value = "Bob <bob@example.org>"
    options.maxStructuredFieldSize = value.utf8.count
    let atCap = try MIMEParser(options: options).parse(Self.message("Cc: " + value))
    #expect(atCap.defects.isEmpty)
    #expect(atCap.root.header.addresses("cc").map(\.address) == ["bob@example.org"])
    let over = try MIMEParser(options: options).parse(Self.message("Cc: " + value + " "))
    #expect(over.defects.map(\.kind) == [.oversizedHeaderField])
    #expect(over.root.header.addresses("cc").isEmpty)
  }

  @Test("an oversized Content-Type leaves one text/plain leaf with every body byte")
  func oversizedContentType() throws {
    var options = MIMEParser.Options()
    options.maxStructuredFieldSize = 1024
    let params = String(repeating: "; x=y", count: 300)
    let body = "--b\n\npart\n--b--\n"
    let message = try MIMEParser(options: options).parse(
      Self.message("Content-Type: multipart/mixed; boundary=b" + params, body: body))
    #expect(message.root.kind == .leaf)
    #expect(message.root.contentType == "text/plain")
    #expect(message.root.contentTypeParameters == nil)
    #expect(message.root.decodedBody == Array(body.utf8))
    #expect(message.defects.map(\.kind) == [.oversizedHeaderField])
  }

  @Test("an oversized Content-Disposition yields no disposition or filename")
  func oversizedDisposition() throws {
    var options = MIMEParser.Options()
    options.maxStructuredFieldSize = 1024
    let value = "attachment; filename=a.pdf" + String(repeating: "; x=y", count: 300)
    let message = try MIMEParser(options: options).parse(
      Self.message("Content-Type: text/plain\nContent-Disposition: " + value))
    #expect(message.root.disposition == nil)
    #expect(message.root.filename == nil)
    #expect(!message.root.isAttachment)
    #expect(message.root.header["content-disposition"] == value)
    #expect(message.defects.map(\.kind) == [.oversizedHeaderField])
    // The same field under the default cap is parsed as before.
    let parsed = try MIMEParser().parse(
      Self.message("Content-Type: text/plain\nContent-Disposition: " + value))
    #expect(parsed.root.filename == "a.pdf")
    #expect(parsed.root.isAttachment)
    #expect(parsed.defects.isEmpty)
  }

  /// Expected values from CPython 3.11's `Message.get_param`; Python re-counts quotes from the
  /// start of the parameter for every ";" (quadratic), the port keeps the parity incrementally.
  @Test(
    "quoted semicolons split parameters as Python's _parseparam does",
    arguments: [
      ("text/plain; name=\"a\\\"; b\"; charset=utf-8", "name", "a\"; b", "charset", "utf-8"),
      (
        "text/plain; name=\"x; y; z\"; charset=\"us-ascii\"", "name", "x; y; z", "charset",
        "us-ascii"
      ),
      ("text/plain; a=\"\\\\\"; b=c", "a", "\"; b=\"c", "b", nil),
    ] as [(String, String, String, String, String?)])
  func quotedSemicolons(
    _ value: String, _ name1: String, _ value1: String, _ name2: String, _ value2: String?
  ) {
    let p = MIMEParameters.parse(value)
    #expect(p[name1] == value1)
    #expect(p[name2] == value2)
  }

  @Test("a Content-Type of 100,000 quoted semicolons keeps the whole quoted value")
  func manyQuotedSemicolons() {
    let inner = String(repeating: "a\\\"; ", count: 20_000)
    let p = MIMEParameters.parse("text/plain; name=\"" + inner + "\"; charset=utf-8")
    #expect(p["charset"] == "utf-8")
    #expect(p["name"]?.hasPrefix("a\"; a\"; ") == true)
  }
}
