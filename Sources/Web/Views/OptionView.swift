/// One `<option>` of a filter `<select>`.
struct OptionView: Sendable {
  var value: String
  var label: String
  var selected: Bool
}
