/// A link to another statement.
struct LinkView: Sendable {
  var id: String
  var href: String
  var title: String
}
