import Foundation
import Liaison
import Testing

@testable import Store

@Suite struct SearchTests {
  /// Three statements: OTN slicing (ccamp, action), a flexe document attachment (teas,
  /// information), and a 3GPP one about QUIC (quic, information, no deadline).
  func populated() throws -> LiaisonStore {
    let store = try LiaisonStore.temporary()
    _ = try store.record(
      raw: StoreFixtures.raw(messageID: "1@x", subject: "a", body: "a"),
      extraction: StoreFixtures.extraction(
        StoreFixtures.statement(
          title: "LS on OTN network slicing", messageID: "1@x", body: "Slicing of OTN networks.",
          purpose: .action, deadline: "2027-03-01", groups: ["ccamp"])),
      origin: StoreFixtures.imap(1), receivedAt: StoreFixtures.date("2026-01-10T00:00:00Z"))
    _ = try store.record(
      raw: StoreFixtures.raw(messageID: "2@x", subject: "b", body: "b"),
      extraction: StoreFixtures.extraction(
        StoreFixtures.statement(
          title: "LS on transport", messageID: "2@x", body: "See the attachment.",
          purpose: .information, deadline: nil, groups: ["teas"]),
        attachments: [
          StoreFixtures.attachment("FlexE calendar slot negotiation", filename: "td-77.txt")
        ]),
      origin: StoreFixtures.imap(2), receivedAt: StoreFixtures.date("2026-02-10T00:00:00Z"))
    var quic = StoreFixtures.statement(
      title: "QUIC in 5G core", messageID: "3@x", body: "3GPP CT4 asks about QUIC.",
      purpose: .information, deadline: "2026-06-01", groups: ["quic"])
    quic.from = ["3GPP TSG CT WG4"]
    quic.to = ["IETF QUIC WG"]
    _ = try store.record(
      raw: StoreFixtures.raw(messageID: "3@x", subject: "c", body: "c"),
      extraction: StoreFixtures.extraction(quic), origin: StoreFixtures.imap(3),
      receivedAt: StoreFixtures.date("2026-03-10T00:00:00Z"))
    return store
  }

  @Test func fullTextFindsTitleBodyAndAttachmentText() throws {
    let store = try populated()
    #expect(
      try store.list(StatementFilter(text: "slicing")).items.map(\.statement.title) == [
        "LS on OTN network slicing"
      ])
    #expect(
      try store.list(StatementFilter(text: "calendar negotiation")).items.map(\.id) == [
        "LS-2026-0002"
      ])
    #expect(try store.list(StatementFilter(text: "QUIC")).total == 1)
    #expect(try store.list(StatementFilter(text: "nothing-like-this")).total == 0)
  }

  @Test(arguments: [
    "\"", "\"\"", "*", "slicing*", "NEAR(", "NEAR(otn slicing", "-", "-slicing", "otn -slicing",
    "AND",
    "OR NOT", "title:otn", "^otn", "(", ")", "{title}: x", "'", "\\", "\u{0}", "💥", "   ",
    String(repeating: "a ", count: 5000),
  ])
  func hostileQueryTextNeverErrors(text: String) throws {
    let store = try populated()
    let page = try store.list(StatementFilter(text: text))
    #expect(page.total >= 0 && page.items.count == page.total)
  }

  @Test func operatorsAreSearchedAsWordsNotParsed() throws {
    let store = try populated()
    // "NOT" as an operator would exclude; as a word it must match nothing here.
    #expect(try store.list(StatementFilter(text: "otn NOT slicing")).total == 0)
    // A quoted word still matches the word.
    #expect(try store.list(StatementFilter(text: "\"slicing\"")).total == 1)
  }

  @Test func filtersCombine() throws {
    let store = try populated()
    #expect(try store.list(StatementFilter(from: "ct wg4")).items.map(\.id) == ["LS-2026-0003"])
    #expect(try store.list(StatementFilter(from: "rapporteur@example")).total == 3)
    #expect(try store.list(StatementFilter(to: "teas")).items.map(\.id) == ["LS-2026-0002"])
    #expect(try store.list(StatementFilter(to: "QUIC WG")).items.map(\.id) == ["LS-2026-0003"])
    #expect(try store.list(StatementFilter(purpose: .information)).total == 2)
    #expect(try store.list(StatementFilter(state: .open)).total == 3)
    #expect(try store.list(StatementFilter(kind: .bounce)).total == 0)
    #expect(
      try store.list(StatementFilter(deadlineBefore: "2027-01-01")).items.map(\.id) == [
        "LS-2026-0003"
      ])
    #expect(
      try store.list(StatementFilter(deadlineAfter: "2027-03-01")).items.map(\.id) == [
        "LS-2026-0001"
      ])
    #expect(
      try store.list(
        StatementFilter(
          receivedAfter: StoreFixtures.date("2026-02-01T00:00:00Z"),
          receivedBefore: StoreFixtures.date("2026-03-10T00:00:00Z"))
      ).items.map(\.id) == ["LS-2026-0002"])
    #expect(try store.list(StatementFilter(purpose: .information, text: "quic")).total == 1)
  }

  @Test func pagesAreNewestFirstWithTheTotal() throws {
    let store = try populated()
    let first = try store.list(StatementFilter(limit: 2))
    #expect(first.total == 3)
    #expect(first.items.map(\.id) == ["LS-2026-0003", "LS-2026-0002"])
    let second = try store.list(StatementFilter(limit: 2, offset: 2))
    #expect(second.items.map(\.id) == ["LS-2026-0001"])
  }

  @Test func badFilterValuesAreNamed() throws {
    let store = try populated()
    #expect(throws: StoreError.self) {
      try store.list(StatementFilter(deadlineBefore: "next week"))
    }
    #expect(throws: StoreError.self) { try store.list(StatementFilter(limit: 0)) }
    #expect(throws: StoreError.self) { try store.list(StatementFilter(offset: -1)) }
    #expect(FTSQuery.pattern("a \"b\" NEAR(") == "\"a\" \"\"\"b\"\"\" \"NEAR(\"")
    #expect(FTSQuery.pattern(" \t ") == nil)
  }
}
