import Foundation
import Hummingbird
import HummingbirdTesting
import Liaison
import NIOCore
import Store
import Testing

@testable import Web

/// Pages, feeds and JSON come from memory while the record is unchanged (issue 19), with
/// a strong ETag, 304 on `If-None-Match` and gzip for clients that take it; a change of
/// the record by this process is seen by the next request (one by another process within
/// `RecordVersion.otherProcessBound`: `CachedPageHandlerTests`).
@Suite("Response cache, ETags and gzip")
struct ResponseCacheTests {
  static func app(_ store: LiaisonStore, options: WebOptions = PageRouteTests.wide) throws
    -> some ApplicationProtocol
  {
    Application(
      router: try buildRouter(repository: store, options: options, now: { WebTestSupport.now }))
  }

  @Test(
    "a write changes the page and its ETag; until then the ETag is answered 304",
    arguments: ["statement", "/", "/feeds/recent.atom", "/api/statements"])
  func writeThenPageChanges(page: String) async throws {
    let (store, ids) = try StoreRepositoryTests.seededStore()
    let id = try #require(ids["LS-2026-0001"])
    let uri = page == "statement" ? "/ls/\(id)" : page
    try await Self.app(store).test(.router) { client in
      let first = try await client.execute(uri: uri, method: .get)
      #expect(first.status == .ok)
      let etag = try #require(first.headers[.eTag])
      #expect(etag.hasPrefix("\"") && etag.hasSuffix("\"") && !etag.hasPrefix("W/"))
      #expect(first.headers[.cacheControl] == "public, max-age=60")
      #expect(first.headers[.vary] == "Accept-Encoding")
      #expect(first.headers[.contentLength] == String(first.body.readableBytes))

      let again = try await client.execute(uri: uri, method: .get)
      #expect(again.headers[.eTag] == etag)
      #expect(again.body == first.body)

      let unchanged = try await client.execute(
        uri: uri, method: .get, headers: [.ifNoneMatch: etag])
      #expect(unchanged.status == .notModified)
      #expect(unchanged.body.readableBytes == 0)
      #expect(unchanged.headers[.eTag] == etag)

      try store.setState(
        id: id, state: .closed, detail: "closed by hand", at: WebTestSupport.now)
      let changed = try await client.execute(
        uri: uri, method: .get, headers: [.ifNoneMatch: etag])
      #expect(changed.status == .ok, "the old ETag no longer matches")
      #expect(changed.headers[.eTag] != etag)
      #expect(changed.body != first.body)
      if page != "/feeds/recent.atom" {
        #expect(String(buffer: changed.body).contains("closed"))
      }
    }
  }

  @Test("gzip to a client that accepts it, with its own ETag; none to one that refuses it")
  func gzip() async throws {
    let (store, _) = try StoreRepositoryTests.seededStore()
    try await Self.app(store).test(.router) { client in
      let plain = try await client.execute(uri: "/", method: .get)
      let zipped = try await client.execute(
        uri: "/", method: .get, headers: [.acceptEncoding: "br;q=1.0, gzip;q=0.8"])
      #expect(zipped.status == .ok)
      #expect(zipped.headers[.contentEncoding] == "gzip")
      #expect(zipped.headers[.contentLength] == String(zipped.body.readableBytes))
      #expect(Array(zipped.body.readableBytesView.prefix(2)) == [0x1F, 0x8B])
      #expect(zipped.body.readableBytes < plain.body.readableBytes / 2)
      let plainTag = try #require(plain.headers[.eTag])
      let zippedTag = try #require(zipped.headers[.eTag])
      #expect(plainTag != zippedTag)
      #expect(zipped.headers[.contentSecurityPolicy] != nil, "security headers on cached pages")

      let notModified = try await client.execute(
        uri: "/", method: .get, headers: [.acceptEncoding: "gzip", .ifNoneMatch: zippedTag])
      #expect(notModified.status == .notModified)

      let refused = try await client.execute(
        uri: "/", method: .get, headers: [.acceptEncoding: "gzip;q=0, identity"])
      #expect(refused.headers[.contentEncoding] == nil)
      #expect(refused.body == plain.body)
    }
  }

  @Test("HEAD is answered from the cache: the GET's headers, no body")
  func head() async throws {
    let (store, _) = try StoreRepositoryTests.seededStore()
    try await Self.app(store).test(.router) { client in
      let get = try await client.execute(uri: "/", method: .get)
      let head = try await client.execute(uri: "/", method: .head)
      #expect(head.status == .ok)
      #expect(head.body.readableBytes == 0)
      #expect(head.headers[.eTag] == get.headers[.eTag])
      #expect(head.headers[.contentLength] == String(get.body.readableBytes))
    }
  }

  @Test("errors are not kept: a 404 stays a 404 and carries no ETag")
  func errorsPassThrough() async throws {
    let (store, _) = try StoreRepositoryTests.seededStore()
    try await Self.app(store).test(.router) { client in
      for _ in 0..<2 {
        let missing = try await client.execute(uri: "/ls/LS-1999-0001", method: .get)
        #expect(missing.status == .notFound)
        #expect(missing.headers[.eTag] == nil)
      }
    }
  }

  @Test("bounded in entries and bytes; a new version or day drops what was kept")
  func bounds() {
    let cache = ResponseCache(
      limits: WebCacheLimits(maximumEntries: 2, maximumBytes: 2500, maximumEntryBytes: 2000))
    let v1 = ResponseCache.Version(changes: 1, day: "2026-11-23")
    func entry(_ size: Int) -> CachedResponse {
      CachedResponse(
        headers: [.contentType: "application/octet-stream"],
        body: ByteBuffer(repeating: 0x41, count: size), compress: false)
    }
    cache.store(entry(100), for: "/a", at: v1)
    cache.store(entry(100), for: "/b", at: v1)
    cache.store(entry(100), for: "/c", at: v1)
    #expect(cache.usage.entries == 2)
    #expect(cache.entry(for: "/a", at: v1) == nil, "the oldest went first")
    #expect(cache.entry(for: "/c", at: v1) != nil)

    cache.store(entry(3000), for: "/huge", at: v1)
    #expect(cache.entry(for: "/huge", at: v1) == nil, "over the entry limit: not kept")
    cache.store(entry(1500), for: "/d", at: v1)
    cache.store(entry(1500), for: "/e", at: v1)
    #expect(cache.usage.bytes <= 2500)
    #expect(cache.entry(for: "/e", at: v1) != nil)

    let v2 = ResponseCache.Version(changes: 2, day: "2026-11-23")
    #expect(cache.entry(for: "/e", at: v2) == nil)
    cache.store(entry(10), for: "/f", at: v2)
    #expect(cache.usage.entries == 1, "the new version dropped every older page")
    cache.store(entry(10), for: "/late", at: v1)
    #expect(cache.entry(for: "/late", at: v1) == nil, "a page of an older record is not kept")
    #expect(cache.entry(for: "/f", at: v2) != nil)

    let tomorrow = ResponseCache.Version(changes: 2, day: "2026-11-24")
    #expect(cache.entry(for: "/f", at: tomorrow) == nil, "pages mark what is overdue today")
  }

  @Test("If-None-Match and Accept-Encoding as RFC 9110 reads them")
  func headerParsing() {
    typealias M = CachedResponse
    #expect(M.matches(#""a", "b""#, #""b""#))
    #expect(M.matches(#"W/"b""#, #""b""#))
    #expect(M.matches("*", #""b""#))
    #expect(!M.matches(#""ab""#, #""b""#))
    #expect(M.accepts("gzip", "deflate, gzip"))
    #expect(M.accepts("gzip", "*"))
    #expect(!M.accepts("gzip", "gzip; q=0"))
    #expect(!M.accepts("gzip", "br"))
    #expect(!M.accepts("gzip", nil))
  }
}
