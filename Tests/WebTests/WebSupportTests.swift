import Foundation
import Hummingbird
import Liaison
import Testing

@testable import Web

@Suite("Escaping, names and policies")
struct WebSupportTests {
  @Test(
    "Content-Disposition keeps names inside the header and out of directories",
    arguments: [
      ("LS-123.pdf", "attachment; filename=\"LS-123.pdf\"; filename*=UTF-8''LS-123.pdf"),
      ("../../etc/passwd", "attachment; filename=\"passwd\"; filename*=UTF-8''passwd"),
      ("C:\\Windows\\evil.exe", "attachment; filename=\"evil.exe\"; filename*=UTF-8''evil.exe"),
      (
        "a\"b\r\nX-Injected: 1;.pdf",
        "attachment; filename=\"a_b__X-Injected_ 1_.pdf\"; filename*=UTF-8''a_b__X-Injected_%201_.pdf"
      ),
      (
        "Réponse ITU.pdf",
        "attachment; filename=\"R_ponse ITU.pdf\"; filename*=UTF-8''R%C3%A9ponse%20ITU.pdf"
      ),
      ("..", "attachment; filename=\"fallback\"; filename*=UTF-8''fallback"),
      ("", "attachment; filename=\"fallback\"; filename*=UTF-8''fallback"),
    ])
  func contentDisposition(name: String, expected: String) {
    #expect(ContentDisposition.attachment(filename: name, fallback: "fallback") == expected)
  }

  @Test("very long names are cut, keeping the extension")
  func longName() {
    let name = ContentDisposition.safeName(
      String(repeating: "x", count: 500) + ".pdf", fallback: "f")
    #expect(name.count == ContentDisposition.maximumNameLength)
    #expect(name.hasSuffix(".pdf"))
  }

  @Test("XML escaping handles markup and drops what XML 1.0 cannot carry")
  func xmlEscaping() {
    #expect(XMLEscaper.escape("a<b>&\"c'") == "a&lt;b&gt;&amp;&quot;c&apos;")
    #expect(XMLEscaper.escape("x\u{0}y\u{1B}z\u{FFFE}") == "x\u{FFFD}y\u{FFFD}z\u{FFFD}")
    #expect(XMLEscaper.escape("tab\tline\nret\r") == "tab\tline\nret\r")
  }

  @Test(
    "downloads are served as themselves only when the type is safe",
    arguments: [
      ("application/pdf", "application/pdf"), ("Application/PDF; name=x.pdf", "application/pdf"),
      ("text/html", "application/octet-stream"), ("image/svg+xml", "application/octet-stream"),
      ("text/plain; charset=iso-8859-1", "text/plain"), ("", "application/octet-stream"),
      ("application/x-evil\r\nX: 1", "application/octet-stream"),
    ])
  func servedType(recorded: String, served: String) {
    #expect(AttachmentPolicy.servedType(for: recorded) == served)
  }

  @Test("a proprietary file is flagged unless a readable file of the same name came with it")
  func proprietary() {
    func info(_ name: String, _ type: String) -> AttachmentInfo {
      AttachmentInfo(filename: name, contentType: type, size: 1, sha256: "")
    }
    let word = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    #expect(AttachmentPolicy.proprietaryWithoutReadableVersion([info("LS.docx", word)]) == [0])
    #expect(
      AttachmentPolicy.proprietaryWithoutReadableVersion([
        info("LS.docx", word), info("ls.PDF", "application/octet-stream"),
      ]) == [])
    #expect(
      AttachmentPolicy.proprietaryWithoutReadableVersion([
        info("a.pdf", "application/pdf"), info("b.xls", "application/vnd.ms-excel"),
      ]) == [1])
    #expect(AttachmentPolicy.proprietaryWithoutReadableVersion([info("a.txt", "text/plain")]) == [])
  }

  @Test("--listen takes HOST:PORT, [IPv6]:PORT and PORT")
  func listen() throws {
    #expect(try WebOptions.parseListen("127.0.0.1:8080") == ("127.0.0.1", 8080))
    #expect(try WebOptions.parseListen("[::1]:9000") == ("::1", 9000))
    #expect(try WebOptions.parseListen("8081") == ("127.0.0.1", 8081))
    for bad in ["host:port", "127.0.0.1:70000", "[::1]9000", ":80", ""] {
      #expect(throws: WebError.badListenAddress(bad)) { try WebOptions.parseListen(bad) }
    }
  }

  @Test("the public URL loses its trailing slash and defaults to the listen address")
  func publicURL() {
    #expect(WebOptions(publicURL: "https://x.example/").publicURL == "https://x.example")
    #expect(WebOptions(host: "::1", port: 8080).publicURL == "http://[::1]:8080")
  }

  @Test("days are real calendar days in UTC")
  func days() {
    #expect(CalendarDay.adding(days: 1, to: "2026-12-31") == "2027-01-01")
    #expect(CalendarDay.days(from: "2026-10-01", to: "2026-11-23") == 53)
  }

  /// The process and the store write only kinds of `EventKind.allCases` (their tests hold
  /// them to it); here each of those has words of its own on the page.
  @Test("every kind of history entry that is written has a label")
  func eventLabels() {
    for kind in EventKind.allCases {
      let label = Labels.eventLabel(kind)
      #expect(label != nil, "no label for \(kind)")
      #expect(label != kind.rawValue, "\(kind) shows raw")
    }
    let labels = EventKind.allCases.compactMap(Labels.eventLabel)
    #expect(Set(labels).count == labels.count)
    // A kind this version does not know shows as recorded (and is escaped by the template).
    #expect(Labels.event(EventKind(rawValue: "future_kind")) == "future_kind")
  }

  @Test("a GET form's fields decode '+' and percent escapes, first value wins")
  func formFields() {
    let fields = URLEncoding.formFields("q=a+b%2Bc&from=ITU-T%20SG15&q=second&empty=&=x")
    #expect(fields == ["q": "a b+c", "from": "ITU-T SG15", "empty": ""])
    #expect(URLEncoding.pathSegment("ITU-T SG15/Q12") == "ITU-T%20SG15%2FQ12")
  }

  @Test("the templates parse and an error page renders as HTML")
  func templatesRender() throws {
    let renderer = try PageRenderer(siteTitle: "Liaisons <&>")
    let response = renderer.errorPage(status: .notFound, message: "gone")
    #expect(response.status == .notFound)
    #expect(response.headers[.contentType] == "text/html; charset=utf-8")
  }

}
