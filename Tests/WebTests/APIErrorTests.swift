import Foundation
import Hummingbird
import HummingbirdTesting
import Liaison
import Store
import Testing

@testable import Web

/// Errors under `/api` are JSON, `{"error": "...", "status": N}`; the pages keep HTML.
@Suite("API: JSON errors, search parameters")
struct APIErrorTests {
  struct ErrorBody: Decodable, Equatable {
    var error: String
    var status: Int
  }

  /// A repository whose every read fails, as a broken disk would make it.
  struct FailingRepository: StatementRepository {
    struct Broken: Error, CustomStringConvertible {
      var description: String { "SQLITE_IOERR at /var/lib/liaisond/secret.sqlite" }
    }
    func publicStatements(matching query: StatementQuery) async throws -> StatementListPage {
      throw Broken()
    }
    func publicStatement(id: String) async throws -> StatementRecord? { throw Broken() }
    func rawMessage(id: String) async throws -> [UInt8]? { throw Broken() }
    func attachment(sha256: String) async throws -> [UInt8]? { throw Broken() }
    func publicExport() async throws -> [StatementRecord] { throw Broken() }
    func privateMail(limit: Int) async throws -> PrivateMailPage { throw Broken() }
    func changeCount() async throws -> Int64 { throw Broken() }
    func onWrite(_ action: @escaping @Sendable () -> Void) {}
  }

  /// The response is JSON error of `status`; returns its message.
  static func jsonError(_ response: TestResponse, _ status: HTTPResponse.Status) throws -> String {
    #expect(response.status == status)
    #expect(response.headers[.contentType] == "application/json")
    #expect(response.headers[.contentLength] == String(response.body.readableBytes))
    #expect(response.headers[.contentSecurityPolicy] != nil)
    let body = try JSONDecoder().decode(ErrorBody.self, from: Data(Array(buffer: response.body)))
    #expect(body.status == Int(status.code))
    #expect(!body.error.isEmpty)
    return body.error
  }

  static func ids(_ response: TestResponse) throws -> [String] {
    try JSONDecoder().decode([StatementRecord].self, from: Data(Array(buffer: response.body)))
      .map(\.id)
  }

  @Test("an unknown statement id is a JSON 404 that names the id")
  func unknownStatement() async throws {
    try await WebTestSupport.app().test(.router) { client in
      let response = try await client.execute(uri: "/api/statements/LS-1999-0001", method: .get)
      let message = try Self.jsonError(response, .notFound)
      #expect(message == "No statement has the id LS-1999-0001.")
      #expect(
        String(buffer: response.body)
          == #"{"error":"No statement has the id LS-1999-0001.","status":404}"#)
    }
  }

  @Test(
    "an unknown /api path or undecodable id is a JSON 404",
    arguments: [
      "/api", "/api/", "/api/nothing", "/api/statements/LS-2026-0001/extra", "/api/statements/%00",
      "/api/statements/%ZZ", "/api/feeds/recent.atom",
    ])
  func unknownPath(uri: String) async throws {
    try await WebTestSupport.app().test(.router) { client in
      let message = try Self.jsonError(
        try await client.execute(uri: uri, method: .get), .notFound)
      #expect(message.contains("API"))
    }
  }

  @Test(
    "a bad query parameter is a JSON 400 that names it",
    arguments: [
      ("purpose=urgent", "purpose"), ("state=lost", "state"), ("state=awaiting_approval", "state"),
      ("state=quarantined", "state"), ("kind=spam", "kind"),
      ("deadline=soon", "deadline"), ("received_from=2026-13-01", "received_from"),
      ("received_to=yesterday", "received_to"), ("limit=0", "limit"), ("limit=1001", "limit"),
      ("limit=ten", "limit"), ("offset=-1", "offset"), ("colour=red", "colour"),
      ("from=a&from=b", "from"), ("to=%ZZ", "to"), ("from=%01x", "from"),
      ("q=" + String(repeating: "x", count: 201), "q"), ("=x", "name"),
    ])
  func badParameter(query: String, named: String) async throws {
    try await WebTestSupport.app().test(.router) { client in
      let message = try Self.jsonError(
        try await client.execute(uri: "/api/statements?" + query, method: .get), .badRequest)
      #expect(message.contains(named), "\(message)")
    }
  }

  @Test("an unknown parameter's name is cut short in the message")
  func longUnknownName() async throws {
    try await WebTestSupport.app().test(.router) { client in
      let name = String(repeating: "n", count: 150)
      let message = try Self.jsonError(
        try await client.execute(uri: "/api/statements?\(name)=1", method: .get), .badRequest)
      #expect(!message.contains(name))
      #expect(message.contains(String(repeating: "n", count: APIQuery.quotedLength) + "…"))
    }
  }

  @Test("/api/statements/{id} takes no query parameters")
  func oneTakesNoParameters() async throws {
    try await WebTestSupport.app().test(.router) { client in
      let response = try await client.execute(
        uri: "/api/statements/LS-2026-0001?fields=title", method: .get)
      #expect(try Self.jsonError(response, .badRequest).contains("no query parameters"))
    }
  }

  @Test(
    "a method that would change the record is a JSON 405 with Allow",
    arguments: [HTTPRequest.Method.post, .put, .patch, .delete, .options])
  func wrongMethod(method: HTTPRequest.Method) async throws {
    try await WebTestSupport.app().test(.router) { client in
      for uri in ["/api/statements", "/api/statements/LS-2026-0001"] {
        let response = try await client.execute(uri: uri, method: method, body: ByteBuffer())
        #expect(try Self.jsonError(response, .methodNotAllowed).contains("read-only"))
        #expect(response.headers[.allow] == "GET, HEAD")
      }
    }
  }

  @Test("the pages keep HTML errors: 404, 405 with Allow")
  func pagesStayHTML() async throws {
    try await WebTestSupport.app().test(.router) { client in
      let missing = try await client.execute(uri: "/apinothing", method: .get)
      #expect(missing.status == .notFound)
      #expect(missing.headers[.contentType] == "text/html; charset=utf-8")
      for uri in ["/", "/ls/LS-2026-0001", "/feeds/recent.atom", "/iab", "/static/site.css"] {
        let response = try await client.execute(uri: uri, method: .delete)
        #expect(response.status == .methodNotAllowed, "\(uri)")
        #expect(response.headers[.contentType] == "text/html; charset=utf-8", "\(uri)")
        #expect(response.headers[.allow] == "GET, HEAD", "\(uri)")
        #expect(WebTestSupport.text(response).contains("This site is read-only."))
      }
    }
  }

  @Test("a failing store is a 500: JSON under /api, HTML elsewhere, no internal text")
  func internalError() async throws {
    try await WebTestSupport.app(FailingRepository()).test(.router) { client in
      for uri in ["/api/statements", "/api/statements?purpose=action", "/api/statements/LS-1"] {
        let response = try await client.execute(uri: uri, method: .get)
        let message = try Self.jsonError(response, .internalServerError)
        #expect(!message.contains("SQLITE"))
        #expect(!String(buffer: response.body).contains("secret"))
      }
      let page = try await client.execute(uri: "/", method: .get)
      #expect(page.status == .internalServerError)
      #expect(page.headers[.contentType] == "text/html; charset=utf-8")
      #expect(!WebTestSupport.text(page).contains("SQLITE"))
    }
  }

  @Test(
    "/api/statements searches with the list's filters, newest first",
    arguments: [
      ("purpose=action", ["LS-2026-0004", "LS-2026-0001", "LS-2026-0003"]),
      ("to=ccamp", ["LS-2026-0001"]),
      ("state=misdirected", ["LS-2026-0007", "LS-2026-0005"]),
      // A chair's draft is private: no kind of query finds it.
      ("kind=reply_to_statement", []),
      ("deadline=passed", ["LS-2026-0003"]),
      ("received_from=2026-11-20&received_to=2026-11-21", ["LS-2026-0004", "LS-2026-0001"]),
      ("q=slicing&purpose=", ["LS-2026-0001"]),
      ("from=nobody", []),
    ])
  func search(query: String, expected: [String]) async throws {
    try await WebTestSupport.app().test(.router) { client in
      let response = try await client.execute(uri: "/api/statements?" + query, method: .get)
      #expect(response.status == .ok)
      #expect(response.headers[.contentType] == "application/json")
      #expect(try Self.ids(response) == expected)
      #expect(
        response.headers[APIController<InMemoryStatementRepository>.totalCountHeader]
          == String(expected.count))
    }
  }

  @Test("limit and offset give one page; X-Total-Count counts every match")
  func paging() async throws {
    try await WebTestSupport.app().test(.router) { client in
      let page = try await client.execute(uri: "/api/statements?limit=2&offset=1", method: .get)
      #expect(try Self.ids(page) == ["LS-2026-0005", "LS-2026-0004"])
      #expect(
        page.headers[APIController<InMemoryStatementRepository>.totalCountHeader]
          == String(WebFixtures.all.filter(\.statement.kind.isPublic).count))
    }
  }

  @Test(
    "without limit one page of 100 comes back with a Link to the next; following the links gives every match once"
  )
  func everyMatch() async throws {
    let count = APIQuery.maximumLimit * 2 + 10
    let records = (0..<count).map { n in
      var record = WebFixtures.sg15
      record.id = "LS-2025-" + String(n + 1)
      record.receivedAt = "2025-01-01T00:00:00Z"
      return record
    }
    try await WebTestSupport.app(InMemoryStatementRepository(records: records)).test(.router) {
      client in
      typealias API = APIController<InMemoryStatementRepository>
      let first = try await client.execute(uri: "/api/statements?purpose=action", method: .get)
      #expect(try Self.ids(first).count == 100)
      #expect(first.headers[API.totalCountHeader] == String(count))
      #expect(
        first.headers[API.linkHeader]
          == "</api/statements?purpose=action&limit=100&offset=100>; rel=\"next\"")
      var ids = try Self.ids(first)
      var link = first.headers[API.linkHeader]
      var pages = 1
      while let next = link {
        let uri = String(next.dropFirst().prefix { $0 != ">" })
        let page = try await client.execute(uri: uri, method: .get)
        ids += try Self.ids(page)
        link = page.headers[API.linkHeader]
        pages += 1
      }
      #expect(pages == 21, "2,010 statements in pages of 100")
      #expect(ids.count == count)
      #expect(Set(ids).count == count)
    }
  }
}
