import Foundation
import Hummingbird
import HummingbirdTesting
import Liaison
import Testing

@testable import Web

@Suite("Pages: list, statement, IAB")
struct PageRouteTests {
  static let wide = WebOptions(publicURL: "https://liaisons.example.org", pageSize: 50)

  /// The ids in the order the page shows them (each row links `/ls/{id}` once by title).
  static func listedIDs(_ html: String) -> [String] {
    var ids: [String] = []
    var rest = html[...]
    while let range = rest.range(
      of: "<td class=\"c-title\" data-label=\"Statement\"><a href=\"/ls/")
    {
      let tail = rest[range.upperBound...]
      ids.append(String(tail.prefix { $0 != "\"" }))
      rest = tail
    }
    return ids
  }

  @Test("/ lists newest first, pages by the page size, and links the next page")
  func listPages() async throws {
    try await WebTestSupport.app().test(.router) { client in
      let first = try await client.execute(uri: "/", method: .get)
      #expect(first.status == .ok)
      #expect(first.headers[.contentType] == "text/html; charset=utf-8")
      let html = WebTestSupport.text(first)
      // The chair's draft LS-2026-0006 is private: not listed, not counted.
      #expect(Self.listedIDs(html) == ["LS-2026-0007", "LS-2026-0005", "LS-2026-0004"])
      #expect(html.contains("1–3 of 6 statements, newest first"))
      #expect(html.contains("href=\"/?page=2\""))
      #expect(html.contains("Page 1 of 2"))
      let last = try await client.execute(uri: "/?page=2", method: .get)
      let lastHTML = WebTestSupport.text(last)
      #expect(Self.listedIDs(lastHTML) == ["LS-2026-0001", "LS-2026-0002", "LS-2026-0003"])
      #expect(!lastHTML.contains("rel=\"next\""))
      #expect(lastHTML.contains("rel=\"prev\""))
    }
  }

  @Test(
    "/ filters by body, group, purpose, state, deadline, date range and text",
    arguments: [
      ("from=ITU-T+SG15", ["LS-2026-0001"]),
      ("to=ccamp", ["LS-2026-0001"]),
      ("purpose=action", ["LS-2026-0004", "LS-2026-0001", "LS-2026-0003"]),
      ("state=unrouted", ["LS-2026-0004"]),
      ("deadline=passed", ["LS-2026-0003"]),
      ("deadline=upcoming", ["LS-2026-0004", "LS-2026-0001"]),
      ("received_from=2026-11-20&received_to=2026-11-21", ["LS-2026-0004", "LS-2026-0001"]),
      ("q=slicing", ["LS-2026-0001"]),
      ("q=slicing&purpose=response", []),
      ("from=nobody", []),
    ])
  func listFilters(query: String, expected: [String]) async throws {
    try await WebTestSupport.app(options: Self.wide).test(.router) { client in
      let response = try await client.execute(uri: "/?" + query, method: .get)
      #expect(response.status == .ok)
      #expect(Self.listedIDs(WebTestSupport.text(response)) == expected)
    }
  }

  /// Drafts and quarantined mail are private: the public list offers no filter that could
  /// only ever find nothing, and ignores one given by hand.
  @Test("/ offers only the states a public statement can be in")
  func listOffersOnlyPublicStates() async throws {
    try await WebTestSupport.app(options: Self.wide).test(.router) { client in
      let form = WebTestSupport.text(try await client.execute(uri: "/", method: .get))
      #expect(form.contains("<option value=\"misdirected\">"))
      #expect(!form.contains("value=\"awaiting_approval\""))
      #expect(!form.contains("value=\"quarantined\""))
      let asked = WebTestSupport.text(
        try await client.execute(uri: "/?state=awaiting_approval", method: .get))
      #expect(asked.contains("Unknown state ignored."))
    }
  }

  @Test("/ keeps the filters in the form and in the paging links")
  func listKeepsFilters() async throws {
    try await WebTestSupport.app().test(.router) { client in
      let html = WebTestSupport.text(
        try await client.execute(uri: "/?purpose=action&q=LS+on", method: .get))
      #expect(html.contains("<option value=\"action\" selected>For action</option>"))
      #expect(html.contains("value=\"LS on\""))
      #expect(html.contains("<details open>"))
      #expect(html.contains("href=\"/feeds/recent.atom\""))
    }
  }

  @Test("/ ignores malformed filters, says so, and still lists")
  func listIgnoresBadFilters() async throws {
    try await WebTestSupport.app(options: Self.wide).test(.router) { client in
      let response = try await client.execute(
        uri: "/?received_from=yesterday&state=%3Cscript%3E&page=-4", method: .get)
      #expect(response.status == .ok)
      let html = WebTestSupport.text(response)
      #expect(html.contains("is not a date (YYYY-MM-DD) and was ignored"))
      #expect(html.contains("Unknown state ignored."))
      #expect(Self.listedIDs(html).count == 6)
    }
  }

  @Test("/ls/{id} shows every field with its provenance, the links and the history")
  func statementPage() async throws {
    try await WebTestSupport.app().test(.router) { client in
      let response = try await client.execute(uri: "/ls/LS-2026-0001", method: .get)
      #expect(response.status == .ok)
      let html = WebTestSupport.text(response)
      for expected in [
        "LS on OTN network slicing", "ITU-T SG15", "rapporteur@example.org", "tsbsg15@itu.int",
        "IETF CCAMP WG", "ccamp-chairs@ietf.org", "For action", "2027-03-01", "SG15-LS123",
        "&lt;ls123@itu.int&gt;", "from the attachment LS-123.pdf", "from the mail body",
        "from the mail header", "href=\"/ls/LS-2026-0001/attachments/0\">LS-123.pdf</a>",
        "application/pdf · 12 KB",
        "To names IETF CCAMP WG", "Received", "Routed", "Notified", "2026-11-20 09:15 UTC",
        "href=\"/ls/LS-2026-0001/raw\"", "href=\"/api/statements/LS-2026-0001\"",
        "SG15 asks CCAMP to comment on OTN slicing.",
      ] {
        #expect(html.contains(expected), "missing: \(expected)")
      }
      #expect(!html.contains("Overdue"))
      // Its only response is a chair's private draft: no link, no id.
      #expect(!html.contains("LS-2026-0006"))
      #expect(!html.contains("Answered by"))
    }
  }

  @Test("a private record's page, raw mail and attachments are 404s, like an unknown id")
  func privateRecordIsNotFound() async throws {
    try await WebTestSupport.app().test(.router) { client in
      for suffix in ["", "/raw", "/attachments/0"] {
        let unknown = try await client.execute(uri: "/ls/LS-1999-0001" + suffix, method: .get)
        let draft = try await client.execute(uri: "/ls/LS-2026-0006" + suffix, method: .get)
        #expect(draft.status == .notFound, "\(suffix)")
        #expect(
          WebTestSupport.text(draft).replacingOccurrences(of: "LS-2026-0006", with: "ID")
            == WebTestSupport.text(unknown).replacingOccurrences(of: "LS-1999-0001", with: "ID"),
          "\(suffix)")
      }
    }
  }

  @Test("/ls/{id} flags a proprietary file only when no readable version came with it")
  func proprietaryFlag() async throws {
    try await WebTestSupport.app().test(.router) { client in
      let docxOnly = WebTestSupport.text(
        try await client.execute(uri: "/ls/LS-2026-0002", method: .get))
      #expect(docxOnly.contains("No readable version"))
      #expect(docxOnly.contains("Proprietary format."))
      let withPDF = WebTestSupport.text(
        try await client.execute(uri: "/ls/LS-2026-0003", method: .get))
      #expect(!withPDF.contains("No readable version"))
      #expect(withPDF.contains("Overdue"))
    }
  }

  @Test("/iab lists unrouted, misdirected (with the reason), overdue, and private mail as text")
  func iabOverview() async throws {
    try await WebTestSupport.app().test(.router) { client in
      let response = try await client.execute(uri: "/iab", method: .get)
      #expect(response.status == .ok)
      let html = WebTestSupport.text(response)
      func section(_ anchor: String) -> String {
        guard let start = html.range(of: "<section id=\"\(anchor)\"") else { return "" }
        let rest = html[start.upperBound...]
        return String(rest[..<(rest.range(of: "</section>")?.lowerBound ?? rest.endIndex)])
      }
      #expect(Self.listedIDs(section("unrouted")) == ["LS-2026-0004"])
      #expect(section("unrouted").contains("no group in the registry matches"))
      #expect(Self.listedIDs(section("misdirected")) == ["LS-2026-0007", "LS-2026-0005"])
      #expect(section("misdirected").contains("concluded group pwe3 (successor pals)"))
      #expect(Self.listedIDs(section("overdue")) == ["LS-2026-0003"])
      #expect(section("overdue").contains("Overdue 53 days"))
      let held = section("private")
      #expect(Self.listedIDs(held).isEmpty)
      #expect(held.contains("LS-2026-0006"))
      #expect(held.contains("Reply to a statement"))
      #expect(held.contains("Awaiting approval"))
      #expect(held.contains("Reply to LS on OTN network slicing"))
    }
  }

  @Test("an unknown statement, path or hostile id is a 404 page, not an error")
  func notFound() async throws {
    try await WebTestSupport.app().test(.router) { client in
      for uri in [
        "/ls/LS-1999-0001", "/nothing/here", "/ls/%00", "/ls/%ZZ", "/ls/LS-2026-0001/extra",
      ] {
        let response = try await client.execute(uri: uri, method: .get)
        #expect(response.status == .notFound, "\(uri)")
        #expect(response.headers[.contentType] == "text/html; charset=utf-8", "\(uri)")
      }
      let hostile = try await client.execute(
        uri: "/ls/%3Cscript%3Ealert(1)%3C%2Fscript%3E", method: .get)
      #expect(hostile.status == .notFound)
      #expect(!WebTestSupport.text(hostile).contains("<script>"))
      #expect(WebTestSupport.text(hostile).contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
    }
  }

  @Test("the site is read-only")
  func readOnly() async throws {
    try await WebTestSupport.app().test(.router) { client in
      let response = try await client.execute(uri: "/ls/LS-2026-0001", method: .post)
      #expect(response.status == .methodNotAllowed)
      #expect(response.headers[.allow] == "GET, HEAD")
      #expect(response.headers[.contentSecurityPolicy] != nil)
    }
  }
}
