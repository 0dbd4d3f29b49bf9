import Foundation
import Hummingbird
import HummingbirdTesting
import Liaison
import Store
import Testing

@testable import Web

/// Seeds a store with many synthetic statements. `scripts/bench-web` runs it with
/// `LIAISOND_BENCH_SEED_DIR` (and `LIAISOND_BENCH_SEED_COUNT`, default 10,000); without
/// them it seeds 200 into a temporary store, so the seeding path is tested on every run.
@Suite("Bench seed")
struct BenchSeedTests {
  static let bodies = [
    "ITU-T SG15", "ITU-T SG13", "3GPP TSG SA WG2", "3GPP TSG CT WG4", "IEEE 802.1 WG",
    "ETSI ISG NFV",
    "Broadband Forum", "MEF Forum", "ITU-T SG11", "O-RAN Alliance",
  ]
  static let groups = ["ccamp", "detnet", "opsawg", "netmod", "teas", "mpls", "pals", "sidrops"]
  static let purposes: [Purpose] = [.information, .action, .action, .response, .comment]

  static func statement(_ n: Int) -> Extraction {
    let body = bodies[n % bodies.count]
    let group = groups[n % groups.count]
    let purpose = purposes[n % purposes.count]
    let deadline =
      purpose == .action ? String(format: "20%02d-%02d-15", 25 + n % 3, 1 + n % 12) : nil
    let pdf = Array("%PDF-1.4 synthetic statement \(n)".utf8)
    let info = AttachmentInfo(
      filename: "LS-\(n).pdf", contentType: "application/pdf", size: pdf.count, sha256: "")
    let statement = ExtractedStatement(
      title: "LS \(n) on \(group.uppercased()) topic \(n % 97) from \(body)", from: [body],
      fromContacts: ["rapporteur\(n % 50)@example.org"], to: ["IETF \(group.uppercased()) WG"],
      toContacts: ["\(group)-chairs@ietf.org"], purpose: purpose, deadline: deadline,
      otherIdentifiers: ["SYN-LS-\(n)"], attachments: [info],
      route: RouteDecision(
        groups: [group], recipients: ["\(group)-chairs@ietf.org"],
        reason: "To names IETF \(group) WG"),
      body:
        "Dear colleagues,\n\nStatement \(n) asks \(group) for input on item \(n % 31).\n\nRegards",
      messageID: "<syn-\(n)@bench.invalid>",
      sources: ["title": .header, "from": .body, "purpose": .body, "deadline": .body])
    return Extraction(
      statement: statement, attachments: [ExtractedAttachment(info: info, data: pdf, text: nil)])
  }

  @Test("seeds synthetic statements; the list counts them all and a page shows")
  func seed() async throws {
    let environment = ProcessInfo.processInfo.environment
    let directory = environment["LIAISOND_BENCH_SEED_DIR"]
    let count =
      directory == nil ? 200 : Int(environment["LIAISOND_BENCH_SEED_COUNT"] ?? "") ?? 10_000
    let store = try directory.map { try LiaisonStore(directory: $0) } ?? LiaisonStore.temporary()
    let start = Date(timeIntervalSince1970: 1_735_689_600)  // 2025-01-01
    let already = try store.list(StatementFilter(limit: 1)).total
    for n in already..<count {
      let raw = Array(
        "Message-ID: <syn-\(n)@bench.invalid>\r\nSubject: LS \(n)\r\n\r\nsynthetic \(n)\r\n".utf8)
      _ = try store.record(
        raw: raw, extraction: Self.statement(n), origin: .file(path: "bench/\(n).eml"),
        receivedAt: start.addingTimeInterval(Double(n) * 3600))
    }
    let page = try await store.publicStatements(matching: StatementQuery(limit: 50))
    #expect(page.total == count)
    #expect(page.items.count == 50)
    let router = try buildRouter(
      repository: store, options: WebOptions(), now: { WebTestSupport.now })
    try await Application(router: router).test(.router) { client in
      let html = String(buffer: try await client.execute(uri: "/", method: .get).body)
      #expect(html.contains("1–50 of \(Labels.count(count)) statements"))
    }
  }
}
