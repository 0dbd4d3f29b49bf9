import Foundation
import Glibc
import Hummingbird
import HummingbirdTesting
import Liaison
import Logging
import MailBenchSupport
import NIOCore
import Store
import Synchronization
import Testing

@testable import Web

/// Cached pages are answered before the router (`CachedPageHandler`), with what the router
/// would answer; the record's version is known without a read per request
/// (`RecordVersion`), and a change is still seen: at once when this process writes,
/// within `RecordVersion.otherProcessBound` when another one does.
@Suite("Cached pages before the router, the record's version")
struct CachedPageHandlerTests {
  /// A clock that moves only when told: the version's bound is tested without waiting.
  final class ManualClock: Sendable {
    private let start = ContinuousClock.now
    private let offset = Mutex(Duration.zero)

    func now() -> ContinuousClock.Instant { start + offset.withLock { $0 } }
    func advance(by duration: Duration) { offset.withLock { $0 += duration } }
  }

  /// The store, until `breakDown()`: then every read fails, so only an answer that does not
  /// reach the router can still be a `200`.
  final class BreakableRepository: StatementRepository {
    struct Broken: Error {}
    let store: LiaisonStore
    private let broken = Mutex(false)

    init(store: LiaisonStore) {
      self.store = store
    }

    func breakDown() { broken.withLock { $0 = true } }

    private func check() throws {
      if broken.withLock({ $0 }) { throw Broken() }
    }

    func publicStatements(matching query: StatementQuery) async throws -> StatementListPage {
      try check()
      return try await store.publicStatements(matching: query)
    }
    func publicStatement(id: String) async throws -> StatementRecord? {
      try check()
      return try await store.publicStatement(id: id)
    }
    func rawMessage(id: String) async throws -> [UInt8]? {
      try check()
      return try store.rawMessage(id: id)
    }
    func attachment(sha256: String) async throws -> [UInt8]? {
      try check()
      return try store.attachment(sha256: sha256)
    }
    func publicExport() async throws -> [StatementRecord] {
      try check()
      return try await store.publicExport()
    }
    func privateMail(limit: Int) async throws -> PrivateMailPage {
      try check()
      return try await store.privateMail(limit: limit)
    }
    func withheldOutboundMail(limit: Int) async throws -> [WithheldMail] {
      try check()
      return try await store.withheldOutboundMail(limit: limit)
    }
    func intakeFailures(limit: Int) async throws -> [IntakeFailure] {
      try check()
      return try await store.intakeFailures(limit: limit)
    }
    func withheldAcknowledgements(since: Date, limit: Int) async throws
      -> WithheldAcknowledgementPage
    {
      try check()
      return try await store.withheldAcknowledgements(since: since, limit: limit)
    }
    func changeCount() async throws -> Int64 {
      try check()
      return try store.changeCount()
    }
    func onWrite(_ action: @escaping @Sendable () -> Void) { store.onWrite(action) }
  }

  static let options = WebOptions(
    host: "127.0.0.1", port: 0, publicURL: "https://liaisons.example.org", pageSize: 50)

  static func site(_ repository: some StatementRepository, clock: ManualClock) throws -> WebSite {
    try buildSite(
      repository: repository, options: options, now: { WebTestSupport.now },
      versionClock: { clock.now() })
  }

  static var logger: Logger {
    var logger = Logger(label: "cached-page-test")
    logger.logLevel = .warning
    return logger
  }

  /// The fields of `headers` but `Date`, in order (the second may turn between two answers).
  static func fields(_ headers: HTTPFields) -> [String] {
    headers.filter { $0.name != .date }.map { "\($0.name): \($0.value)" }
  }

  @Test(
    "over a socket, a cached page is answered without the router: the same bytes and headers",
    arguments: ["/", "statement", "/feeds/recent.atom", "/api/statements"])
  func answeredBeforeTheRouter(page: String) async throws {
    let (store, ids) = try StoreRepositoryTests.seededStore()
    let uri = page == "statement" ? "/ls/\(try #require(ids["LS-2026-0001"]))" : page
    let repository = BreakableRepository(store: store)
    let site = try Self.site(repository, clock: ManualClock())
    let pages = site.pages
    let app = buildApplication(site: site, options: Self.options, logger: Self.logger)
    try await app.test(.live) { client in
      let rendered = try await client.execute(uri: uri, method: .get)
      #expect(rendered.status == .ok)
      #expect(pages.answered == 0, "each was rendered by the router")
      repository.breakDown()
      let uncached = try await client.execute(uri: "/?page=2", method: .get)
      #expect(uncached.status == .internalServerError, "the router can no longer read the record")

      let cached = try await client.execute(uri: uri, method: .get)
      #expect(cached.status == .ok)
      #expect(cached.body == rendered.body)
      #expect(Self.fields(cached.headers) == Self.fields(rendered.headers))
      #expect(cached.headers[.date] != nil)
      #expect(cached.headers[.server] == "liaisond")
      #expect(cached.headers[.contentSecurityPolicy] == SecurityHeaders.contentSecurityPolicy)
      #expect(cached.headers[.xContentTypeOptions] == "nosniff")

      let zipped = try await client.execute(
        uri: uri, method: .get, headers: [.acceptEncoding: "gzip"])
      #expect(zipped.status == .ok)
      #expect(zipped.headers[.contentEncoding] == "gzip")
      #expect(Array(zipped.body.readableBytesView.prefix(2)) == [0x1F, 0x8B])
      #expect(zipped.headers[.contentLength] == String(zipped.body.readableBytes))
      #expect(zipped.headers[.eTag] != rendered.headers[.eTag])
      #expect(zipped.headers[.contentSecurityPolicy] != nil)

      let head = try await client.execute(uri: uri, method: .head)
      #expect(head.status == .ok)
      #expect(head.body.readableBytes == 0)
      #expect(Self.fields(head.headers) == Self.fields(rendered.headers))

      let etag = try #require(rendered.headers[.eTag])
      let notModified = try await client.execute(
        uri: uri, method: .get, headers: [.ifNoneMatch: etag])
      #expect(notModified.status == .notModified)
      #expect(notModified.body.readableBytes == 0)
      #expect(notModified.headers[.eTag] == etag)
      #expect(notModified.headers[.cacheControl] == "public, max-age=60")
      #expect(notModified.headers[.contentSecurityPolicy] != nil)
      #expect(pages.answered == 4, "none of the last four reached the router")
    }
  }

  @Test("pipelined requests are answered in order when the first goes to the router")
  func pipelinedInOrder() async throws {
    let (store, _) = try StoreRepositoryTests.seededStore()
    let site = try Self.site(store, clock: ManualClock())
    let app = buildApplication(site: site, options: Self.options, logger: Self.logger)
    try await app.test(.live) { client in
      let cached = try await client.execute(uri: "/", method: .get)
      let port = try #require(client.port)
      let answers = try await Self.pipelined(
        port: port,
        "GET /feeds/recent.atom HTTP/1.1\r\nHost: localhost\r\n\r\n"
          + "GET / HTTP/1.1\r\nHost: localhost\r\n\r\n")
      #expect(answers.count == 2, "\(answers)")
      #expect(answers.first?.contains("Content-Type: application/atom+xml") == true)
      #expect(answers.last?.contains("ETag: \(try #require(cached.headers[.eTag]))") == true)
    }
  }

  /// Writes `requests` at once on one connection and returns the heads of the first two
  /// answers (each read to the end of its `Content-Length`).
  static func pipelined(port: Int, _ requests: String) async throws -> [String] {
    let socket = try #require(LoopbackSocket.connect(port: port))
    defer { close(socket) }
    // Generous: under the whole suite an uncached render can wait long for a core; a hang
    // still ends the test.
    LoopbackSocket.receiveTimeout(socket, seconds: 120)
    let bytes = Array(requests.utf8)
    #expect(send(socket, bytes, bytes.count, 0) == bytes.count, "both requests in one write")
    return try await LoopbackSocket.offThePool {
      var received: [UInt8] = []
      var heads: [String] = []
      var buffer = [UInt8](repeating: 0, count: 65536)
      while heads.count < 2 {
        let count = recv(socket, &buffer, buffer.count, 0)
        if count <= 0 { break }
        received += buffer[..<count]
        while let end = received.firstRange(of: Array("\r\n\r\n".utf8)) {
          let head = String(decoding: received[..<end.lowerBound], as: UTF8.self)
          let length =
            head.split(separator: "\r\n").first { $0.lowercased().hasPrefix("content-length:") }
            .flatMap { Int($0.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)) }
            ?? 0
          guard received.count >= end.upperBound + length else { break }
          heads.append(head)
          received.removeFirst(end.upperBound + length)
        }
      }
      return heads
    }
  }

  @Test("the answer before the router is the middleware's, field for field")
  func sameAnswerAsTheMiddleware() async throws {
    let (store, _) = try StoreRepositoryTests.seededStore()
    let site = try Self.site(store, clock: ManualClock())
    let variants: [HTTPFields] = [
      [:], [.acceptEncoding: "gzip, br"], [.acceptEncoding: "gzip;q=0"],
    ]
    let pages = site.pages
    try await Application(router: site.router).test(.router) { client in
      for headers in variants {
        let routed = try await client.execute(uri: "/", method: .get, headers: headers)
        var request = HTTPRequest(method: .get, scheme: nil, authority: nil, path: "/")
        request.headerFields = headers
        let (response, body) = try #require(
          pages.answer(to: request, serverName: WebLimits.serverName))
        #expect(response.status == routed.status)
        #expect(body == routed.body)
        let fast = Self.fields(response.headerFields).filter { !$0.hasPrefix("Server:") }
        #expect(fast == Self.fields(routed.headers).filter { !$0.hasPrefix("Server:") })
      }
      var head = HTTPRequest(method: .head, scheme: nil, authority: nil, path: "/")
      head.headerFields = [:]
      let (response, body) = try #require(pages.answer(to: head, serverName: nil))
      #expect(response.status == .ok)
      #expect(body == nil, "a HEAD has no body")
      var close = HTTPRequest(method: .get, scheme: nil, authority: nil, path: "/")
      close.headerFields = [.connection: "close"]
      #expect(pages.answer(to: close, serverName: nil) == nil, "closing is the router's")
      let post = HTTPRequest(method: .post, scheme: nil, authority: nil, path: "/")
      #expect(pages.answer(to: post, serverName: nil) == nil)
      let unseen = HTTPRequest(method: .get, scheme: nil, authority: nil, path: "/?page=9")
      #expect(pages.answer(to: unseen, serverName: nil) == nil)
    }
  }

  @Test("a write by another process is seen once the bound has passed, not before")
  func anotherProcessWithinTheBound() async throws {
    let (store, ids) = try StoreRepositoryTests.seededStore()
    let other = try LiaisonStore(directory: store.directory)
    let id = try #require(ids["LS-2026-0001"])
    let clock = ManualClock()
    let site = try Self.site(store, clock: clock)
    try await Application(router: site.router).test(.router) { client in
      let before = try await client.execute(uri: "/ls/\(id)", method: .get)
      #expect(!String(buffer: before.body).contains(Labels.state(.closed)))
      try other.setState(id: id, state: .closed, detail: "by the CLI", at: WebTestSupport.now)
      clock.advance(by: RecordVersion.otherProcessBound / 2)
      let early = try await client.execute(uri: "/ls/\(id)", method: .get)
      #expect(early.headers[.eTag] == before.headers[.eTag], "within the bound: still cached")
      clock.advance(by: RecordVersion.otherProcessBound / 2)
      let after = try await client.execute(uri: "/ls/\(id)", method: .get)
      #expect(String(buffer: after.body).contains(Labels.state(.closed)))
      #expect(after.headers[.eTag] != before.headers[.eTag])
    }
  }

  @Test("a write by this process is seen by the next request, the clock standing still")
  func thisProcessAtOnce() async throws {
    let (store, ids) = try StoreRepositoryTests.seededStore()
    let id = try #require(ids["LS-2026-0001"])
    let site = try Self.site(store, clock: ManualClock())
    let pages = site.pages
    try await Application(router: site.router).test(.router) { client in
      let before = try await client.execute(uri: "/ls/\(id)", method: .get)
      var request = HTTPRequest(method: .get, scheme: nil, authority: nil, path: "/ls/\(id)")
      request.headerFields = [:]
      #expect(pages.answer(to: request, serverName: nil) != nil)
      try store.setState(id: id, state: .closed, detail: "by hand", at: WebTestSupport.now)
      #expect(pages.answer(to: request, serverName: nil) == nil, "the version must be read")
      let after = try await client.execute(uri: "/ls/\(id)", method: .get)
      #expect(String(buffer: after.body).contains(Labels.state(.closed)))
      #expect(after.headers[.eTag] != before.headers[.eTag])
      let (_, body) = try #require(pages.answer(to: request, serverName: nil))
      #expect(body == after.body, "the new page is answered before the router again")
    }
  }

  @Test("the version is read once per bound, again after a write of this process")
  func versionReads() async throws {
    let reads = Mutex(0)
    let clock = ManualClock()
    let version = RecordVersion(
      clock: { clock.now() }, today: { "2026-12-07" },
      readChanges: {
        reads.withLock {
          $0 += 1; return Int64($0)
        }
      })
    #expect(version.known() == nil)
    let first = try await version.current()
    #expect(first.changes == 1)
    #expect(version.known() == first)
    clock.advance(by: RecordVersion.otherProcessBound - .milliseconds(1))
    #expect(try await version.current() == first)
    #expect(reads.withLock { $0 } == 1)
    version.recordWritten()
    #expect(version.known() == nil)
    let second = try await version.current()
    #expect(second.changes == 2)
    clock.advance(by: .milliseconds(1))
    #expect(version.known() == second, "the bound counts from the last read")
    clock.advance(by: RecordVersion.otherProcessBound)
    #expect(version.known() == nil)
    #expect(try await version.current().changes == 3)
  }

  @Test("the Date header as RFC 9110 writes it")
  func httpDate() {
    #expect(HTTPDate.format(1_796_665_361) == "Mon, 07 Dec 2026 17:42:41 GMT")
    #expect(HTTPDate.format(0) == "Thu, 01 Jan 1970 00:00:00 GMT")
  }
}
