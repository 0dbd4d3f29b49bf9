import Liaison
import Routing
import Testing

@Suite struct SubmissionValidatorTests {
  let validator = SubmissionValidator(
    router: StatementRouter(
      registry: RoutingRegistry.embedded,
      options: .init(
        gatewayAddresses: ["liaison-coordination@iab.org"], iabContact: "iab@iab.org",
        irtfContact: "irtf-chair@irtf.org")),
    maximumAttachmentBytes: 1000)

  func submission(
    from: String = "IETF CCAMP WG", to: String = "ITU-T SG15", purpose: Purpose = .information,
    deadline: String? = nil, attachments: [AttachmentInfo] = []
  ) -> OutgoingSubmission {
    OutgoingSubmission(
      title: "A title", fromGroup: from, toBody: to, purpose: purpose,
      purposeText: purpose.rawValue, deadline: deadline, text: "Text.", attachments: attachments)
  }

  @Test func whoMaySubmitForAWorkingGroup() {
    let good = submission()
    for address in ["ccamp-chairs@ietf.org", "rtg-ads@ietf.org", "itu-t-sg15-liaison@ietf.org"] {
      #expect(
        validator.check(good, submitter: address, today: "2026-12-07").plan != nil, "\(address)")
    }
    for address in ["teas-chairs@ietf.org", "someone@example.org", "cfrg-chairs@irtf.org"] {
      #expect(
        validator.check(good, submitter: address, today: "2026-12-07").problems.map(\.field)
          == ["Submitter"], "\(address)")
    }
  }

  @Test func theApproversFollowSeed004() throws {
    let wg = try #require(validator.check(submission(), submitter: nil, today: "2026-12-07").plan)
    #expect(wg.approvers.addresses == ["rtg-ads@ietf.org"])
    let iab = try #require(
      validator.check(submission(from: "IAB"), submitter: nil, today: "2026-12-07").plan)
    #expect(iab.approvers.addresses == ["iab-chair@iab.org", "execd@iab.org"])
    let rg = try #require(
      validator.check(
        submission(from: "IRTF CFRG RG", to: "ITU-T SG17"), submitter: nil,
        today: "2026-12-07"
      ).plan)
    #expect(rg.approvers.addresses == ["irtf-chair@irtf.org"])
    #expect(rg.copies.contains("iab@iab.org"))
    #expect(rg.sendTo == ["tsbsg17@itu.int"])
  }

  @Test func everyProblemAtOnce() {
    let info = AttachmentInfo(
      filename: "big.pdf", contentType: "application/pdf", size: 1001, sha256: "")
    let check = validator.check(
      submission(from: "IETF NOSUCH WG", to: "Nobody Known", purpose: .action, attachments: [info]),
      submitter: nil, today: "2026-12-07")
    #expect(check.problems.map(\.field) == ["From", "To", "Deadline", "Attachment"])
    let past = validator.check(
      submission(purpose: .action, deadline: "2026-12-06"), submitter: nil, today: "2026-12-07")
    #expect(
      past.problems.map(\.description) == [
        "Deadline: 2026-12-06 is in the past (today is 2026-12-07)"
      ])
  }
}
