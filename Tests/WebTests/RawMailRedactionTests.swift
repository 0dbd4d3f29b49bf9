import Liaison
import Testing

@testable import Web

@Suite("Raw view redaction and command addresses")
struct RawMailRedactionTests {
  static let addresses = CommandAddresses(gateways: ["Liaison-Coordination@iab.org"])

  static func view(_ text: String) -> String {
    String(
      decoding: RawMailRedaction.publicView(of: Array(text.utf8), commandAddresses: addresses),
      as: UTF8.self)
  }

  @Test("our relays' fields go, the sender's stay, byte for byte")
  func relayFields() {
    let mail = """
      Return-Path: <rapporteur@itu.int>\r
      Delivered-To: liaison-coordination@iab.org\r
      Received: from mail.itu.int (mail.itu.int [192.0.2.1])\r
      \tby mx.iab.org (Postfix) with ESMTPS id 4F2;\r
      \tMon, 23 Nov 2026 10:00:00 +0000\r
      X-Original-To: liaison-coordination@iab.org\r
      Authentication-Results: mx.iab.org; dkim=pass header.d=itu.int\r
      ARC-Seal: i=1; a=rsa-sha256; d=iab.org; s=arc; b=xyz\r
      X-Spam-Status: No, score=-1.0\r
      DKIM-Signature: v=1; a=rsa-sha256; d=itu.int; s=sel; h=from:to; b=abc\r
      From: Rapporteur <rapporteur@itu.int>\r
      To: liaison-coordination@iab.org\r
      Subject: LS on OTN\r
      \r
      Received: in the body is text, not a field.\r

      """
    #expect(
      Self.view(mail) == """
        DKIM-Signature: v=1; a=rsa-sha256; d=itu.int; s=sel; h=from:to; b=abc\r
        From: Rapporteur <rapporteur@itu.int>\r
        To: liaison-coordination@iab.org\r
        Subject: LS on OTN\r
        \r
        Received: in the body is text, not a field.\r

        """)
  }

  @Test("a field naming a command address goes, even folded; in the body the address is cut")
  func commandAddressFields() {
    let mail = """
      From: chair@ietf.org\n\
      To: ccamp@ietf.org,\n\
       liaison-coordination+ls-2026-0042.k7q3x9m2fpwd@iab.org\n\
      X-Liaison-Respond: <LIAISON-COORDINATION+ls-2026-0042.k7q3x9m2fpwd@IAB.ORG>\n\
      Subject: Re: LS\n\
      \n\
      > Reply to liaison-coordination+ls-2026-0042.k7q3x9m2fpwd@iab.org to respond.\n\
      Write to liaison-coordination@iab.org or chair+ccamp@ietf.org.\n
      """
    let view = Self.view(mail)
    #expect(
      view == """
        From: chair@ietf.org\n\
        Subject: Re: LS\n\
        \n\
        > Reply to \(CommandAddresses.placeholder) to respond.\n\
        Write to liaison-coordination@iab.org or chair+ccamp@ietf.org.\n
        """)
    #expect(!view.contains("k7q3x9m2fpwd"))
  }

  @Test("the gateway's own tags are command addresses whatever the gateway")
  func tagsWithoutConfiguration() {
    let unconfigured = CommandAddresses()
    #expect(
      unconfigured.redact("a x+ls-2026-0001@other.org b x+new@other.org c x+MSG-2026-1@o.org d")
        == "a \(CommandAddresses.placeholder) b \(CommandAddresses.placeholder) c "
        + "\(CommandAddresses.placeholder) d")
    #expect(unconfigured.redact("a+b@example.org, a+ls@x") == "a+b@example.org, a+ls@x")
    #expect(
      Self.addresses.redact("liaison-coordination+anything@iab.org.")
        == CommandAddresses.placeholder + ".")
    #expect(Self.addresses.redact("no addresses here") == "no addresses here")
    #expect(Self.addresses.redact("+@iab.org ++ @ +x@") == "+@iab.org ++ @ +x@")
  }

  @Test("a mail without a body or a blank line is all header")
  func headerOnly() {
    #expect(Self.view("Received: x\r\nSubject: s\r\n") == "Subject: s\r\n")
    #expect(Self.view("") == "")
    #expect(Self.view("Subject: no newline") == "Subject: no newline")
  }
}
