import Liaison
import Testing

@Suite struct SubmissionParserTests {
  @Test func fieldsThenABlankLineThenTheText() {
    let submission = SubmissionParser.parse(
      """

      Title: LS on OTN
        slicing
      from: IETF CCAMP WG
      TO: ITU-T SG15
      Send-To: SG15 <tsbsg15@itu.int>, other@itu.int
      Purpose: For Action
      Deadline: 1 March 2027
      Cc: a@example.org; b@example.org
      Technical Contact: Alice <alice@example.net>
      In Response To: SG15-LS123

      The text.

      Second paragraph: with a colon.
      """)
    #expect(submission.title == "LS on OTN slicing")
    #expect(submission.fromGroup == "IETF CCAMP WG")
    #expect(submission.toBody == "ITU-T SG15")
    #expect(submission.sendTo == ["tsbsg15@itu.int", "other@itu.int"])
    #expect(submission.purpose == .action)
    #expect(submission.deadline == "2027-03-01")
    #expect(submission.cc == ["a@example.org", "b@example.org"])
    #expect(submission.technicalContacts == ["alice@example.net"])
    #expect(submission.inResponseTo == "SG15-LS123")
    #expect(submission.text == "The text.\n\nSecond paragraph: with a colon.")
    #expect(submission.unreadable.isEmpty)
  }

  @Test func unknownLabelsAndBadValuesAreProblemsNotSilence() {
    let submission = SubmissionParser.parse(
      "Title: x\nColour: blue\nSend To: not an address\nDeadline: soon\nPurpose: lunch\n\nText")
    #expect(submission.unreadable.map(\.field) == ["Colour", "Send To"])
    #expect(submission.deadline == nil && submission.deadlineText == "soon")
    #expect(submission.purpose == nil && submission.purposeText == "lunch")
    #expect(submission.sendTo.isEmpty)
  }

  @Test func textWithoutABlankLineEndsTheFields() {
    let submission = SubmissionParser.parse("Title: x\nThe statement starts here.")
    #expect(submission.title == "x")
    #expect(submission.text == "The statement starts here.")
  }
}
