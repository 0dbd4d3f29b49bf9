import Foundation
import Liaison
import MIME

@testable import Store

/// Messages and extractions shaped like real liaison mail, built in code so that every
/// test says exactly what it stores.
enum StoreFixtures {
  static func raw(messageID: String, subject: String, body: String, extraHeader: String = "")
    -> [UInt8]
  {
    Array(
      """
      Received: from mx.example.org by mail.ietf.org; Mon, 23 Nov 2026 10:00:00 +0000\r
      Message-ID: <\(messageID)>\r
      From: Rapporteur <rapporteur@example.org>\r
      To: statements@ietf.org\r
      Subject: \(subject)\r
      \(extraHeader)MIME-Version: 1.0\r
      Content-Type: text/plain; charset=utf-8\r
      \r
      \(body)\r

      """.utf8)
  }

  static func statement(
    title: String = "LS on OTN network slicing", messageID: String = "ls-1@itu.int",
    body: String = "ITU-T SG15 informs the IETF about progress on OTN network slicing.",
    purpose: Purpose? = .action, deadline: String? = "2027-03-01", groups: [String] = ["ccamp"],
    identifiers: [String] = ["SG15-LS123"], inResponseTo: String? = nil, inReplyTo: [String] = []
  ) -> ExtractedStatement {
    ExtractedStatement(
      kind: .statement, title: title, from: ["ITU-T SG15"],
      fromContacts: ["rapporteur@example.org"],
      sendReplyTo: "tsbsg15@itu.int", to: ["IETF CCAMP WG"], toContacts: ["ccamp-chairs@ietf.org"],
      sendTo: nil, cc: ["liaison-coordination@iab.org"], purpose: purpose, deadline: deadline,
      deadlineText: deadline.map { "by \($0)" }, inResponseTo: inResponseTo,
      otherIdentifiers: identifiers, attachments: [],
      route: RouteDecision(
        groups: groups, recipients: groups.map { "\($0)-chairs@ietf.org" }, misdirected: false,
        reason: groups.isEmpty ? "no group named" : "To names IETF CCAMP WG"),
      body: body, messageID: "<\(messageID)>", inReplyTo: inReplyTo,
      sources: [
        "title": .header, "from": .body, "deadline": .attachment("LS-123.pdf"), "purpose": .body,
      ],
      defects: [])
  }

  static func attachment(_ text: String, filename: String = "LS-123.txt") -> ExtractedAttachment {
    let data = Array(text.utf8)
    return ExtractedAttachment(
      info: AttachmentInfo(
        filename: filename, contentType: "text/plain", size: data.count,
        sha256: SHA256Hex.of(data)),
      data: data, text: text)
  }

  static func extraction(_ statement: ExtractedStatement, attachments: [ExtractedAttachment] = [])
    -> Extraction
  {
    var statement = statement
    statement.attachments = attachments.map(\.info)
    return Extraction(statement: statement, attachments: attachments)
  }

  static func date(_ iso: String) -> Date {
    try! Date(iso, strategy: .iso8601)
  }

  static func imap(_ uid: UInt32, validity: UInt32 = 7, mailbox: String = "INBOX") -> MessageOrigin
  {
    .imap(mailbox: mailbox, uidValidity: validity, uid: uid)
  }

  /// Records a simple statement and returns its id.
  static func recordSample(
    _ store: LiaisonStore, uid: UInt32, statement: ExtractedStatement? = nil,
    at date: Date = StoreFixtures.date("2026-11-23T12:00:00Z")
  ) throws -> String {
    let s =
      statement
      ?? StoreFixtures.simple(messageID: "sample-\(uid)@example.org", title: "LS number \(uid)")
    let raw = raw(messageID: s.messageID ?? "x", subject: s.title ?? "", body: s.body ?? "")
    return try store.record(
      raw: raw, extraction: extraction(s), origin: imap(uid), receivedAt: date
    ).id
  }
}

extension StoreFixtures {
  static func simple(messageID: String, title: String) -> ExtractedStatement {
    statement(title: title, messageID: messageID, body: "Body of \(title).")
  }
}
