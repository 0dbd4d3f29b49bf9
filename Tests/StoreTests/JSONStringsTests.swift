import Foundation
import GRDB
import Testing

@testable import Store

/// The list columns are written and read without Foundation's coders (`JSONStrings`); the
/// text must stay the one GRDB wrote through `JSONEncoder`, so that rows of either age read
/// alike and SQLite's JSON functions see the same values.
@Suite struct JSONStringsTests {
  static let tricky: [[String]] = [
    [],
    [""],
    ["plain", "two words"],
    ["quote \" and backslash \\", "slash / and </script>"],
    ["tab\tnewline\nreturn\rbackspace\u{8}formfeed\u{C}", "nul\u{0}unit\u{1F}del\u{7F}"],
    ["Grüße", "日本語", "emoji 🇫🇷 😀", "\u{2028}\u{2029}", "e\u{301}"],
    ["ITU-T SG15 <sg15@itu.int>", "\"Rapporteur, Q12\" <q12@example.org>"],
  ]

  static func foundationText(_ strings: [String]) throws -> String {
    // What GRDB wrote before: its JSON encoder for a column of a record.
    let encoder = StatementRow.databaseJSONEncoder(for: "from_bodies")
    return String(decoding: try encoder.encode(strings), as: UTF8.self)
  }

  @Test(arguments: tricky)
  func theTextIsFoundationsAndReadsBack(_ strings: [String]) throws {
    #expect(JSONStrings.encode(strings) == (try Self.foundationText(strings)))
    #expect(JSONStrings.decode(JSONStrings.encode(strings)) == strings)
  }

  @Test func randomListsRoundTripAndMatchFoundation() throws {
    var generator = SystemRandomNumberGenerator()
    let alphabet: [Character] = Array("ab \"\\/\t\n\u{0}\u{1}\u{7F}é日😀<>&'") + ["e\u{301}"]
    for _ in 0..<500 {
      let strings = (0..<Int.random(in: 0...4, using: &generator)).map { _ in
        String(
          (0..<Int.random(in: 0...12, using: &generator)).map { _ in
            alphabet.randomElement(using: &generator)!
          })
      }
      let text = JSONStrings.encode(strings)
      #expect(text == (try Self.foundationText(strings)), "\(strings)")
      #expect(JSONStrings.decode(text) == strings, "\(text)")
    }
  }

  @Test func otherValidJSONIsReadAsJSON() {
    #expect(JSONStrings.decode(" [ \"a\" , \"b\" ] ") == ["a", "b"])
    #expect(JSONStrings.decode(#"["\u00e9\u65E5\ud83d\ude00"]"#) == ["é日😀"])
  }

  @Test(arguments: [
    "", "[", "]", "[\"a\"", "[1]", "[\"a\"] x", "{\"a\":1}", "[\"\\x\"]",
    "[\"\\ud83d\"]", "[null]", "[\"a\" \"b\"]",
  ])
  func whatIsNotAListOfStringsIsNil(_ text: String) {
    #expect(JSONStrings.decode(text) == nil, "\(text)")
  }

  @Test func aRowWrittenThroughCodableReadsTheSame() throws {
    // A statement row as GRDB's Codable encoding stored it before, read by the row decoder.
    let store = try LiaisonStore.temporary()
    let id = try StoreFixtures.recordSample(store, uid: 1)
    let lists = Self.tricky[3] + Self.tricky[5]
    let text = try Self.foundationText(lists)
    try store.pool.write { db in
      try db.execute(
        sql: "UPDATE statement SET from_bodies = ?, to_contacts = ? WHERE id = ?",
        arguments: [text, text, id])
    }
    let row = try #require(
      try store.pool.read { db in try StatementRow.fetchOne(db, key: ["id": id]) })
    #expect(row.fromBodies == lists)
    #expect(row.toContacts == lists)
  }

  @Test func aListThatIsNotJSONIsACorruptRowNamed() throws {
    let store = try LiaisonStore.temporary()
    let id = try StoreFixtures.recordSample(store, uid: 1)
    try store.pool.write { db in
      try db.execute(sql: "UPDATE statement SET cc = 'not json' WHERE id = ?", arguments: [id])
    }
    #expect {
      _ = try store.statement(id: id)
    } throws: { error in
      "\(error)".contains("cc")
    }
  }
}
