/// Where the statement was routed, and why.
struct RouteView: Sendable {
  var groups: [String]
  var recipients: [String]
  var reason: String?
  var misdirected: Bool
}
