import Foundation
import Hummingbird
import HummingbirdTesting
import Liaison
import Store
import Testing

@testable import Web

/// SPEC "Outbound bounds": a For-Information statement from a sender the MTA did not vouch
/// for is not acknowledged, and `/iab` says so: the statement, its sender, the Send Reply
/// To that got nothing and why, with a count per address so that a flood at one victim
/// stands out. Over the real store, read from the `not_acknowledged` events.
@Suite("/iab: acknowledgements withheld")
struct WithheldAcknowledgementTests {
  static let gateway = "liaison-coordination@iab.org"
  static let victim = "victim@victim.example"
  static let commandAddress = "liaison-coordination+ls-2026-0001.k7q3x9m2fpwd@iab.org"
  static let reason = "the sender is not authenticated: no acknowledgement (no backscatter)"

  struct Seeded {
    var store: LiaisonStore
    /// Withheld at the victim, oldest first.
    var atVictim: [String]
    var atCommandAddress: String
    var acknowledged: String
    var old: String
  }

  static func record(
    _ store: LiaisonStore, _ n: Int, sendReplyTo: String, receivedAt: String,
    withheld: String?
  ) throws -> String {
    let statement = ExtractedStatement(
      kind: .statement, title: "LS on <b>forged</b> thing \(n)", from: ["ITU-T SG15"],
      fromContacts: ["rapporteur@itu.int"], sendReplyTo: sendReplyTo, to: ["IETF TLS WG"],
      purpose: .information, route: RouteDecision(groups: ["tls"], reason: "To names IETF TLS WG"),
      body: "Nothing to see here.", messageID: "<forged-\(n)@attacker.example>")
    let raw = Array(
      """
      From: "<script>x</script>" <mallory+\(n)@attacker.example>\r
      To: \(gateway)\r
      Subject: LS on <b>forged</b> thing \(n)\r
      Message-ID: <forged-\(n)@attacker.example>\r
      \r
      Nothing to see here.\r

      """.utf8)
    let at = StoreSeeding.date(receivedAt)
    let id = try store.record(
      raw: raw, extraction: Extraction(statement: statement, attachments: []),
      origin: .file(path: "forged-\(n).eml"), receivedAt: at
    ).id
    if let withheld {
      try store.appendEvent(id: id, kind: .notAcknowledged, detail: withheld, at: at)
    }
    return id
  }

  static func seeded() throws -> Seeded {
    let store = try LiaisonStore.temporary()
    // Older than the section's 30 days before WebTestSupport.now (2026-11-23).
    let old = try record(
      store, 0, sendReplyTo: victim, receivedAt: "2026-09-01T12:00:00Z", withheld: reason)
    let atVictim = try (1...3).map { n in
      try record(
        store, n, sendReplyTo: n == 2 ? "Victim@Victim.example" : victim,
        receivedAt: "2026-11-2\(n)T10:00:00Z", withheld: reason)
    }
    let atCommandAddress = try record(
      store, 4, sendReplyTo: commandAddress, receivedAt: "2026-11-20T09:00:00Z",
      withheld: "rate limit: 5 acknowledgements to <i>\(commandAddress)</i> recently")
    let acknowledged = try record(
      store, 5, sendReplyTo: "honest@example.org", receivedAt: "2026-11-22T09:00:00Z",
      withheld: nil)
    try store.appendEvent(
      id: acknowledged, kind: .acknowledged, detail: "to honest@example.org",
      at: StoreSeeding.date("2026-11-22T09:00:00Z"))
    return Seeded(
      store: store, atVictim: atVictim, atCommandAddress: atCommandAddress,
      acknowledged: acknowledged, old: old)
  }

  /// `/iab`'s "Acknowledgements withheld" section, or "".
  static func section(_ html: String) -> String {
    guard let start = html.range(of: "<section id=\"acknowledgements-withheld\"") else {
      return ""
    }
    let rest = html[start.lowerBound...]
    let end = rest.range(of: "</section>")?.upperBound ?? rest.endIndex
    return String(rest[..<end])
  }

  static func iab(_ store: LiaisonStore) async throws -> String {
    let app = Application(
      router: try buildRouter(
        repository: store,
        options: WebOptions(
          publicURL: "https://liaisons.example.org", pageSize: 50, gatewayAddresses: [gateway]),
        now: { WebTestSupport.now }))
    return try await app.test(.router) { client in
      let response = try await client.execute(uri: "/iab", method: .get)
      #expect(response.status == .ok)
      return WebTestSupport.text(response)
    }
  }

  @Test("each withheld acknowledgement is a row: id, date, sender, address, reason, newest first")
  func rows() async throws {
    let seeded = try Self.seeded()
    let section = Self.section(try await Self.iab(seeded.store))
    #expect(section.contains("Acknowledgements withheld <span class=\"count\">4</span>"))
    let rows = section.components(separatedBy: "<tr>").filter { $0.contains("class=\"id\"") }
    let listed = rows.compactMap { row -> String? in
      guard let start = row.range(of: "<span class=\"id\">") else { return nil }
      return String(row[start.upperBound...].prefix { $0 != "<" })
    }
    #expect(listed == seeded.atVictim.reversed() + [seeded.atCommandAddress])
    let newest = try #require(rows.first)
    #expect(newest.contains("2026-11-23 10:00 UTC"))
    #expect(newest.contains("mallory+3@attacker.example"))
    #expect(newest.contains(Self.victim))
    #expect(newest.contains(Self.reason))
    for id in [seeded.acknowledged, seeded.old] { #expect(!section.contains(id), "\(id)") }
  }

  @Test("the count per Send Reply To makes a flood at one address stand out")
  func countPerAddress() async throws {
    let seeded = try Self.seeded()
    let section = Self.section(try await Self.iab(seeded.store))
    let counts = section.components(separatedBy: "<tr>").filter {
      $0.contains("class=\"address\"")
    }
    #expect(counts.count == 2)
    // Case-folded: three statements named the victim, the one 60 days ago is out of range.
    #expect(
      counts.first?.contains("<span class=\"address\">\(Self.victim)</span>") == true)
    #expect(counts.first?.contains("<span class=\"count\">3</span>") == true)
  }

  @Test("hostile text is escaped and command addresses are cut")
  func escaped() async throws {
    let seeded = try Self.seeded()
    let html = try await Self.iab(seeded.store)
    let section = Self.section(html)
    #expect(!section.isEmpty)
    #expect(!html.contains("<script>"))
    #expect(!html.contains("<b>forged</b>"))
    #expect(!html.contains("<i>"))
    #expect(section.contains("&lt;i&gt;"))
    #expect(!html.contains("k7q3x9m2fpwd"))
    #expect(section.contains(CommandAddresses.placeholder))
  }

  @Test("an empty record shows the section with none")
  func emptyRepository() async throws {
    let store = try LiaisonStore.temporary()
    let section = Self.section(try await Self.iab(store))
    #expect(section.contains("<span class=\"count\">0</span>"))
    #expect(section.contains("None."))
  }
}
