/// One list of the IAB overview (unrouted, misdirected, overdue).
struct IABSectionView: Sendable {
  var anchor: String
  var heading: String
  var explanation: String
  var rows: [StatementRowView]
  var hasRows: Bool
  var count: String
  /// More match than are shown: a link to the full list.
  var moreHref: String?
  var showReason: Bool
  var showOverdue: Bool
}
