import Foundation
import GRDB
import Liaison
import MIME
import Testing

@testable import Store

@Suite struct RecordingTests {
  let received = StoreFixtures.date("2026-11-23T12:00:00Z")

  @Test func theSameMessageAtTheSamePositionIsRecordedOnce() throws {
    let store = try LiaisonStore.temporary()
    let s = StoreFixtures.statement()
    let raw = StoreFixtures.raw(messageID: "ls-1@itu.int", subject: "LS", body: "text")
    let first = try store.record(
      raw: raw, extraction: StoreFixtures.extraction(s), origin: StoreFixtures.imap(1),
      receivedAt: received)
    let second = try store.record(
      raw: raw, extraction: StoreFixtures.extraction(s), origin: StoreFixtures.imap(1),
      receivedAt: received)
    #expect(first == .recorded(id: "LS-2026-0001"))
    #expect(second == .duplicate(id: "LS-2026-0001"))
    #expect(try store.export().count == 1)
    #expect(try store.seen(StoreFixtures.imap(1)) == "LS-2026-0001")
    #expect(try store.seen(StoreFixtures.imap(2)) == nil)
    // The same position again adds nothing to the history either.
    #expect(try store.statement(id: "LS-2026-0001")?.events.map(\.kind) == [.received])
  }

  @Test func aBatchCommitsEachMessageUnsyncedAndEndsSyncedOneByOneAgain() throws {
    let store = try LiaisonStore.temporary()
    func synchronous() throws -> Int? {
      try store.pool.writeWithoutTransaction { try Int.fetchOne($0, sql: "PRAGMA synchronous") }
    }
    // FULL from the start (the store undoes GRDB's NORMAL on opening the WAL); a batch
    // lowers it and `makeDurable()` syncs before anything leaves the INBOX.
    #expect(try synchronous() == 2)
    try store.deferDurability()
    #expect(try synchronous() == 1)  // NORMAL
    let first = try StoreFixtures.recordSample(store, uid: 1)
    let second = try StoreFixtures.recordSample(store, uid: 2)
    // Each message is its own transaction: both are committed and visible to readers.
    #expect(try store.seen(StoreFixtures.imap(1)) == first)
    #expect(try store.seen(StoreFixtures.imap(2)) == second)
    try store.makeDurable()
    #expect(try synchronous() == 2)  // FULL
    #expect(try store.export().map(\.id) == [first, second])
  }

  @Test func theSameBytesAtAnotherUIDAreADuplicateAndTheOriginIsKept() throws {
    let store = try LiaisonStore.temporary()
    let s = StoreFixtures.statement()
    let raw = StoreFixtures.raw(messageID: "ls-1@itu.int", subject: "LS", body: "text")
    let id = try store.record(
      raw: raw, extraction: StoreFixtures.extraction(s), origin: StoreFixtures.imap(1),
      receivedAt: received
    ).id
    let again = try store.record(
      raw: raw, extraction: StoreFixtures.extraction(s), origin: StoreFixtures.imap(9),
      receivedAt: received)
    #expect(again == .duplicate(id: id))
    #expect(try store.seen(StoreFixtures.imap(9)) == id)
    #expect(try store.imapHighWaterMark(mailbox: "INBOX", uidValidity: 7) == 9)
    let record = try #require(try store.statement(id: id))
    #expect(record.events.last?.kind == .duplicate)
    #expect(record.events.last?.detail.contains("UID 9") == true)
  }

  @Test func aUIDVALIDITYChangeIsReconciledByContent() throws {
    let store = try LiaisonStore.temporary()
    var ids: [String] = []
    for uid in UInt32(1)...3 {
      ids.append(try StoreFixtures.recordSample(store, uid: uid))
    }
    // The server renumbered the mailbox: the same three messages under a new UIDVALIDITY.
    for uid in UInt32(1)...3 {
      let s = StoreFixtures.simple(
        messageID: "sample-\(uid)@example.org", title: "LS number \(uid)")
      let raw = StoreFixtures.raw(messageID: s.messageID!, subject: s.title!, body: s.body!)
      let outcome = try store.record(
        raw: raw, extraction: StoreFixtures.extraction(s),
        origin: StoreFixtures.imap(uid + 100, validity: 8), receivedAt: received)
      #expect(outcome == .duplicate(id: ids[Int(uid) - 1]))
    }
    #expect(try store.export().count == 3)
    #expect(try store.imapHighWaterMark(mailbox: "INBOX", uidValidity: 8) == 103)
    #expect(try store.imapHighWaterMark(mailbox: "INBOX", uidValidity: 7) == 3)
    #expect(try store.imapHighWaterMark(mailbox: "Other", uidValidity: 7) == nil)
  }

  @Test func aResentMailWithNewHeadersIsRecognisedByMessageIDAndContent() throws {
    let store = try LiaisonStore.temporary()
    let s = StoreFixtures.statement()
    let original = StoreFixtures.raw(messageID: "ls-1@itu.int", subject: "LS", body: "text")
    let resent = StoreFixtures.raw(
      messageID: "ls-1@itu.int", subject: "LS", body: "text", extraHeader: "Resent-Date: today\r\n")
    let id = try store.record(
      raw: original, extraction: StoreFixtures.extraction(s), origin: StoreFixtures.imap(1),
      receivedAt: received
    ).id
    // Folding differences in the body do not make a new statement.
    var rewrapped = s
    rewrapped.body = s.body!.replacingOccurrences(of: " ", with: "\n ")
    let outcome = try store.record(
      raw: resent, extraction: StoreFixtures.extraction(rewrapped), origin: StoreFixtures.imap(2),
      receivedAt: received)
    #expect(outcome == .duplicate(id: id))
  }

  @Test func theSameMessageIDWithOtherContentIsANewRecordWithAnEvent() throws {
    let store = try LiaisonStore.temporary()
    let first = try store.record(
      raw: StoreFixtures.raw(messageID: "m@x", subject: "A", body: "one"),
      extraction: StoreFixtures.extraction(StoreFixtures.statement(messageID: "m@x", body: "one")),
      origin: StoreFixtures.imap(1), receivedAt: received)
    let second = try store.record(
      raw: StoreFixtures.raw(messageID: "m@x", subject: "A", body: "two"),
      extraction: StoreFixtures.extraction(StoreFixtures.statement(messageID: "m@x", body: "two")),
      origin: StoreFixtures.imap(2), receivedAt: received)
    #expect(first == .recorded(id: "LS-2026-0001"))
    #expect(second == .recorded(id: "LS-2026-0002"))
    let event = try #require(try store.statement(id: "LS-2026-0002")?.events.last)
    #expect(event.kind == .messageIDReused)
    #expect(event.detail.contains("LS-2026-0001"))
  }

  @Test func theRawMessageComesBackByteForByte() throws {
    let store = try LiaisonStore.temporary()
    // Every byte value, bare CR and LF, NUL, and invalid UTF-8.
    var raw =
      Array((0...255).map(UInt8.init)) + Array("\r\n\r\n\n\r".utf8) + [0xff, 0xfe, 0x00, 0xc3]
    raw += Array(repeating: UInt8(ascii: "x"), count: 1 << 20)
    let id = try store.record(
      raw: raw, extraction: StoreFixtures.extraction(StoreFixtures.statement()),
      origin: .file(path: "/tmp/a.eml"), receivedAt: received
    ).id
    #expect(try store.rawMessage(id: id) == raw)
    #expect(try store.rawMessage(id: "LS-2026-9999") == nil)
  }

  @Test func anUnparseableMessageIsKeptQuarantinedAndDeduplicated() throws {
    let store = try LiaisonStore.temporary()
    let raw: [UInt8] = [0x00, 0x01, 0x02, 0xff]
    let outcome = try store.recordUnparseable(
      raw: raw, origin: StoreFixtures.imap(5), reason: "no header section", receivedAt: received)
    #expect(outcome == .quarantined(id: "MSG-2026-0001"))
    let record = try #require(try store.statement(id: outcome.id))
    #expect(record.state == .quarantined)
    #expect(record.statement.defects == ["no header section"])
    #expect(record.events.map(\.kind) == [.received, .quarantined])
    #expect(try store.rawMessage(id: outcome.id) == raw)
    let again = try store.recordUnparseable(
      raw: raw, origin: StoreFixtures.imap(6), reason: "no header section", receivedAt: received)
    #expect(again == .duplicate(id: outcome.id))
  }

  @Test func attachmentsAreStoredByContentAddress() throws {
    let store = try LiaisonStore.temporary()
    let doc = StoreFixtures.attachment("The attached liaison statement about flexe.")
    let id = try store.record(
      raw: StoreFixtures.raw(messageID: "a@x", subject: "A", body: "b"),
      extraction: StoreFixtures.extraction(StoreFixtures.statement(), attachments: [doc]),
      origin: StoreFixtures.imap(1), receivedAt: received
    ).id
    let sha = doc.info.sha256
    #expect(try store.attachment(sha256: sha) == doc.data)
    let path = store.directory + "/attachments/" + sha.prefix(2) + "/" + sha.dropFirst(2)
    #expect(FileManager.default.fileExists(atPath: path))
    #expect(try store.statement(id: id)?.statement.attachments == [doc.info])
    // No temporary file is left behind.
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: store.directory + "/attachments/tmp")
        .isEmpty)
  }

  @Test func aFailedAttachmentWriteCommitsNothing() throws {
    let store = try LiaisonStore.temporary()
    let doc = StoreFixtures.attachment("cannot be written")
    // A plain file where the attachment's directory must go makes the write fail.
    let blocker = store.directory + "/attachments/" + doc.info.sha256.prefix(2)
    try Data("x".utf8).write(to: URL(fileURLWithPath: blocker))
    #expect {
      _ = try store.record(
        raw: StoreFixtures.raw(messageID: "a@x", subject: "A", body: "b"),
        extraction: StoreFixtures.extraction(StoreFixtures.statement(), attachments: [doc]),
        origin: StoreFixtures.imap(1), receivedAt: received)
    } throws: { error in
      guard case .attachmentWrite(let path, _) = error as? StoreError else { return false }
      return path.contains(doc.info.sha256.dropFirst(2))
    }
    #expect(try store.seen(StoreFixtures.imap(1)) == nil)
    #expect(try store.export().isEmpty)
  }

  @Test func aWrongAttachmentDigestIsCorrectedAndNoted() throws {
    let store = try LiaisonStore.temporary()
    var doc = StoreFixtures.attachment("bytes")
    doc.info.sha256 = String(repeating: "0", count: 64)
    let id = try store.record(
      raw: StoreFixtures.raw(messageID: "a@x", subject: "A", body: "b"),
      extraction: StoreFixtures.extraction(StoreFixtures.statement(), attachments: [doc]),
      origin: StoreFixtures.imap(1), receivedAt: received
    ).id
    let record = try #require(try store.statement(id: id))
    #expect(record.statement.attachments.first?.sha256 == SHA256Hex.of(doc.data))
    #expect(record.statement.defects.contains { $0.contains("does not match") })
  }

  @Test func anAttachmentWithoutADigestIsAddressedByTheStore() throws {
    let store = try LiaisonStore.temporary()
    var doc = StoreFixtures.attachment("digest left to the store")
    let expected = doc.info.sha256
    doc.info.sha256 = ""
    let id = try store.record(
      raw: StoreFixtures.raw(messageID: "a@x", subject: "A", body: "b"),
      extraction: StoreFixtures.extraction(StoreFixtures.statement(), attachments: [doc]),
      origin: StoreFixtures.imap(1), receivedAt: received
    ).id
    let record = try #require(try store.statement(id: id))
    #expect(record.statement.attachments.map(\.sha256) == [expected])
    #expect(record.statement.defects.isEmpty)
    #expect(try store.attachment(sha256: expected) == doc.data)
  }

  @Test func aCorruptedAttachmentFileIsReportedNotServed() throws {
    let store = try LiaisonStore.temporary()
    let doc = StoreFixtures.attachment("original bytes")
    _ = try store.record(
      raw: StoreFixtures.raw(messageID: "a@x", subject: "A", body: "b"),
      extraction: StoreFixtures.extraction(StoreFixtures.statement(), attachments: [doc]),
      origin: StoreFixtures.imap(1), receivedAt: received)
    let path = try #require(store.attachmentPath(sha256: doc.info.sha256))
    try Data("tampered".utf8).write(to: URL(fileURLWithPath: path))
    #expect(throws: StoreError.attachmentCorrupted(path: path)) {
      _ = try store.attachment(sha256: doc.info.sha256)
    }
  }

  @Test func provenanceAndStructuredContactsAreKept() throws {
    let store = try LiaisonStore.temporary()
    let s = StoreFixtures.statement()
    let id = try store.record(
      raw: StoreFixtures.raw(messageID: "a@x", subject: "A", body: "b"),
      extraction: StoreFixtures.extraction(s), origin: StoreFixtures.imap(1), receivedAt: received
    ).id
    let record = try #require(try store.statement(id: id))
    #expect(record.statement.sources["deadline"] == .attachment("LS-123.pdf"))
    #expect(record.statement.sources["title"] == .header)
    #expect(record.statement.toContacts == ["ccamp-chairs@ietf.org"])
    let contacts = try store.pool.read { db in
      try String.fetchAll(
        db,
        sql:
          "SELECT value FROM statement, json_each(statement.from_contacts) WHERE statement.id = ?",
        arguments: [id])
    }
    #expect(contacts == ["rapporteur@example.org"])
  }

  @Test func initialStatesFollowTheRouteAndKind() throws {
    let store = try LiaisonStore.temporary()
    let routed = try StoreFixtures.recordSample(store, uid: 1)
    var unrouted = StoreFixtures.simple(messageID: "u@x", title: "Unrouted one")
    unrouted.route = RouteDecision(reason: "no group named")
    let unroutedID = try StoreFixtures.recordSample(store, uid: 2, statement: unrouted)
    var bounce = StoreFixtures.simple(messageID: "b@x", title: "Delivery failure")
    bounce.kind = .bounce
    let bounceID = try StoreFixtures.recordSample(store, uid: 3, statement: bounce)
    #expect(try store.statement(id: routed)?.state == .open)
    #expect(try store.statement(id: unroutedID)?.state == .unrouted)
    #expect(try store.statement(id: bounceID)?.state == .closed)
  }
}
