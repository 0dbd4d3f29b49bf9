// Expected values were produced by CPython 3.11.7's email package (policy.default), the
// oracle of the MIME corpus, on exactly these inputs.
import Testing

@testable import MIME

@Suite("MIMEParameters: Content-Type and Content-Disposition as Python's get_param sees them")
struct MIMEParametersTests {
  struct Case: Sendable, CustomTestStringConvertible {
    var value: String
    var type: String?
    var charset: String?
    var filename: String?
    var disposition: String?
    var attachment: Bool
    var testDescription: String { value }
  }

  /// Each value was given to Python as both the Content-Type and the Content-Disposition of one
  /// message; the expectations are get_content_type, get_content_charset, get_filename,
  /// get_content_disposition and is_attachment.
  static let cases: [Case] = [
    Case(
      value: "text/plain", type: "text/plain", charset: nil, filename: nil,
      disposition: "text/plain", attachment: false),
    Case(
      value: "text/plain; charset=\"utf-8\"", type: "text/plain", charset: "utf-8", filename: nil,
      disposition: "text/plain", attachment: false),
    Case(
      value: "text/plain; charset=UTF-8; format=flowed", type: "text/plain", charset: "utf-8",
      filename: nil, disposition: "text/plain", attachment: false),
    Case(
      value: "TEXT/HTML; CHARSET=ISO-8859-1", type: "text/html", charset: "iso-8859-1",
      filename: nil, disposition: "text/html", attachment: false),
    Case(
      value: "application/pdf; name=\"report.pdf\"", type: "application/pdf", charset: nil,
      filename: "report.pdf", disposition: "application/pdf", attachment: false),
    Case(
      value: "application/pdf name=\"x.pdf\"", type: "application/pdf name=\"x.pdf\"", charset: nil,
      filename: nil, disposition: "application/pdf name=\"x.pdf\"", attachment: false),
    Case(
      value: "attachment; filename=\"a;b.txt\"", type: "text/plain", charset: nil,
      filename: "a;b.txt", disposition: "attachment", attachment: true),
    Case(
      value: "attachment; filename*=utf-8''%E2%82%AC%20rates.txt", type: "text/plain", charset: nil,
      filename: "€ rates.txt", disposition: "attachment", attachment: true),
    Case(
      value: "attachment; filename*0=\"long\"; filename*1=\"name.txt\"", type: "text/plain",
      charset: nil, filename: "longname.txt", disposition: "attachment", attachment: true),
    Case(
      value: "attachment; filename*0*=utf-8''%C3%A9; filename*1=t%C3%A9.txt", type: "text/plain",
      charset: nil, filename: "ét%C3%A9.txt", disposition: "attachment", attachment: true),
    Case(
      value: "attachment; filename*=\"utf-8''quoted%20ext.txt\"", type: "text/plain", charset: nil,
      filename: "quoted ext.txt", disposition: "attachment", attachment: true),
    Case(
      value: "attachment; filename=\"=?utf-8?q?r=C3=A9sum=C3=A9.doc?=\"", type: "text/plain",
      charset: nil, filename: "résumé.doc", disposition: "attachment", attachment: true),
    Case(
      value: "attachment; filename==?utf-8?q?x.doc?=", type: "text/plain", charset: nil,
      filename: nil, disposition: "attachment", attachment: true),
    Case(
      value: "inline; filename=plain.txt", type: "text/plain", charset: nil, filename: "plain.txt",
      disposition: "inline", attachment: false),
    Case(
      value: "attachment; filename=\"unterminated", type: "text/plain", charset: nil,
      filename: "unterminated", disposition: "attachment", attachment: true),
    Case(
      value: "attachment; filename=\"a\\\"b.txt\"", type: "text/plain", charset: nil,
      filename: "a\"b.txt", disposition: "attachment", attachment: true),
    Case(
      value: "attachment;filename=a.txt;filename=b.txt", type: "text/plain", charset: nil,
      filename: "a.txt", disposition: "attachment", attachment: true),
    Case(
      value: "attachment; FILENAME=Upper.TXT", type: "text/plain", charset: nil,
      filename: "Upper.TXT", disposition: "attachment", attachment: true),
    Case(
      value: "attachment; filename*=iso-8859-1'en'%E9t%E9.txt", type: "text/plain", charset: nil,
      filename: "été.txt", disposition: "attachment", attachment: true),
    Case(
      value: "attachment; filename*=x-unknown''%E9.txt", type: "text/plain", charset: nil,
      filename: "�.txt", disposition: "attachment", attachment: true),
    Case(
      value: "text/plain; charset*=us-ascii''utf-8", type: "text/plain", charset: "utf-8",
      filename: nil, disposition: "text/plain", attachment: false),
    Case(
      value: "multipart/mixed; boundary=\"=_abc\"", type: "multipart/mixed", charset: nil,
      filename: nil, disposition: "multipart/mixed", attachment: false),
    Case(
      value: "multipart/mixed; boundary==_abc", type: "multipart/mixed", charset: nil,
      filename: nil, disposition: "multipart/mixed", attachment: false),
    Case(
      value: "text", type: "text/plain", charset: nil, filename: nil, disposition: "text",
      attachment: false),
    Case(
      value: "text/", type: "text/", charset: nil, filename: nil, disposition: "text/",
      attachment: false),
    Case(
      value: "/plain", type: "/plain", charset: nil, filename: nil, disposition: "/plain",
      attachment: false),
    Case(
      value: "text/plain;", type: "text/plain", charset: nil, filename: nil,
      disposition: "text/plain", attachment: false),
    Case(
      value: "text/plain; ;; charset=x", type: "text/plain", charset: "x", filename: nil,
      disposition: "text/plain", attachment: false),
    Case(
      value: "\"text/plain\"", type: "\"text/plain\"", charset: nil, filename: nil,
      disposition: "\"text/plain\"", attachment: false),
    Case(
      value: "text/plain (comment); charset=(c)utf-8", type: "text/plain (comment)",
      charset: "utf-8", filename: nil, disposition: "text/plain (comment)", attachment: false),
    Case(
      value: "attachment; filename=\"  spaced.txt  \"", type: "text/plain", charset: nil,
      filename: "spaced.txt", disposition: "attachment", attachment: true),
    Case(
      value: "attachment; filename*1=\"b\"; filename*0=\"a\"", type: "text/plain", charset: nil,
      filename: "ab", disposition: "attachment", attachment: true),
    Case(
      value: "attachment; filename*0=\"a\"; filename*2=\"c\"", type: "text/plain", charset: nil,
      filename: "a", disposition: "attachment", attachment: true),
    Case(
      value: "text/plain; charset=\"utf-8", type: "text/plain", charset: "utf-8", filename: nil,
      disposition: "text/plain", attachment: false),
    Case(
      value: "attachment (c)", type: "text/plain", charset: nil, filename: nil,
      disposition: "attachment (c)", attachment: true),
    Case(
      value: "\"attachment\"; filename=x", type: "text/plain", charset: nil, filename: "x",
      disposition: "\"attachment\"", attachment: false),
    Case(
      value: "Attachment; filename=x", type: "text/plain", charset: nil, filename: "x",
      disposition: "attachment", attachment: true),
  ]

  @Test("Matches Python's Message accessors", arguments: cases)
  func matchesPython(_ c: Case) {
    let contentType = MIMEParameters.parse(c.value)
    let disposition = MIMEParameters.parse(contentDisposition: c.value)
    // get_content_type: the value lowercased, "text/plain" unless it holds exactly one "/".
    let type = contentType.value.lowercased()
    #expect((type.filter { $0 == "/" }.count == 1 ? type : "text/plain") == c.type)
    // get_content_charset: the parameter lowercased, nil when not ASCII.
    let charset = contentType["charset"].flatMap {
      $0.allSatisfy(\.isASCII) ? $0.lowercased() : nil
    }
    #expect(charset == c.charset)
    // get_filename: Content-Disposition filename, else Content-Type name, stripped.
    let filename = (disposition.collapsed("filename") ?? contentType.collapsed("name"))
      .map(PythonText.strip)
    #expect(filename == c.filename)
    #expect(disposition.value.lowercased() == c.disposition)
    #expect((disposition.dispositionToken == "attachment") == c.attachment)
  }

  @Test("Parameter lookup ignores case and keeps the first duplicate")
  func lookup() {
    let p = MIMEParameters.parse("text/plain; Charset=\"UTF-8\"; charset=latin1")
    #expect(p["CHARSET"] == "UTF-8")
    #expect(p.contains("charset"))
    #expect(!p.contains("name"))
    #expect(p.value == "text/plain")
  }

  @Test("Comments nested 10,000 deep in a parameter: Python raises, so nothing is reported")
  func deeplyNestedComment() {
    let value = "text/plain; name=" + String(repeating: "(", count: 10_000) + "x"
    let p = MIMEParameters.parse(value)
    #expect(p.parserRaised)
    #expect(p["name"] == nil)
    #expect(p.dispositionToken == nil)
  }

  @Test("Thousands of parameters and continuations")
  func manyParameters() {
    let sections = (0..<2_000).map { "name*\($0)=p\($0 % 10)" }.joined(separator: "; ")
    let p = MIMEParameters.parse("application/octet-stream; " + sections)
    let expected = (0..<2_000).map { "p\($0 % 10)" }.joined()
    #expect(p["name"] == expected)
  }
}
