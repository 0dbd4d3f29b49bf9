import Foundation
import Liaison
import Testing

@testable import Routing

/// Routes the metadata of every mail fixture (its `.expected.json`, as the extractor reads
/// it) and compares with `fixtures/routing-expected.tsv`; `scripts/routing-accuracy` does
/// the same through the built `liaisond extract`.
@Suite struct FixtureRoutingTests {
  static let root = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("fixtures")

  struct Case: Sendable, CustomTestStringConvertible {
    var file: String
    var groups: [String]
    var misdirected: Bool
    var testDescription: String { file }
  }

  static func cases() -> [Case] {
    guard
      let text = try? String(
        contentsOf: root.appendingPathComponent("routing-expected.tsv"), encoding: .utf8)
    else { return [] }
    return text.split(separator: "\n").compactMap { line -> Case? in
      let fields = line.split(separator: "\t").map(String.init)
      guard fields.count == 3, !line.hasPrefix("#"), fields[0] != "file" else { return nil }
      return Case(
        file: fields[0],
        groups: fields[1] == "-" ? [] : fields[1].split(separator: ",").map(String.init),
        misdirected: fields[2] == "true")
    }
  }

  /// The statement fields routing reads, from the extractor's expected JSON.
  static func statement(_ file: String) throws -> ExtractedStatement {
    let name = file.replacingOccurrences(of: ".eml", with: ".expected.json")
    let data = try Data(
      contentsOf: root.appendingPathComponent("mail").appendingPathComponent(name))
    let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    let strings = { (key: String) in json[key] as? [String] ?? [] }
    return ExtractedStatement(
      kind: MessageKind(rawValue: json["kind"] as? String ?? "") ?? .notLiaison,
      title: json["title"] as? String,
      from: strings("from"), fromContacts: strings("from_contacts"),
      sendReplyTo: json["send_reply_to"] as? String,
      to: strings("to"), toContacts: strings("to_contacts"), sendTo: json["send_to"] as? String,
      cc: strings("cc"))
  }

  @Test func everyMailFixtureHasAnExpectation() throws {
    let mails = try FileManager.default.contentsOfDirectory(
      atPath: Self.root.appendingPathComponent("mail").path
    )
    .filter { $0.hasSuffix(".eml") }
    #expect(Set(mails) == Set(Self.cases().map(\.file)))
  }

  @Test(arguments: cases())
  func fixtureRoutesAsExpected(_ fixture: Case) throws {
    let router = StatementRouter(
      registry: RoutingRegistry.embedded,
      options: .init(gatewayAddresses: ["liaison-coordination@iab.org"]))
    let decision = router.route(try Self.statement(fixture.file))
    #expect(decision.groups == fixture.groups, "\(decision.reason)")
    #expect(decision.misdirected == fixture.misdirected, "\(decision.reason)")
  }
}
