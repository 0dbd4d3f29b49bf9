import Foundation
import Hummingbird
import HummingbirdTesting
import Liaison
import Testing

@testable import Web

@Suite("Atom feeds (RFC 4287)")
struct AtomFeedTests {
  static let atomNamespace = "http://www.w3.org/2005/Atom"

  /// The RFC 4287 §4.1.1 / §4.1.2 MUSTs: feed id, title, updated, an author on the feed
  /// or on every entry, at most one alternate link per type; entry id, title, updated,
  /// and a link rel=alternate (as there is no content element).
  static func checkRequired(_ feed: XMLNode) -> [String] {
    var problems: [String] = []
    if feed.name != "feed" { problems.append("root is \(feed.name)") }
    for name in ["id", "title", "updated"] where feed.all(name).count != 1 {
      problems.append("feed needs exactly one \(name)")
    }
    if let updated = feed.first("updated"), !Timestamp.isRFC3339(updated.text) {
      problems.append("feed updated is not RFC 3339: \(updated.text)")
    }
    let feedHasAuthor = feed.first("author")?.first("name").map { !$0.text.isEmpty } ?? false
    if !feed.all("link").contains(where: { $0.attributes["rel"] == "self" }) {
      problems.append("feed has no rel=self link")
    }
    for entry in feed.all("entry") {
      for name in ["id", "title", "updated"] where entry.all(name).count != 1 {
        problems.append("entry needs exactly one \(name)")
      }
      if let updated = entry.first("updated"), !Timestamp.isRFC3339(updated.text) {
        problems.append("entry updated is not RFC 3339: \(updated.text)")
      }
      if !feedHasAuthor, entry.all("author").isEmpty {
        problems.append("entry without author in a feed without author")
      }
      if entry.first("content") == nil,
        !entry.all("link").contains(where: { $0.attributes["rel"] == "alternate" })
      {
        problems.append("entry without content has no rel=alternate link")
      }
      if let id = entry.first("id")?.text, URL(string: id)?.scheme == nil {
        problems.append("entry id is not an IRI: \(id)")
      }
    }
    return problems
  }

  static func feed(_ uri: String) async throws -> (TestResponse, XMLNode) {
    try await WebTestSupport.app(options: PageRouteTests.wide).test(.router) { client in
      let response = try await client.execute(uri: uri, method: .get)
      let root = try XMLNode.parse(Data(Array(buffer: response.body))).get()
      return (response, root)
    }
  }

  @Test(
    "every feed parses and has the RFC 4287 required elements",
    arguments: [
      ("/feeds/recent.atom", 6), ("/feeds/from/ITU-T%20SG15.atom", 1), ("/feeds/to/ccamp.atom", 1),
      ("/feeds/from/nobody.atom", 0), ("/feeds/from/%3Cscript%3E.atom", 0),
    ])
  func requiredElements(uri: String, entries: Int) async throws {
    let (response, root) = try await Self.feed(uri)
    #expect(response.status == .ok)
    #expect(response.headers[.contentType] == "application/atom+xml; charset=utf-8")
    #expect(Self.checkRequired(root) == [])
    #expect(root.all("entry").count == entries)
  }

  @Test("a feed names itself and its entries by the public URL")
  func identifiers() async throws {
    let (_, root) = try await Self.feed("/feeds/from/ITU-T%20SG15.atom")
    #expect(root.first("id")?.text == "https://liaisons.example.org/feeds/from/ITU-T%20SG15.atom")
    #expect(root.first("title")?.text == "IETF Liaison Statements: statements from ITU-T SG15")
    let alternate = root.all("link").first { $0.attributes["rel"] == "alternate" }
    #expect(alternate?.attributes["href"] == "https://liaisons.example.org/?from=ITU-T%20SG15")
    let entry = try #require(root.first("entry"))
    #expect(entry.first("id")?.text == "https://liaisons.example.org/ls/LS-2026-0001")
    #expect(entry.first("title")?.text == "LS-2026-0001: LS on OTN network slicing")
    #expect(entry.first("updated")?.text == "2026-11-20T09:15:02Z")
    #expect(entry.first("published")?.text == "2026-11-20T09:15:00Z")
    #expect(entry.first("author")?.first("name")?.text == "ITU-T SG15")
    #expect(entry.first("category")?.attributes["term"] == "action")
    #expect(entry.first("summary")?.text.contains("Deadline: 2027-03-01") == true)
    #expect(root.first("updated")?.text == "2026-11-20T09:15:02Z")
  }

  @Test("hostile values are text in the feed, and control characters do not break it")
  func hostileEntry() async throws {
    let (_, root) = try await Self.feed("/feeds/recent.atom")
    let entry = try #require(
      root.all("entry").first { $0.first("id")?.text.hasSuffix("LS-2026-0007") == true })
    let title = try #require(entry.first("title")?.text)
    #expect(title.contains("<script>document.body.setAttribute('data-pwned','1')</script>"))
    #expect(!title.unicodeScalars.contains { $0.value == 1 })
    #expect(entry.first("author")?.first("name")?.text == WebFixtures.hostileFrom)
    #expect(entry.first("category")?.attributes["term"] == "<b onclick=alert(7)>x</b>")
    #expect(
      entry.children.allSatisfy {
        ["id", "title", "updated", "published", "link", "author", "category", "summary"].contains(
          $0.name)
      })
  }

  @Test("an empty feed still carries an updated time")
  func emptyFeed() async throws {
    let (_, root) = try await Self.feed("/feeds/to/nosuchgroup.atom")
    #expect(root.all("entry").isEmpty)
    #expect(root.first("updated")?.text.hasPrefix("2026-11-23T12:00:00") == true)
  }
}
