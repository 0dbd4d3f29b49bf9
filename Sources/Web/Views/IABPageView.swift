/// `/iab`: what needs the IAB's or the liaison manager's attention.
struct IABPageView: Sendable {
  var chrome: PageChrome
  var sections: [IABSectionView]
  /// What the public record leaves out, so that nothing disappears unseen.
  var privateMail: [PrivateMailRowView]
  var hasPrivateMail: Bool
  var privateMailCount: String
  /// More private records exist than are shown.
  var privateMailMore: String?
  var withheld: WithheldMailSectionView
  /// Messages intake recorded but could not process, or gave up on.
  var intakeFailures: IntakeFailureSectionView
  /// For-Information statements left unacknowledged, and the addresses they named.
  var withheldAcknowledgements: WithheldAcknowledgementSectionView
}
