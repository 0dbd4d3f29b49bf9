/// The form as the template shows it.
struct FilterFormView: Sendable {
  var q: String
  var from: String
  var to: String
  var receivedFrom: String
  var receivedTo: String
  var purposeOptions: [OptionView]
  var stateOptions: [OptionView]
  var deadlineOptions: [OptionView]
  var isFiltered: Bool
}
