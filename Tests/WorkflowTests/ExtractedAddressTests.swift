import Foundation
import Liaison
import MIME
import Store
import Testing

@testable import Workflow

/// Whatever address extraction takes from a statement can be written into a mail: a
/// Send Reply To that `MailAddress` refuses is not extracted, so it cannot stop intake
/// when a response to it is composed; the acknowledgement goes to the authenticated From.
@Suite struct ExtractedAddressTests {
  @Test(arguments: [
    "a..b@example.org", ".a@example.org", "a.@example.org", "\"a b\"@example.org",
    "j\u{fc}rgen@example.org", "a@-example.org", "a@[192.0.2.1]", "tsbsg15@ITU.int",
    String(repeating: "l", count: 65) + "@example.org", "mailto:Rapporteur.Q11@itu.int.",
  ])
  func anExtractedSendReplyToAlwaysComposes(sendReplyTo: String) async throws {
    let text = """
      Authentication-Results: \(LiaisonProcessTests.mta); dmarc=pass header.from=example.org
      From: Rapporteur <rapporteur@example.org>
      To: liaison-coordination@iab.example
      Subject: LS on OTN network slicing
      Message-ID: <\(UUID().uuidString)@itu.int>

      Title: LS on OTN network slicing
      From: ITU-T SG15
      To: IETF CCAMP WG
      Send Reply To: \(sendReplyTo)
      Purpose: For information

      Please consider.
      """
    let raw = Array(text.replacingOccurrences(of: "\n", with: "\r\n").utf8)
    let extraction = await LiaisonExtractor(
      options: .init(
        gatewayAddresses: ["liaison-coordination@iab.example"],
        trustedAuthservIDs: [LiaisonProcessTests.mta])
    ).extract(try MIMEParser().parse(raw), raw: raw)
    if let extracted = extraction.statement.sendReplyTo {
      #expect(throws: Never.self) { try MailAddress(extracted) }
    }

    let store = try LiaisonStore.temporary()
    let process = LiaisonProcessTests.makeProcess(
      store: store, gateway: "liaison-coordination@iab.example")
    let id = try store.record(
      raw: raw, extraction: extraction, origin: .file(path: "/tmp/\(UUID()).eml"),
      receivedAt: LiaisonProcessTests.received
    ).id
    try process.handleRecorded(id: id, now: LiaisonProcessTests.received)
    let acks = try store.dueOutbox(now: .distantFuture, limit: 10).map(\.mail).filter {
      $0.kind == "acknowledgement"
    }
    #expect(acks.map(\.recipients) == [["rapporteur@example.org"]])
    let record = try #require(try store.statement(id: id))
    let destination = try #require(process.replies.destination(of: record.statement))
    let response = process.composer.response(
      draft: record, original: record, to: destination, cc: [],
      replyTo: process.configuration.gatewayAddress)
    let composed = try process.outboxMail(response, now: LiaisonProcessTests.received)
    #expect(composed?.recipients == [extraction.statement.sendReplyTo ?? "rapporteur@example.org"])
  }
}
