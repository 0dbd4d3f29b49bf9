import Liaison
import Testing

@Suite struct LabelledFieldParserTests {
  @Test func readsITUTHeaderTableRows() {
    let text = """
      Source:\tITU-T Study Group 15\t
      Title:\tLS on OTN network slicing\t
      For action to:\tIETF CCAMP WG\t
      For comment to:\t\t
      For information to:\tIETF TEAS WG\t
      Deadline:\t1 March 2027\t
      Contact:\tJane Rapporteur Rapporteur Q12/15 E-mail: Rapporteur@Example.org\t
      """
    let f = LabelledFieldParser.parse(text)
    #expect(f.title == "LS on OTN network slicing")
    #expect(f.from == ["ITU-T Study Group 15"])
    #expect(f.to == ["IETF CCAMP WG", "IETF TEAS WG"])
    #expect(f.purpose == .action)
    #expect(f.deadline == "2027-03-01")
    #expect(f.fromContacts == ["rapporteur@example.org"])
    #expect(f.looksLikeStatement)
  }

  @Test func reads3GPPContactBlockAndActions() {
    let text = """
      Title:\tLS on X
      Response to:\tLS (SG15-LS123) on Y
      Source:\tTSG SA WG2
      To:\tIETF DetNet WG
      Contact Person:
      Name:\tJohn Doe
      E-mail Address:\tjohn.doe@example.com
      Send any reply LS to:\t3GPP Liaisons Coordinator, mailto:3GPPLiaison@etsi.org

      2. Actions:
      ACTION: SA WG2 asks DetNet to reply.
      """
    let f = LabelledFieldParser.parse(text)
    #expect(f.inResponseTo == "SG15-LS123")
    #expect(f.fromContacts == ["john.doe@example.com"])
    #expect(f.sendReplyTo == "3gppliaison@etsi.org")
    #expect(f.purpose == .action)
    #expect(f.otherIdentifiers.isEmpty)
  }

  @Test func separatesBodiesFromTheirContacts() {
    let f = LabelledFieldParser.parse(
      """
      From: ITU-T-SG-15 (Stephen Trowbridge <steve@example.com>)
      To: IETF-CCAMP (Chairs <ccamp-chairs@ietf.org>, AD <rtg-ads@ietf.org>)
      Purpose: For action
      """)
    #expect(f.from == ["ITU-T-SG-15"])
    #expect(f.fromContacts == ["steve@example.com"])
    #expect(f.to == ["IETF-CCAMP"])
    #expect(f.toContacts == ["ccamp-chairs@ietf.org", "rtg-ads@ietf.org"])
  }

  @Test func dropsPeopleAndRolesFromProseLetterBodies() {
    let f = LabelledFieldParser.parse(
      "From:    Glenn Parsons, Chair, IEEE 802.1 WG\nTo: IETF DetNet WG\n")
    #expect(f.from == ["IEEE 802.1 WG"])
  }

  @Test func ignoresQuotedAndForwardedText() {
    let f = LabelledFieldParser.parse(
      """
      Thanks for the LS.
      > Purpose: For action
      > To: IETF CCAMP WG
      -----Original Message-----
      Title: The original
      """)
    #expect(f.purpose == nil)
    #expect(f.to.isEmpty)
    #expect(f.title == nil)
  }

  @Test func keepsAProseDeadlineAsText() {
    let f = LabelledFieldParser.parse("Purpose: For action\nDeadline: before the next plenary\n")
    #expect(f.deadline == nil)
    #expect(f.deadlineText == "before the next plenary")
  }

  @Test func findsPurposeInProse() {
    #expect(
      LabelledFieldParser.purposeInProse("We send this for your information.") == .information)
    #expect(LabelledFieldParser.purposeInProse("> for action\nHello") == nil)
  }
}
