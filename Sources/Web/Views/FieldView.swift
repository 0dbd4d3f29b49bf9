/// One recorded field of a statement page, with where its value came from.
struct FieldView: Sendable {
  var label: String
  var values: [String]
  var source: String?
}
