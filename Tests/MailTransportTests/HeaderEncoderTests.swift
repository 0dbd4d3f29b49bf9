import Foundation
import MIME
import Testing

@testable import MailTransport

@Suite struct HeaderEncoderTests {
  @Test(arguments: [
    "Hello\r\nBcc: victim@example.org", "Hello\nBcc: victim@example.org", "Hello\rX: y",
    "nul\u{0}byte",
  ])
  func lineBreaksAndNULAreRefusedInEveryValue(value: String) throws {
    #expect(throws: MailTransportError.self) { try HeaderEncoder.unstructured("Subject", value) }
    #expect(throws: MailTransportError.self) { try OutgoingMessage.Header("X-Liaison", value) }
    #expect(throws: MailTransportError.self) {
      try HeaderEncoder.checkMessageID("<\(value)@x>", field: "Message-ID")
    }
  }

  @Test(arguments: ["", "Bcc:", "X Liaison", "X-\u{e9}", "a\r\nb"])
  func invalidFieldNamesAreRefused(name: String) {
    #expect(throws: MailTransportError.self) { try HeaderEncoder.checkName(name) }
  }

  @Test func asciiSubjectIsKeptAsIs() throws {
    #expect(
      try HeaderEncoder.unstructured("Subject", "LS on OTN network slicing")
        == "Subject: LS on OTN network slicing")
  }

  @Test func nonASCIIBecomesEncodedWords() throws {
    #expect(
      try HeaderEncoder.unstructured("Subject", "Grüße") == "Subject: =?UTF-8?B?R3LDvMOfZQ==?=")
  }

  @Test func somethingThatLooksLikeAnEncodedWordIsEncoded() throws {
    let field = try HeaderEncoder.unstructured("Subject", "=?UTF-8?B?PHNjcmlwdD4=?=")
    #expect(field.hasPrefix("Subject: =?UTF-8?B?"))
    #expect(!field.contains("PHNjcmlwdD4=?= "))
  }

  @Test func longValuesAreFoldedAt78() throws {
    let words = (0..<40).map { "word\($0)" }.joined(separator: " ")
    let ascii = try HeaderEncoder.unstructured("Subject", words)
    let unicode = try HeaderEncoder.unstructured(
      "Subject", String(repeating: "Ünïcödé ", count: 30))
    for field in [ascii, unicode] {
      let lines = field.split(separator: "\r\n", omittingEmptySubsequences: false)
      #expect(lines.count > 1)
      for line in lines { #expect(line.utf8.count <= 78) }
      for line in lines.dropFirst() { #expect(line.hasPrefix(" ")) }
      #expect(!field.contains("\n\r") && !field.hasSuffix("\r\n"))
    }
    // Unfolding (removing CRLF before the space) gives the words back.
    #expect(ascii.replacingOccurrences(of: "\r\n", with: "") == "Subject: " + words)
    // An encoded word too long for the first line starts on the next one.
    #expect(unicode.hasPrefix("Subject:\r\n =?UTF-8?B?"))
  }

  @Test func encodedWordsNeverSplitACharacter() {
    let words = HeaderEncoder.encodedWords(String(repeating: "€", count: 40))
    for word in words {
      #expect(word.utf8.count <= 75)
      let payload = word.dropFirst("=?UTF-8?B?".count).dropLast(2)
      #expect(payload.count % 4 == 0)
    }
    // 40 three-byte characters, at most 15 per word.
    #expect(words.count == 3)
  }

  @Test func displayNamesAreQuotedOrEncoded() throws {
    let list = try HeaderEncoder.addressList(
      "To",
      [
        try MailAddress("a@example.org", displayName: "Chair, CCAMP"),
        try MailAddress("b@example.org", displayName: "Jürgen"),
        try MailAddress("c@example.org"),
      ])
    #expect(
      list
        == "To: \"Chair, CCAMP\" <a@example.org>, =?UTF-8?B?SsO8cmdlbg==?= <b@example.org>,\r\n c@example.org"
        || list
          == "To: \"Chair, CCAMP\" <a@example.org>, =?UTF-8?B?SsO8cmdlbg==?= <b@example.org>, c@example.org"
    )
  }
}
