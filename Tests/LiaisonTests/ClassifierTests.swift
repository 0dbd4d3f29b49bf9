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
    "Precedence: bulk\n", "Precedence: junk\n", "Precedence: list\n", "Precedence: auto_reply\n",
    "X-Autoreply: yes\n", "X-Auto-Response-Suppress: All\n", "List-Id: <ccamp.ietf.org>\n",
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
