/// A page for a status other than 200.
struct ErrorPageView: Sendable {
  var chrome: PageChrome
  var status: String
  var message: String
}
