import Liaison
import MIME
import Testing

@Suite struct DeadlineParserTests {
  @Test(arguments: [
    ("2027-03-01", "2027-03-01"), ("1 March 2027", "2027-03-01"), ("March 1, 2027", "2027-03-01"),
    ("15 Jan. 2027", "2027-01-15"), ("1st March 2027", "2027-03-01"),
    ("Jan. 15, 2027", "2027-01-15"),
    ("01-Mar-2027", "2027-03-01"), ("2027/03/01", "2027-03-01"), ("31/12/2027", "2027-12-31"),
    ("by 29 February 2028 at the latest", "2028-02-29"),
  ])
  func readsEachFormat(text: String, iso: String) {
    #expect(DeadlineParser.isoDate(in: text) == iso)
  }

  @Test(arguments: [
    "before the next SG15 meeting", "03/04/2027", "29 February 2027", "31 März 2027", "Q1 2027",
    "",
  ])
  func refusesToGuess(text: String) {
    #expect(DeadlineParser.isoDate(in: text) == nil)
  }

  @Test func findsDeadlinesInProse() {
    let dated = DeadlineParser.deadlineInProse(
      "We would appreciate your comments by 15 Jan. 2027. Thanks.")
    #expect(dated?.iso == "2027-01-15")
    #expect(dated?.text == "comments by 15 Jan. 2027")
    let undated = DeadlineParser.deadlineInProse(
      "Please reply before your next plenary.\n\nRegards")
    #expect(undated?.iso == nil)
    #expect(undated?.text == "reply before your next plenary")
    #expect(DeadlineParser.deadlineInProse("No request here.") == nil)
  }
}

@Suite struct PurposeParserTests {
  @Test(arguments: [
    ("For action", "action"), ("For: Action", "action"), ("ACTION", "action"),
    ("For Comment", "comment"), ("For comments", "comment"), ("In Response", "response"),
    ("For information", "information"), ("Information", "information"), ("for info", "information"),
  ])
  func normalisesLabels(label: String, purpose: String) {
    #expect(PurposeParser.purpose(of: label)?.rawValue == purpose)
  }

  @Test func unknownLabelsAreNil() {
    #expect(PurposeParser.purpose(of: "For approval") == nil)
    #expect(PurposeParser.purpose(of: "") == nil)
  }
}

@Suite struct IdentifierScannerTests {
  @Test func findsITUTAnd3GPPIdentifiers() {
    let text = "SG15-LS123 answers S2-2609876 and RP-261234; see also TSAG-LS12 and SG15-LS123."
    #expect(
      IdentifierScanner.identifiers(in: text) == [
        "SG15-LS123", "S2-2609876", "RP-261234", "TSAG-LS12",
      ])
  }

  @Test func ignoresLookalikes() {
    #expect(
      IdentifierScanner.identifiers(in: "xS2-2609876 S2-26098761 S9-260987 SG150-LS1 RFC-9000")
        .isEmpty)
  }
}

@Suite struct AddressNormaliserTests {
  @Test func lowerCasesDeduplicatesAndKeepsOrder() {
    let text =
      "Jane <Jane.Doe@Example.ORG>, mailto:3GPPLiaison@etsi.org; jane.doe@example.org (again)"
    #expect(
      AddressNormaliser.addresses(in: text) == ["jane.doe@example.org", "3gppliaison@etsi.org"])
  }

  @Test func rejectsNonAddresses() {
    #expect(
      AddressNormaliser.addresses(in: "user@localhost @example.org a@b.c1 plain text").isEmpty)
  }

  /// Extraction keeps only what composing accepts: these would pass a character check.
  @Test(arguments: [
    "a..b@example.org", "a.@example.org", "a@example-.org", "a@-example.org",
    "a@exa--mple-.org",
    "a@" + String(repeating: "d", count: 64) + ".org",
  ])
  func extractsOnlyWhatMailAddressAccepts(token: String) {
    #expect(AddressNormaliser.normalise(token) == nil)
    #expect((try? MailAddress(token)) == nil)
    #expect(
      AddressNormaliser.addresses(in: "Send Reply To: \(token), ok@example.org") == [
        "ok@example.org"
      ])
  }
}

@Suite struct FileNameSanitiserTests {
  @Test(arguments: [
    ("../../etc/passwd", "passwd"), ("C:\\Users\\x\\LS.docx", "LS.docx"),
    ("evil\u{0}.pdf", "evil.pdf"),
    ("report\u{202E}fdp.exe", "reportfdp.exe"), ("..", "attachment-1"), ("", "attachment-1"),
    ("  .hidden", "hidden"), ("LS on <OTN>.pdf", "LS on OTN.pdf"),
  ])
  func makesNamesSafe(raw: String, safe: String) {
    let result = FileNameSanitiser.sanitise(raw, fallback: "attachment-1")
    #expect(result.name == safe)
    #expect(result.changed == (raw != safe))
  }

  @Test func capsTheLengthButKeepsTheExtension() {
    let name = FileNameSanitiser.sanitise(
      String(repeating: "a", count: 500) + ".pdf", fallback: "x"
    ).name
    #expect(name.count == FileNameSanitiser.maxLength)
    #expect(name.hasSuffix(".pdf"))
  }
}

@Suite struct HTMLTextTests {
  @Test func dropsScriptsAndKeepsTableRowsTogether() {
    let html = """
      <html><head><title>x</title></head><body><script>alert("Title: no")</script>
      <table><tr><td>Title:</td><td>LS on&nbsp;OTN &amp; more</td></tr></table><!-- To: hidden --></body></html>
      """
    let text = HTMLText.text(fromHTML: html)
    #expect(text.contains("Title:\tLS on OTN & more"))
    #expect(!text.contains("alert"))
    #expect(!text.contains("hidden"))
  }
}
