/// `/iab`: what needs the IAB's or the liaison manager's attention.
struct IABPageView: Sendable {
  var chrome: PageChrome
  var sections: [IABSectionView]
  var withheld: WithheldMailSectionView
}
