import Foundation
import Liaison
import MIME
import Testing

/// Every mail in `fixtures/mail` against the `extract` JSON the team wrote beside it.
@Suite struct FixtureTests {
  static let directory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("fixtures/mail")

  static let names: [String] = {
    let files = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
    return files.filter { $0.hasSuffix(".eml") }.map { String($0.dropLast(4)) }.sorted()
  }()

  /// The keys every expected file must state: the SPEC fields and the record's extras,
  /// except `route` (the routing tests own it) and `body` (the statement text).
  static let requiredKeys = [
    "kind", "title", "from", "from_contacts", "send_reply_to", "to", "to_contacts", "send_to",
    "cc", "purpose", "deadline", "deadline_text", "in_response_to", "other_identifiers",
    "attachments", "message_id", "in_reply_to", "sources", "defects",
  ]

  @Test func fixtureSetIsComplete() throws {
    #expect(Self.names.count >= 40, "only \(Self.names.count) fixtures in \(Self.directory.path)")
    for name in Self.names {
      let expected = Self.directory.appendingPathComponent(name + ".expected.json")
      #expect(
        FileManager.default.fileExists(atPath: expected.path), "\(name).eml has no expected JSON")
    }
  }

  /// The PDFs' text comes from the recordings of `pdftotext` (`RecordedPDFReader`).
  @Test(arguments: names)
  func extractedFieldsMatchExpected(name: String) async throws {
    let eml = try Data(contentsOf: Self.directory.appendingPathComponent(name + ".eml"))
    let expectedData = try Data(
      contentsOf: Self.directory.appendingPathComponent(name + ".expected.json"))
    let expected = try #require(
      try JSONSerialization.jsonObject(with: expectedData) as? [String: Any])
    let bytes = [UInt8](eml)
    let message = try MIMEParser().parse(bytes)
    let extractor = LiaisonExtractor(readers: DocumentReaders(pdf: RecordedPDFReader()))
    let statement = await extractor.extract(message, raw: bytes).statement
    let actual = try #require(
      try JSONSerialization.jsonObject(with: JSONEncoder().encode(statement)) as? [String: Any])

    for key in Self.requiredKeys {
      #expect(expected[key] != nil, "\(name).expected.json lacks \"\(key)\"")
    }
    for (key, want) in expected.sorted(by: { $0.key < $1.key }) {
      let got = actual[key] ?? NSNull()
      #expect(
        canonical(got) == canonical(want),
        "\(name): field \(key): got \(canonical(got)), expected \(canonical(want))")
    }
  }
}

/// A JSON value as sorted-key JSON text, so values compare structurally.
func canonical(_ value: Any) -> String {
  guard
    let data = try? JSONSerialization.data(
      withJSONObject: value, options: [.sortedKeys, .fragmentsAllowed, .withoutEscapingSlashes])
  else { return "\(value)" }
  return String(decoding: data, as: UTF8.self)
}
