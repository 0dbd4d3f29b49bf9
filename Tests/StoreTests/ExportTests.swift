import Foundation
import Liaison
import Testing

@testable import Store

@Suite struct ExportTests {
  @Test func everyFieldSurvivesExportEncodeAndDecode() throws {
    let store = try LiaisonStore.temporary()
    let doc = StoreFixtures.attachment("Annex text", filename: "annex.txt")
    var s = StoreFixtures.statement(inResponseTo: "SG15-LS99", inReplyTo: ["<prev@itu.int>"])
    s.sendTo = "statements@ietf.org"
    s.defects = ["HTML part ignored"]
    s.route.misdirected = false
    let id = try store.record(
      raw: StoreFixtures.raw(messageID: "ls-1@itu.int", subject: "LS", body: "x"),
      extraction: StoreFixtures.extraction(s, attachments: [doc]), origin: StoreFixtures.imap(1),
      receivedAt: StoreFixtures.date("2026-11-23T12:34:56Z"))
    let responseID = try StoreFixtures.recordSample(store, uid: 2)
    let at = StoreFixtures.date("2026-11-24T08:00:00Z")
    try store.linkResponse(responseID: responseID, toOriginal: id.id, at: at)
    try store.appendEvent(id: id.id, kind: .notified, detail: "ccamp-chairs@ietf.org", at: at)

    let exported = try store.export()
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
    let json = try encoder.encode(exported)
    let decoded = try JSONDecoder().decode([StatementRecord].self, from: json)
    #expect(decoded == exported)

    let original = try #require(decoded.first)
    var expected = s
    expected.attachments = [doc.info]
    #expect(original.statement == expected)
    #expect(original.id == "LS-2026-0001")
    #expect(original.receivedAt == "2026-11-23T12:34:56Z")
    #expect(original.state == .answered)
    #expect(original.responses == [responseID])
    #expect(decoded.last?.answers == original.id)
    #expect(original.events.map(\.kind) == [.received, .answered, .notified])

    // The SPEC's keys are all present in the JSON.
    let object = try #require(
      (try JSONSerialization.jsonObject(with: json) as? [[String: Any]])?.first)
    for key in [
      "id", "kind", "title", "from", "from_contacts", "send_reply_to", "to", "to_contacts",
      "send_to",
      "cc", "purpose", "deadline", "in_response_to", "attachments", "route", "message_id",
      "received_at", "state", "events", "responses",
    ] {
      #expect(object[key] != nil, "missing \(key)")
    }
  }

  @Test func exportIsInIDOrderAcrossYearsAndPastFourDigits() throws {
    let store = try LiaisonStore.temporary()
    // Insert out of order: the year 2027 first, then 2026.
    _ = try StoreFixtures.recordSample(
      store, uid: 1, at: StoreFixtures.date("2027-01-01T00:00:00Z"))
    _ = try StoreFixtures.recordSample(
      store, uid: 2, at: StoreFixtures.date("2026-12-31T23:59:59Z"))
    #expect(try store.export().map(\.id) == ["LS-2026-0001", "LS-2027-0001"])
  }
}
