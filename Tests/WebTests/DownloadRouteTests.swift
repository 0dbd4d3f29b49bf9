import Foundation
import Hummingbird
import HummingbirdTesting
import Liaison
import Testing

@testable import Web

@Suite("Downloads, raw mail, headers, JSON API")
struct DownloadRouteTests {
  @Test("an attachment downloads with its type, a safe name and its exact bytes")
  func attachmentDownload() async throws {
    try await WebTestSupport.app().test(.router) { client in
      let response = try await client.execute(uri: "/ls/LS-2026-0001/attachments/0", method: .get)
      #expect(response.status == .ok)
      #expect(response.headers[.contentType] == "application/pdf")
      #expect(
        response.headers[.contentDisposition]
          == "attachment; filename=\"LS-123.pdf\"; filename*=UTF-8''LS-123.pdf")
      #expect(Array(buffer: response.body) == Array("%PDF-1.4 fixture".utf8))
    }
  }

  @Test("a hostile attachment is an octet-stream with a harmless name")
  func hostileAttachment() async throws {
    try await WebTestSupport.app().test(.router) { client in
      let response = try await client.execute(uri: "/ls/LS-2026-0007/attachments/0", method: .get)
      #expect(response.status == .ok)
      #expect(response.headers[.contentType] == "application/octet-stream")
      let disposition = try #require(response.headers[.contentDisposition])
      #expect(disposition.hasPrefix("attachment; filename=\""))
      // The only quotes are the two around the ASCII fallback.
      #expect(disposition.filter { $0 == "\"" }.count == 2)
      #expect(!disposition.contains("<") && !disposition.contains("\r"))
    }
  }

  @Test(
    "an attachment is found by statement and index only",
    arguments: [
      "/ls/LS-2026-0007/attachments/1",  // its sha256 is a path: never handed to the store
      "/ls/LS-2026-0001/attachments/1", "/ls/LS-2026-0001/attachments/-1",
      "/ls/LS-2026-0001/attachments/..%2F..%2Fetc%2Fpasswd", "/ls/LS-2026-0003/attachments/0",
      "/ls/LS-2026-9999/attachments/0",
    ])
  func attachmentNotFound(uri: String) async throws {
    try await WebTestSupport.app().test(.router) { client in
      let response = try await client.execute(uri: uri, method: .get)
      #expect(response.status == .notFound)
      #expect(response.headers[.contentType] == "text/html; charset=utf-8")
    }
  }

  @Test("the raw mail is plain text, byte for byte")
  func rawMail() async throws {
    try await WebTestSupport.app().test(.router) { client in
      let response = try await client.execute(uri: "/ls/LS-2026-0007/raw", method: .get)
      #expect(response.status == .ok)
      #expect(response.headers[.contentType] == "text/plain; charset=utf-8")
      #expect(
        Array(buffer: response.body)
          == Array(
            "Subject: <script>alert(1)</script>\r\n\r\n<html><script>alert(2)</script>\r\n".utf8))
      let missing = try await client.execute(uri: "/ls/LS-2026-0002/raw", method: .get)
      #expect(missing.status == .notFound)
    }
  }

  @Test(
    "every response carries the CSP, nosniff and Referrer-Policy",
    arguments: [
      "/", "/?q=x", "/ls/LS-2026-0001", "/ls/LS-2026-0001/raw", "/ls/LS-2026-0001/attachments/0",
      "/iab", "/feeds/recent.atom", "/feeds/from/ITU-T%20SG15.atom", "/feeds/to/ccamp.atom",
      "/api/statements", "/api/statements/LS-2026-0001", "/static/site.css", "/missing",
      "/ls/LS-0000",
    ])
  func securityHeaders(uri: String) async throws {
    try await WebTestSupport.app().test(.router) { client in
      let response = try await client.execute(uri: uri, method: .get)
      #expect(
        response.headers[.contentSecurityPolicy]
          == "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
      )
      #expect(response.headers[.xContentTypeOptions] == "nosniff")
      #expect(response.headers[HTTPFields.Element.Name("Referrer-Policy")!] == "same-origin")
    }
  }

  @Test(
    "/api/statements is the export JSON of the newest page, sorted keys, and decodes back to the records"
  )
  func apiList() async throws {
    try await WebTestSupport.app().test(.router) { client in
      let response = try await client.execute(uri: "/api/statements", method: .get)
      #expect(response.status == .ok)
      #expect(response.headers[.contentType] == "application/json")
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.sortedKeys]
      // The public record: without the chair's draft, nor the link to it.
      var sg15 = WebFixtures.sg15
      sg15.responses = []
      // Newest first, as every search: one page of at most 100.
      let published = WebFixtures.all.filter { $0.id != WebFixtures.reply.id }.map {
        $0.id == sg15.id ? sg15 : $0
      }.sorted { ($0.receivedAt, $0.id) > ($1.receivedAt, $1.id) }
      #expect(published.count == WebFixtures.all.count - 1)
      let expected = try encoder.encode(published)
      #expect(Array(buffer: response.body) == Array(expected))
      let decoded = try JSONDecoder().decode(
        [StatementRecord].self, from: Data(Array(buffer: response.body)))
      #expect(decoded == published)
    }
  }

  @Test("/api/statements/{id} is one record's JSON")
  func apiOne() async throws {
    try await WebTestSupport.app().test(.router) { client in
      let response = try await client.execute(uri: "/api/statements/LS-2026-0007", method: .get)
      #expect(response.status == .ok)
      let decoded = try JSONDecoder().decode(
        StatementRecord.self, from: Data(Array(buffer: response.body)))
      #expect(decoded == WebFixtures.hostile)
      let object = try #require(
        try JSONSerialization.jsonObject(with: Data(Array(buffer: response.body))) as? [String: Any]
      )
      #expect(object["id"] as? String == "LS-2026-0007")
      #expect(object["received_at"] as? String == "2026-11-23T07:00:00Z")
      #expect(object["answers"] is NSNull)
    }
  }

  @Test("the stylesheet is served from the binary as CSS")
  func stylesheet() async throws {
    try await WebTestSupport.app().test(.router) { client in
      let response = try await client.execute(uri: "/static/site.css", method: .get)
      #expect(response.status == .ok)
      #expect(response.headers[.contentType] == "text/css; charset=utf-8")
      #expect(WebTestSupport.text(response).contains("@media (max-width: 44rem)"))
    }
  }

  @Test(
    "hostile record values appear escaped, never as markup",
    arguments: ["/ls/LS-2026-0007", "/", "/iab", "/?q=Hostile"])
  func hostileEscaped(uri: String) async throws {
    try await WebTestSupport.app(options: PageRouteTests.wide).test(.router) { client in
      let html = WebTestSupport.text(try await client.execute(uri: uri, method: .get))
      #expect(html.contains("&lt;script&gt;document.body.setAttribute("))
      for markup in [
        "<script", "<img", "<svg", "<iframe", "<marquee", "<style", "<b ", "<form action",
      ] {
        #expect(!html.contains(markup), "\(uri) contains \(markup)")
      }
    }
  }
}
