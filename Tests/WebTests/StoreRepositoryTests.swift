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

  /// A public statement quoting a command address (SPEC: tokens are never public): the page,
  /// the API, the feeds, the export and the search answer without it.
  @Test("no public surface shows a command address a statement quotes")
  func commandAddressesAreCutEverywhere() async throws {
    let token = "k7q3x9m2fpwdq"
    let respond = "liaison-coordination+ls-2026-0001.\(token)@iab.org"
    var quoting = WebFixtures.all[0]
    quoting.statement.title = "LS quoting \(respond)"
    quoting.statement.body = "Answer to \(respond) please; the slicing text follows."
    quoting.statement.sendReplyTo = respond
    let store = try LiaisonStore.temporary(gatewayAddresses: ["liaison-coordination@iab.org"])
    let id = try #require(try StoreSeeding.seed(store, with: [quoting])[quoting.id])
    let router = try buildRouter(
      repository: store, options: PageRouteTests.wide, now: { WebTestSupport.now })
    try await Application(router: router).test(.router) { client in
      for uri in [
        "/ls/\(id)", "/", "/?q=slicing", "/api/statements/\(id)", "/api/statements",
        "/api/statements?q=slicing", "/feeds/recent.atom", "/feeds/to/ccamp.atom",
      ] {
        let response = try await client.execute(uri: uri, method: .get)
        #expect(response.status == .ok, "\(uri)")
        let text = WebTestSupport.text(response)
        #expect(!text.contains(token), "\(uri)")
        #expect(text.contains(id), "\(uri)")
      }
      for query in [token, "k7q3*"] {
        let search = try await client.execute(uri: "/api/statements?q=\(query)", method: .get)
        #expect(WebTestSupport.text(search) == "[]", "\(query)")
      }
    }
  }

  /// Issue 14: an outgoing statement's page says it was sent by the IETF, and its raw
  /// view is the mail as sent (no mail arrived for it); an incoming one says received.
  @Test("an outgoing statement: its direction on the page, the mail as sent in the raw view")
  func outgoingStatementPageAndRawView() async throws {
    let store = try LiaisonStore.temporary()
    let incoming = try #require(
      try StoreSeeding.seed(store, with: [WebFixtures.all[0]])[WebFixtures.all[0].id])
    let statement = ExtractedStatement(
      title: "LS on OTN timing", from: ["IETF CCAMP WG"], to: ["ITU-T SG15"],
      sendTo: "tsbsg15@itu.int", purpose: .information, body: "For your information.")
    let id = try store.recordOutgoing(
      statement, state: .approved, event: .approved, detail: "approved by the AD",
      at: StoreSeeding.date("2026-11-20T09:00:00Z"))
    let messageID = "<\(id.lowercased()).statement@iab.org>"
    let sent = Array(
      "From: liaison-coordination@iab.org\r\nTo: tsbsg15@itu.int\r\nMessage-ID: \(messageID)\r\nSubject: LS on OTN timing\r\n\r\nFor your information.\r\n"
        .utf8)
    _ = try store.enqueue(
      OutboxMail(
        kind: "outgoing_statement", statementID: id, messageID: messageID,
        envelopeFrom: "liaison-coordination@iab.org", recipients: ["tsbsg15@itu.int"], data: sent,
        dedupeKey: "outgoing:\(id)", notBefore: StoreSeeding.date("2026-11-20T09:00:00Z")),
      at: StoreSeeding.date("2026-11-20T09:00:00Z"))
    try store.markSent(
      id: id, messageID: messageID, detail: "to tsbsg15@itu.int",
      at: StoreSeeding.date("2026-11-20T09:00:00Z"))
    #expect(try store.sentMail(ofOutgoing: incoming) == nil, "an incoming record sent nothing")

    let router = try buildRouter(
      repository: store, options: PageRouteTests.wide, now: { WebTestSupport.now })
    try await Application(router: router).test(.router) { client in
      let page = WebTestSupport.text(try await client.execute(uri: "/ls/\(id)", method: .get))
      #expect(page.contains("Outgoing, sent by the IETF"), "\(page)")
      #expect(page.contains("<span class=\"received\">Submitted 2026-11-20"), "\(page)")
      #expect(!page.contains(">Received 2026"), "ours was submitted, not received")
      let raw = try await client.execute(uri: "/ls/\(id)/raw", method: .get)
      #expect(raw.status == .ok)
      #expect(String(buffer: raw.body).contains("Message-ID: \(messageID)"))
      #expect(String(buffer: raw.body).contains("For your information."))
      let other = WebTestSupport.text(
        try await client.execute(uri: "/ls/\(incoming)", method: .get))
      #expect(other.contains("Incoming, received by the IETF"))
      #expect(other.contains("<span class=\"received\">Received "), "\(other)")
      let list = WebTestSupport.text(try await client.execute(uri: "/", method: .get))
      #expect(list.contains("data-label=\"Direction\"><span>Sent by the IETF</span>"), "\(list)")
      #expect(list.contains("data-label=\"Direction\"><span>Received</span>"), "\(list)")
    }
  }

  @Test(
    "an imported statement: no raw-mail link, its sender line says it came from the datatracker")
  func importedStatementPage() async throws {
    let store = try LiaisonStore.temporary()
    let statement = ExtractedStatement(
      title: "LS on YANG data models", from: ["IETF NETMOD WG"], to: ["3GPP TSG SA WG5"],
      purpose: .action, body: "Please review.")
    _ = try store.importHistory([
      HistoryStatement(
        source: "datatracker", alias: "1803",
        url: "https://datatracker.ietf.org/liaison/1803/", statement: statement,
        submittedAt: StoreSeeding.date("2025-06-02T09:00:00Z"))
    ])
    let id = try #require(try store.statementID(source: "datatracker", alias: "1803"))
    let router = try buildRouter(
      repository: store, options: PageRouteTests.wide, now: { WebTestSupport.now })
    try await Application(router: router).test(.router) { client in
      let page = WebTestSupport.text(try await client.execute(uri: "/ls/\(id)", method: .get))
      #expect(page.contains("imported from the datatracker (no mail was received)"), "\(page)")
      #expect(!page.contains("Original mail"), "\(page)")
      #expect(!page.contains("/ls/\(id)/raw"))
      #expect(page.contains("/api/statements/\(id)"))
    }
  }
}
