import Foundation
import Liaison
import MIME
import Testing

@Suite struct ClassifierTests {
  func message(_ headers: String, body: String = "Hello.\n") throws -> MIMEMessage {
    try MIMEParser().parse(
      Array((headers + "\r\n" + body).replacingOccurrences(of: "\n", with: "\r\n").utf8))
  }

  @Test(arguments: [
    "Auto-Submitted: auto-replied\n", "Auto-Submitted: auto-generated; owner-email=x@y.org\n",
    "Precedence: bulk\n", "Precedence: junk\n", "Precedence: auto_reply\n", "X-Autoreply: yes\n",
  ])
  func recognisesAutomaticMail(header: String) throws {
    let m = try message("From: a@example.org\nSubject: hi\n" + header)
    #expect(MessageClassifier.automaticReason(m) != nil)
  }

  @Test func ordinaryMailIsNotAutomatic() throws {
    let m = try message(
      "From: a@example.org\nSubject: LS on X\nAuto-Submitted: no\nPrecedence: normal\n")
    #expect(MessageClassifier.automaticReason(m) == nil)
    #expect(MessageClassifier.bounceReason(m) == nil)
  }

  /// Exchange adds X-Auto-Response-Suppress to mail a person wrote; list mail may carry a
  /// statement: neither is automatic by itself.
  @Test(arguments: [
    "X-Auto-Response-Suppress: All\n", "List-Id: <ccamp.ietf.org>\n", "Precedence: list\n",
  ])
  func notAutomaticByItself(header: String) throws {
    let m = try message("From: a@example.org\nSubject: hi\n" + header)
    #expect(MessageClassifier.automaticReason(m) == nil)
    #expect(MessageClassifier.bounceReason(m) == nil)
  }

  @Test func listMailIsMarked() throws {
    let m = try message("From: a@example.org\nSubject: hi\nList-Id: CCAMP <ccamp.ietf.org>\n")
    #expect(MessageClassifier.listMarker(m) == "List-Id: CCAMP <ccamp.ietf.org>")
    let p = try message("From: a@example.org\nSubject: hi\nPrecedence: list\n")
    #expect(MessageClassifier.listMarker(p) == "Precedence: list")
  }

  @Test(arguments: [
    ("From: MAILER-DAEMON@mx.example.net\nSubject: hello\n", "Hi.\n"),
    ("From: postmaster@example.org\nSubject: Notice\n", "Hi.\n"),
    ("From: a@example.org\nReturn-Path: <>\nSubject: Notice\n", "Hi.\n"),
    ("From: a@example.org\nSubject: failure notice\n", "Hi. This is the qmail-send program.\n"),
    (
      "From: mail@relay.example.org\nSubject: Returned\n",
      "-- copy --\nFrom: liaison-coordination@iab.org\nX-Liaison-Statement: LS-2026-0001\n\nText\n"
    ),
    (
      "From: mail@relay.example.org\nSubject: Returned\n",
      "-- copy --\nMessage-ID: <mk2q1.abc@iab.org>\n\nText\n"
    ),
  ])
  func recognisesBounces(header: String, body: String) throws {
    let m = try message(header, body: body)
    #expect(MessageClassifier.bounceReason(m, ownDomains: ["iab.org"]) != nil)
  }

  /// Our Message-ID in the reply's own References is a reply, not a bounce.
  @Test func referencesToOurMailAreNoBounce() throws {
    let m = try message(
      "From: chair@example.org\nSubject: Re: LS\nReferences: <mk2q1.abc@iab.org>\n"
        + "In-Reply-To: <mk2q1.abc@iab.org>\n", body: "We will review it.\n")
    #expect(MessageClassifier.bounceReason(m, ownDomains: ["iab.org"]) == nil)
  }

  @Test func recognisesDeliveryStatusNotifications() throws {
    let m = try message(
      "From: MAILER-DAEMON@mail.example.org\nSubject: Undelivered Mail\nMIME-Version: 1.0\n"
        + "Content-Type: multipart/report; report-type=delivery-status; boundary=b\n",
      body:
        "--b\nContent-Type: text/plain\n\nfailed\n--b\nContent-Type: message/delivery-status\n\n"
        + "Final-Recipient: rfc822; x@example.org\n--b--\n")
    #expect(MessageClassifier.bounceReason(m) != nil)
  }

  @Test func plusAddressesCarryTheStatementID() {
    let gateways = ["liaison-coordination@iab.org"]
    #expect(
      MessageClassifier.statementID(
        inPlusAddress: "Liaison-Coordination+LS-2026-0042@IAB.org", gateways: gateways)
        == "LS-2026-0042")
    #expect(
      MessageClassifier.statementID(inPlusAddress: "other+ls-2026-0042@iab.org", gateways: gateways)
        == nil)
    #expect(
      MessageClassifier.statementID(
        inPlusAddress: "liaison-coordination+hello@iab.org", gateways: gateways) == nil)
  }
}
