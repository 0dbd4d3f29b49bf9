import Foundation
import Hummingbird
import HummingbirdTesting
import Liaison
import Testing

@testable import Web

/// HEAD answers like GET, without the body: Hummingbird 2 does not do it by itself
/// (a HEAD with no HEAD route is a 404); the router's `autoGenerateHeadEndpoints` does.
@Suite("HEAD requests")
struct HeadRequestTests {
  static let compared: [HTTPFields.Element.Name] = [
    .contentType, .contentLength, .contentDisposition, .contentSecurityPolicy,
    .xContentTypeOptions, .cacheControl, .allow, HTTPFields.Element.Name("X-Total-Count")!,
  ]

  @Test(
    "HEAD has GET's status and headers and no body",
    arguments: [
      "/", "/?q=slicing&purpose=action", "/?page=2", "/ls/LS-2026-0001", "/ls/LS-2026-0007",
      "/ls/LS-2026-0001/raw", "/ls/LS-2026-0001/attachments/0", "/ls/LS-2026-0007/attachments/0",
      "/iab", "/feeds/recent.atom", "/feeds/from/ITU-T%20SG15.atom", "/feeds/to/ccamp.atom",
      "/api/statements", "/api/statements?purpose=action&limit=2",
      "/api/statements/LS-2026-0001", "/static/site.css",
      // and the errors
      "/missing", "/ls/LS-1999-0001", "/ls/LS-2026-0002/raw", "/api/statements/LS-1999-0001",
      "/api/nothing", "/api/statements?limit=0",
    ])
  func headLikeGet(uri: String) async throws {
    try await WebTestSupport.app().test(.router) { client in
      let get = try await client.execute(uri: uri, method: .get)
      let head = try await client.execute(uri: uri, method: .head)
      #expect(head.status == get.status)
      for name in Self.compared {
        #expect(head.headers[name] == get.headers[name], "\(name)")
      }
      #expect(get.headers[.contentLength] == String(get.body.readableBytes))
      #expect(get.body.readableBytes > 0)
      #expect(head.body.readableBytes == 0)
    }
  }

  @Test("HEAD of a page over a real connection: headers with Content-Length, no body")
  func headOnTheWire() async throws {
    try await WebTestSupport.app().test(.ahc(.http)) { client in
      let get = try await client.execute(uri: "/ls/LS-2026-0001", method: .get)
      let head = try await client.execute(uri: "/ls/LS-2026-0001", method: .head)
      #expect(head.status == .ok)
      #expect(head.headers[.contentType] == "text/html; charset=utf-8")
      #expect(head.headers[.contentLength] == String(get.body.readableBytes))
      #expect(head.body.readableBytes == 0)
      // The connection is still usable: the client did not wait for a body.
      let missing = try await client.execute(uri: "/api/statements/LS-1999-0001", method: .head)
      #expect(missing.status == .notFound)
      #expect(missing.headers[.contentType] == "application/json")
      #expect(missing.body.readableBytes == 0)
    }
  }
}
