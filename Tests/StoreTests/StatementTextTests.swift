import Foundation
import Liaison
import Testing

@testable import Store

@Suite struct StatementTextTests {
  @Test func hostileTextCannotReachTheTerminal() {
    let hostile = "Title\u{1B}[31mRED\u{1B}]0;owned\u{07}\r\nnext\u{202E}evil\u{9B}2J"
    let cleaned = StatementText.clean(hostile)
    #expect(
      !cleaned.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
    #expect(!cleaned.contains("\u{202E}"))
    #expect(cleaned.contains("RED"))
  }

  @Test func detailShowsEveryFieldWithItsSourceHistoryAndAttachments() throws {
    let store = try LiaisonStore.temporary()
    let doc = StoreFixtures.attachment("annex", filename: "LS-123.pdf")
    var s = StoreFixtures.statement()
    s.title = "LS on \u{1B}[2Jslicing"
    let id = try store.record(
      raw: StoreFixtures.raw(messageID: "a@x", subject: "A", body: "b"),
      extraction: StoreFixtures.extraction(s, attachments: [doc]), origin: StoreFixtures.imap(4),
      receivedAt: StoreFixtures.date("2026-11-23T12:00:00Z")
    ).id
    let record = try #require(try store.statement(id: id))
    let text = StatementText.detail(
      record, origins: try store.origins(id: id), attachmentPath: store.attachmentPath(sha256:))
    #expect(!text.contains("\u{1B}"))
    #expect(text.contains("deadline:       2027-03-01 (by 2027-03-01)  [attachment:LS-123.pdf]"))
    #expect(text.contains("from:           ITU-T SG15  [body]"))
    #expect(text.contains("seen as:        IMAP INBOX UIDVALIDITY 7 UID 4"))
    #expect(text.contains("LS-123.pdf  text/plain  5 bytes  sha256 \(doc.info.sha256)"))
    #expect(text.contains(store.attachmentPath(sha256: doc.info.sha256)!))
    #expect(text.contains("2026-11-23T12:00:00Z  received"))
    // CRLF bodies print as lines, not as replacement characters.
    var crlf = record
    crlf.statement.body = "first line\r\nsecond line"
    let lines = StatementText.detail(crlf).split(separator: "\n")
    #expect(lines.suffix(2) == ["  first line", "  second line"])
    #expect(text.contains("direction:      incoming"))
    #expect(!text.contains("forwarded by:"), "a statement mailed to us directly")
  }

  /// Issue 15: who forwarded a statement shows in `show`'s text, as on the page and in JSON.
  @Test func detailNamesTheForwarder() throws {
    var record = try #require(
      try {
        let store = try LiaisonStore.temporary()
        let id = try StoreFixtures.recordSample(store, uid: 1)
        return try store.statement(id: id)
      }())
    record.statement.forwarded = Forwarding(
      by: "Chair@Example.org", name: "A Chair\u{1B}[2J", at: "2026-11-20T08:00:00Z",
      originalMessageID: "<orig@itu.int>", form: .attached)
    let text = StatementText.detail(record)
    #expect(
      text.contains(
        "forwarded by:   A Chair\u{FFFD}[2J <chair@example.org> on 2026-11-20T08:00:00Z (the original attached), original <orig@itu.int>"
      ), "\(text)")
    #expect(!text.contains("\u{1B}"))
  }

  @Test func tableAndTabSeparatedLinesHaveOneRowPerStatement() throws {
    let store = try LiaisonStore.temporary()
    for uid in UInt32(1)...3 { _ = try StoreFixtures.recordSample(store, uid: uid) }
    let records = try store.export()
    let table = StatementText.table(records, width: 100).split(separator: "\n")
    #expect(table.count == 4)
    #expect(table[0].hasPrefix("ID"))
    #expect(table.allSatisfy { $0.count <= 100 })
    let lines = StatementText.tabSeparated(records).split(separator: "\n")
    #expect(lines.count == 3)
    #expect(lines[0].split(separator: "\t", omittingEmptySubsequences: false).count == 7)
  }
}
