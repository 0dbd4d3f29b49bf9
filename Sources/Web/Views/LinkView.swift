/// A link to another statement.
struct LinkView: Sendable {
  var id: String
  var href: String
  var title: String
  /// How it relates to the page's statement ("Answers", "Says it answers", ...).
  var relation: String = ""
}
