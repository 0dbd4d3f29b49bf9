import Testing

@testable import MailTransport

@Suite struct ResponseParsingTests {
  @Test func statusLine() {
    let status = IMAPResponse.status(in: [
      "* STATUS \"INBOX\" (MESSAGES 3 UIDNEXT 9 UIDVALIDITY 1795435361)", "A1 OK done",
    ])
    #expect(status == MailboxStatus(uidValidity: 1_795_435_361, uidNext: 9, messages: 3))
    #expect(IMAPResponse.status(in: ["* STATUS INBOX (UIDNEXT 99999999999 UIDVALIDITY 1)"]) == nil)
    #expect(IMAPResponse.status(in: ["* STATUS INBOX ("]) == nil)
  }

  @Test func searchSizesAndCapabilities() {
    #expect(IMAPResponse.searchUIDs(in: ["* SEARCH 9 3 3 x 0", "* SEARCH 12"]) == [3, 9, 12])
    #expect(
      IMAPResponse.sizes(in: ["* 1 FETCH (RFC822.SIZE 120 UID 7)", "* 2 FETCH (UID 8)", "junk"])
        == [7: 120])
    #expect(
      IMAPResponse.capabilities(in: [
        "* OK [CAPABILITY IMAP4rev1 IDLE] ready", "* CAPABILITY move UIDPLUS",
      ])
        == ["IMAP4REV1", "IDLE", "MOVE", "UIDPLUS"])
    #expect(IMAPResponse.sequenceSet([5, 1, 2, 3, 9, 10]) == "1:3,5,9:10")
  }

  @Test func esearchSets() {
    #expect(
      IMAPResponse.esearchUIDs(
        in: ["* ESEARCH (TAG \"A5\") UID ALL 1:3,7,9:10", "A5 OK"], limit: 100) == [
          1, 2, 3, 7, 9, 10,
        ])
    #expect(
      IMAPResponse.esearchUIDs(in: ["* ESEARCH (TAG \"A5\") UID", "A5 OK"], limit: 100) == [])
    #expect(
      IMAPResponse.esearchUIDs(in: ["* ESEARCH (TAG \"A5\") UID ALL 1:4294967295"], limit: 100)
        == nil)
    #expect(IMAPResponse.esearchUIDs(in: ["* ESEARCH (TAG \"A5\") UID ALL 1:x"], limit: 100) == nil)
  }

  @Test func smtpReplies() {
    #expect(SMTPReply(line: "550 5.1.1 unknown") == SMTPReply(code: 550, text: "5.1.1 unknown"))
    #expect(SMTPReply(line: "250-SIZE 100")?.code == 250)
    #expect(SMTPReply(line: "hello") == nil)
    #expect(SMTPReply(code: 451, text: "later").isPermanent == false)
    #expect(SMTPReply(code: 554, text: "no").isPermanent)
  }

  @Test(arguments: [
    ("2.0.0 Ok: queued as 4F0C21A3B2", "4F0C21A3B2"),  // Postfix
    ("2.0.0 OK queued as 1700.abc.mailbench", "1700.abc.mailbench"),  // the bench's aiosmtpd
    ("OK id=1rAbCd-0004Xy-2Q", "1rAbCd-0004Xy-2Q"),  // Exim
    ("2.0.0 4ANFx1Q2012345 Message accepted for delivery", "4ANFx1Q2012345"),  // sendmail
  ])
  func smtpQueueIDs(text: String, id: String) {
    let report = SMTPDeliveryReport(outcomes: [], dataReply: SMTPReply(code: 250, text: text))
    #expect(report.queueID == id)
  }

  @Test func smtpQueueIDAbsentOrUnsafeIsNil() {
    for text in [
      "2.0.0 OK", "OK  1700000000 d12-20020a05 - gsmtp", "queued as", "queued as a\u{7}b",
    ] {
      let report = SMTPDeliveryReport(outcomes: [], dataReply: SMTPReply(code: 250, text: text))
      #expect(report.queueID == nil, "\(text)")
    }
    #expect(SMTPDeliveryReport(outcomes: []).queueID == nil)
  }

  @Test func errorsNameTheServerAndStepAndClassify() {
    let refused = MailTransportError.curl(
      server: "imaps://mail.example.org:993", step: "STATUS INBOX", code: 7, message: "refused",
      reply: nil)
    #expect(refused.description.hasPrefix("imaps://mail.example.org:993: STATUS INBOX failed"))
    #expect(refused.isTemporary)
    let smtp550 = MailTransportError.curl(
      server: "smtp://x", step: "send", code: 55, message: "failed", reply: "550 5.7.1 no relay")
    #expect(!smtp550.isTemporary)
    let smtp451 = MailTransportError.smtpRejected(
      server: "smtp://x", step: "DATA", reply: SMTPReply(code: 451, text: "try later"))
    #expect(smtp451.isTemporary)
    #expect(
      CurlEasy.failureReply(in: [
        "A8 NO [TRYCREATE] no such mailbox", "* BYE Logging out", "A9 OK Logout",
      ])
        == "A8 NO [TRYCREATE] no such mailbox")
  }
}
