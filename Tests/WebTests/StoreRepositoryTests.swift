import Foundation
import Hummingbird
import HummingbirdTesting
import Liaison
import Store
import Testing

@testable import Web

/// The pages over the real SQLite store, through `LiaisonStore+StatementRepository`.
@Suite("Pages over the SQLite store")
struct StoreRepositoryTests {
  static func seededStore() throws -> (LiaisonStore, [String: String]) {
    let store = try LiaisonStore.temporary()
    let ids = try StoreSeeding.seed(
      store, with: WebFixtures.all, raw: WebFixtures.repository.rawMessages)
    return (store, ids)
  }

  @Test(
    "the store answers the list's filters as the pages expect",
    arguments: [
      ("from=ITU-T+SG15", ["LS-2026-0001"]),
      ("to=ccamp", ["LS-2026-0001"]),
      ("purpose=action", ["LS-2026-0004", "LS-2026-0001", "LS-2026-0003"]),
      ("state=unrouted", ["LS-2026-0004"]),
      ("deadline=passed", ["LS-2026-0003"]),
      ("deadline=upcoming", ["LS-2026-0004", "LS-2026-0001"]),
      ("received_from=2026-11-20&received_to=2026-11-21", ["LS-2026-0004", "LS-2026-0001"]),
      ("q=DetNet", ["LS-2026-0003"]),
    ])
  func filters(query: String, expected: [String]) async throws {
    let (store, ids) = try Self.seededStore()
    let router = try buildRouter(
      repository: store, options: PageRouteTests.wide, now: { WebTestSupport.now })
    try await Application(router: router).test(.router) { client in
      let response = try await client.execute(uri: "/?" + query, method: .get)
      #expect(response.status == .ok)
      #expect(PageRouteTests.listedIDs(WebTestSupport.text(response)) == expected.map { ids[$0]! })
    }
  }

  @Test("statement page, attachment bytes, raw mail and JSON come from the store")
  func statementFromStore() async throws {
    let (store, ids) = try Self.seededStore()
    let id = try #require(ids["LS-2026-0001"])
    let router = try buildRouter(
      repository: store, options: PageRouteTests.wide, now: { WebTestSupport.now })
    try await Application(router: router).test(.router) { client in
      let page = try await client.execute(uri: "/ls/\(id)", method: .get)
      #expect(page.status == .ok)
      #expect(WebTestSupport.text(page).contains("LS on OTN network slicing"))
      let file = try await client.execute(uri: "/ls/\(id)/attachments/0", method: .get)
      #expect(file.headers[.contentType] == "application/pdf")
      #expect(String(buffer: file.body) == "fixture bytes of LS-123.pdf")
      let raw = try await client.execute(uri: "/ls/\(id)/raw", method: .get)
      #expect(Array(buffer: raw.body) == WebFixtures.repository.rawMessages["LS-2026-0001"])
      let json = try await client.execute(uri: "/api/statements/\(id)", method: .get)
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.sortedKeys]
      #expect(
        Array(buffer: json.body)
          == Array(
            try encoder.encode(try #require(try store.statement(id: id, scope: .publicRecord)))))
      let iab = WebTestSupport.text(try await client.execute(uri: "/iab", method: .get))
      #expect(iab.contains(ids["LS-2026-0004"]!))
    }
  }
}
