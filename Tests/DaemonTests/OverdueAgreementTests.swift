import Foundation
import Hummingbird
import HummingbirdTesting
import Liaison
import Routing
import Store
import Testing
import Web
import Workflow

/// `/iab` (Web) and the weekly IAB digest (Workflow) are built apart: Web does not depend on
/// Workflow. Both ask `ResponseRule`, so over the same record on the same day they list the
/// same overdue statements. The cases are the ones on which the two used to disagree.
@Suite struct OverdueAgreementTests {
  static let now = Date(timeIntervalSince1970: 1_795_435_200)  // 2026-11-23T12:00:00Z
  static let routed = RouteDecision(
    groups: ["ccamp"], recipients: ["ccamp-chairs@ietf.org"], reason: "To names IETF CCAMP WG")

  struct Seed {
    var title: String
    var purpose: Purpose? = .action
    var deadline: String? = "2026-11-01"
    var route: RouteDecision = OverdueAgreementTests.routed
    var then: Then = .nothing
    enum Then { case nothing, close, answer }
  }

  static let seeds: [Seed] = [
    Seed(title: "action, deadline passed"),
    Seed(title: "comment, deadline passed", purpose: .comment),
    Seed(title: "unrouted, deadline passed", route: RouteDecision(reason: "no group matches")),
    Seed(
      title: "misdirected, deadline passed",
      route: RouteDecision(misdirected: true, reason: "concluded group pwe3")),
    Seed(title: "deadline today", deadline: "2026-11-23"),
    Seed(title: "not a real day", deadline: "2026-02-30"),
    Seed(title: "information", purpose: .information),
    Seed(title: "closed", then: .close),
    Seed(title: "answered", then: .answer),
  ]

  @Test func iabPageAndDigestListTheSameOverdueStatements() async throws {
    let store = try LiaisonStore.temporary()
    var expected: [String] = []
    for (n, seed) in Self.seeds.enumerated() {
      let id = try record(
        ExtractedStatement(
          title: seed.title, from: ["ITU-T SG15"], to: ["IETF CCAMP WG"], purpose: seed.purpose,
          deadline: seed.deadline, route: seed.route, messageID: "<seed-\(n)@itu.int>"),
        number: n, in: store)
      switch seed.then {
      case .nothing: break
      case .close:
        try store.setState(id: id, state: .closed, detail: "withdrawn", at: Self.now)
      case .answer:
        let response = try record(
          ExtractedStatement(
            title: "Re: " + seed.title, purpose: .response, messageID: "<re-\(n)@ietf.org>"),
          number: 100 + n, in: store)
        try store.linkResponse(responseID: response, toOriginal: id, at: Self.now)
      }
      if seed.title.hasSuffix("deadline passed") { expected.append(id) }
    }

    let listedOnIAB = try await iabOverdue(store)
    let listedInDigest = try digestOverdue(store)
    #expect(Set(listedOnIAB) == Set(expected))
    #expect(Set(listedInDigest) == Set(expected))
    #expect(listedOnIAB.count == expected.count && listedInDigest.count == expected.count)
  }

  private func record(_ statement: ExtractedStatement, number: Int, in store: LiaisonStore) throws
    -> String
  {
    let raw = Array("Message-ID: \(statement.messageID ?? "")\r\n\r\nseed \(number)\r\n".utf8)
    return try store.record(
      raw: raw, extraction: Extraction(statement: statement),
      origin: .file(path: "seeds/\(number).eml"),
      receivedAt: Self.now.addingTimeInterval(Double(number - 1000) * 3600)
    ).id
  }

  /// The ids in the Overdue section of `/iab`.
  private func iabOverdue(_ store: LiaisonStore) async throws -> [String] {
    let router = try buildRouter(
      repository: store, options: WebOptions(publicURL: "https://liaisons.example.org"),
      now: { Self.now })
    let html = try await Application(router: router).test(.router) { client in
      let response = try await client.execute(uri: "/iab", method: .get)
      #expect(response.status == .ok)
      return String(buffer: response.body)
    }
    var ids: [String] = []
    guard let start = html.range(of: "<section id=\"overdue\"") else { return ids }
    var rest = html[start.upperBound...]
    rest = rest[..<(rest.range(of: "</section>")?.lowerBound ?? rest.endIndex)]
    while let link = rest.range(of: "<a href=\"/ls/") {
      let tail = rest[link.upperBound...]
      ids.append(String(tail.prefix { $0 != "\"" }))
      rest = tail
    }
    return ids
  }

  /// The ids the digest mail lists under "Overdue".
  private func digestOverdue(_ store: LiaisonStore) throws -> [String] {
    let configuration = ProcessConfiguration(
      gatewayAddress: "liaison-coordination@iab.example",
      publicURL: "https://liaisons.example.org", iabContact: "iab-liaisons@iab.example")
    let router = StatementRouter(
      registry: RoutingRegistry.embedded,
      options: .init(
        gatewayAddresses: configuration.gatewayAddresses, iabContact: configuration.iabContact))
    let process = LiaisonProcess(
      store: store, router: router, configuration: configuration, clock: TestClock(now: Self.now))
    let mail = try #require(try process.weeklyDigest(now: Self.now))
    var ids: [String] = []
    var inOverdue = false
    for line in mail.body.split(separator: "\n", omittingEmptySubsequences: false) {
      if line.hasPrefix("Overdue (") {
        inOverdue = true
      } else if line.isEmpty {
        inOverdue = false
      } else if inOverdue, line.hasPrefix("- ") {
        ids.append(String(line.dropFirst(2).prefix { $0 != ":" }))
      }
    }
    return ids
  }
}
