import Foundation
import Liaison
import MIME
import Store
import Testing

@testable import Workflow

/// Responses carrying their files, and the IETF's own statements through the process, with
/// the helpers of `CommandsByMailTests` (real mails, the real extractor, a real store).
extension CommandsByMailTests {
  static let pdf: [UInt8] = Array("%PDF-1.4\n".utf8) + Array(0...255) + Array("\n%%EOF\n".utf8)

  /// A mail with a text part and one attachment, base64, as a mail client writes it.
  static func multipart(
    from: String, to: String, subject: String, text: String, file: String, data: [UInt8]
  ) -> [UInt8] {
    let encoded = Data(data).base64EncodedString(options: [.lineLength76Characters])
      .replacingOccurrences(of: "\n", with: "\r\n")
    let parts = [
      "From: \(from)", "To: \(to)", "Subject: \(subject)",
      "Message-ID: <\(UUID().uuidString)@ietf.org>", "Date: Mon, 23 Nov 2026 12:00:00 +0000",
      "MIME-Version: 1.0", "Content-Type: multipart/mixed; boundary=\"b1\"", "", "--b1",
      "Content-Type: text/plain; charset=utf-8", "", text, "--b1",
      "Content-Type: application/pdf; name=\"\(file)\"",
      "Content-Disposition: attachment; filename=\"\(file)\"",
      "Content-Transfer-Encoding: base64", "", encoded, "--b1--", "",
    ]
    return Array((authentication(from) + parts.joined(separator: "\r\n")).utf8)
  }

  static func attachments(_ mail: OutboxMail) throws -> [(String, [UInt8])] {
    try MIMEParser().parse(mail.data).root.walk().filter(\.isAttachment).map {
      ($0.filename ?? "", $0.decodedBody ?? [])
    }
  }

  var submissionAddress: String { process.configuration.submissionAddress }

  static let submissionText = """
    Title: CCAMP progress on OTN slicing\r
    From: IETF CCAMP WG\r
    To: ITU-T SG15\r
    Purpose: For Information\r
    \r
    The CCAMP WG informs SG15 of its progress.
    """

  @Test func anApprovedResponseCarriesItsAttachmentsByteForByte() async throws {
    try await receive(
      Self.multipart(
        from: Self.ad, to: respondAddress, subject: "Re: LS on OTN network slicing",
        text: "The Routing Area thanks SG15; our comments are attached.", file: "comments.pdf",
        data: Self.pdf))
    let sent = try #require(try toSDO().first)
    let files = try Self.attachments(sent)
    #expect(files.map(\.0) == ["comments.pdf"])
    #expect(files.first?.1 == Self.pdf)
    #expect(String(decoding: sent.data, as: UTF8.self).contains("Attached: comments.pdf"))
  }

  @Test func aChairsStatementWaitsForTheADThenGoesOutWithItsFile() async throws {
    let submission = try await receive(
      Self.multipart(
        from: Self.chair, to: submissionAddress, subject: "Outgoing LS",
        text: Self.submissionText, file: "progress.pdf", data: Self.pdf))
    #expect(try store.statement(id: submission)?.state == .closed)
    let pending = try #require(
      try store.export().first { $0.statement.direction == .outgoing })
    #expect(pending.id.hasPrefix("LS-"))
    #expect(pending.state == .pending)
    #expect(try store.statement(id: pending.id, scope: .publicRecord) == nil, "private until sent")
    #expect(try toSDO().isEmpty)
    let request = try #require(try outbox().first { $0.kind == "approval_request" })
    #expect(request.recipients == [Self.ad])

    try await receive(from: Self.ad, to: try approveAddress(), body: "APPROVE")
    let sent = try toSDO()
    #expect(sent.count == 1)
    let mail = try #require(sent.first)
    #expect(mail.kind == "outgoing_statement")
    #expect(try Self.attachments(mail).map(\.1) == [Self.pdf])
    let record = try #require(try store.statement(id: pending.id, scope: .publicRecord))
    #expect(record.state == .sent)
    #expect(record.statement.messageID == mail.messageID)

    // The chairs copy the central address on the statement liaisond sent: kept as a copy,
    // private, nothing sent.
    let before = try outbox().count
    let copy = try await receive(
      from: Self.chair, to: Self.sdo, cc: Self.gateway, subject: "CCAMP progress on OTN slicing",
      body: Self.submissionText)
    let copied = try #require(try store.statement(id: copy))
    #expect(copied.statement.direction == .outgoing)
    #expect(copied.events.contains { $0.kind == .copyOfOutgoing })
    #expect(try store.statement(id: copy, scope: .publicRecord) == nil)
    #expect(try outbox().count == before)
  }

  /// The other body's list hands the central address a copy of the statement liaisond sent
  /// (its Message-ID, no authentication we trust). It is our statement coming back, not an
  /// incoming one: kept privately as a copy, and nobody is notified of it. (It once took
  /// the incoming path: routed to the CCAMP chairs as a new statement, on the public record.)
  @Test func anUnauthenticatedCopyOfOursIsACopyNotAStatement() async throws {
    try await receive(from: Self.chair, to: submissionAddress, body: Self.submissionText)
    try await receive(from: Self.ad, to: try approveAddress(), body: "APPROVE")
    let sent = try #require(try toSDO().first)
    let messageID = sent.messageID
    let ours = try #require(try store.export().first { $0.statement.direction == .outgoing })
    let before = try outbox().count

    let listCopy = [
      "From: SG15 list <sg15-list@itu.int>", "To: \(Self.sdo)", "Cc: \(Self.gateway)",
      "Subject: CCAMP progress on OTN slicing", "Message-ID: \(messageID)",
      "Date: Mon, 23 Nov 2026 12:05:00 +0000", "List-Id: <sg15.itu.int>", "",
      Self.submissionText, "",
    ].joined(separator: "\r\n")
    let copy = try await receive(Array(listCopy.utf8))
    let copied = try #require(try store.statement(id: copy))
    #expect(copied.statement.authentication?.isAuthenticated != true)
    #expect(copied.statement.direction == .outgoing)
    #expect(
      copied.events.contains { $0.kind == .copyOfOutgoing && $0.detail.contains(ours.id) },
      "\(copied.events)")
    #expect(!copied.events.contains { [.routed, .notified].contains($0.kind) })
    #expect(try store.statement(id: copy, scope: .publicRecord) == nil)
    #expect(try outbox().count == before, "nobody is told of our own statement")
    let after = try #require(try store.statement(id: ours.id))
    #expect(after.events.count == ours.events.count, "a stranger writes nothing on ours")
  }

  @Test func aRejectedStatementTellsItsSubmitterAndALapsedOneToo() async throws {
    try await receive(from: Self.chair, to: submissionAddress, body: Self.submissionText)
    let first = try #require(try store.export().first { $0.statement.direction == .outgoing })
    try await receive(from: Self.ad, to: try approveAddress(), body: "REJECT not yet")
    #expect(try store.statement(id: first.id)?.state == .rejected)
    #expect(try outbox().contains { $0.kind == "command_reply" && $0.recipients == [Self.chair] })

    try await receive(
      from: Self.chair, to: submissionAddress,
      body: Self.submissionText.replacingOccurrences(of: "progress", with: "news"))
    let second = try #require(
      try store.export().first { $0.statement.direction == .outgoing && $0.id != first.id })
    try process.sendReminders(now: Self.received.addingTimeInterval(15 * 86_400))
    #expect(try store.statement(id: second.id)?.state == .lapsed)
    #expect(try toSDO().isEmpty)
    #expect(
      try store.export(scope: .publicRecord).allSatisfy { $0.statement.direction == .incoming })
  }

  @Test func aSubmissionWithProblemsIsAnsweredOnceAndRecordsNothing() async throws {
    let id = try await receive(
      from: Self.chair, to: submissionAddress, body: "From: IETF CCAMP WG\r\nTo: Nobody\r\n\r\nx")
    let replies = try outbox().filter { $0.kind == "command_reply" }
    #expect(replies.count == 1)
    let text = try MIMEParser().parse(try #require(replies.first).data).bestText ?? ""
    #expect(text.contains("Title: missing") && text.contains("Purpose: missing"))
    #expect(text.contains("To: the registry does not know"))
    #expect(try store.export().allSatisfy { $0.statement.direction == .incoming })
    // Handled once: moving it through again sends nothing more.
    try process.handleRecorded(id: id, now: Self.received)
    #expect(try outbox().filter { $0.kind == "command_reply" }.count == 1)
  }

  @Test func theLiaisonManagerHearsWhenTheDeadlinePassesUnanswered() async throws {
    try await receive(
      from: Self.chair, to: submissionAddress,
      body: Self.submissionText.replacingOccurrences(
        of: "Purpose: For Information", with: "Purpose: For Action\r\nDeadline: 2026-12-01"))
    try await receive(from: Self.ad, to: try approveAddress(), body: "APPROVE")
    #expect(try toSDO().count == 1)
    let day = ISO8601DateFormatter().date(from: "2026-12-02T08:00:00Z")!
    let notes = try process.sendReminders(now: day).filter {
      $0.dedupeKey.hasPrefix("outgoing-deadline:")
    }
    #expect(notes.map(\.to) == [["itu-t-sg15-liaison@ietf.org"]])
    #expect(try process.sendReminders(now: day.addingTimeInterval(86_400)).isEmpty)
    #expect(try toSDO().count == 1, "the other body is never reminded")
  }
}
