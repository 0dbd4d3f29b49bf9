import Foundation
import Liaison
import Testing

@testable import Store

/// Another body's answer to something the IETF sent is found by the outbox's mail of the
/// IETF-sent kinds: its Message-ID, our id in the answer's text, or the title it names.
@Suite struct AnsweredIETFRecordTests {
  let store: LiaisonStore
  let original: String
  let sent: String
  static let relayID = "<mk2q1.relay.abc@iab.org>"

  init() throws {
    store = try LiaisonStore.temporary()
    original = try StoreFixtures.recordSample(
      store, uid: 1,
      statement: StoreFixtures.statement(
        title: "LS on OTN network slicing", messageID: "ls@itu.int"))
    var draft = StoreFixtures.statement(
      title: "Response to SG15 on OTN network slicing", messageID: "draft@ietf.org",
      identifiers: [])
    draft.kind = .replyToStatement
    sent = try StoreFixtures.recordSample(store, uid: 2, statement: draft)
    // The relayed response (`reply`), and a notification that is no IETF statement.
    for (kind, id, messageID) in [
      ("reply", sent, Self.relayID), ("notification", original, "<mk2q1.note@iab.org>"),
    ] {
      _ = try store.enqueue(
        OutboxMail(
          kind: kind, statementID: id, messageID: messageID, envelopeFrom: "liaison@iab.org",
          recipients: ["tsbsg15@itu.int"], data: Array("Subject: x\r\n\r\nx\r\n".utf8),
          dedupeKey: "\(kind):\(id)", notBefore: StoreFixtures.date("2026-11-23T12:00:00Z")),
        at: StoreFixtures.date("2026-11-23T12:00:00Z"))
    }
  }

  func answer(
    title: String = "Reply LS on something else", inResponseTo: String? = nil,
    inReplyTo: [String] = [], body: String = "SG15 agrees."
  ) -> ExtractedStatement {
    StoreFixtures.statement(
      title: title, messageID: "answer@itu.int", body: body, purpose: .response,
      identifiers: [], inResponseTo: inResponseTo, inReplyTo: inReplyTo)
  }

  @Test func byTheRelayedMailsMessageID() throws {
    #expect(
      try store.findAnsweredIETFRecord(
        for: answer(inReplyTo: [Self.relayID]), sentKinds: ["reply"]) == sent)
  }

  @Test func byOurIDInTheText() throws {
    #expect(
      try store.findAnsweredIETFRecord(
        for: answer(body: "In reply to your \(sent), SG15 agrees."), sentKinds: ["reply"]) == sent)
  }

  @Test func byTheTitleItsResponseToNames() throws {
    #expect(
      try store.findAnsweredIETFRecord(
        for: answer(inResponseTo: "Response to SG15 on OTN network slicing"),
        sentKinds: ["reply"]) == sent)
  }

  /// A notification about an incoming statement is no IETF statement: nothing to link.
  @Test func notificationsAndUnsentRecordsAreNotIETFStatements() throws {
    #expect(
      try store.findAnsweredIETFRecord(
        for: answer(inReplyTo: ["<mk2q1.note@iab.org>"], body: "About \(original)."),
        sentKinds: ["reply"]) == nil)
    #expect(
      try store.findAnsweredIETFRecord(
        for: answer(inReplyTo: [Self.relayID]), sentKinds: []) == nil)
  }
}
