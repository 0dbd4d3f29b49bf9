/// One line of a statement's history.
struct EventView: Sendable {
  var at: String
  var kind: String
  var detail: String
}
