/// Where a statement goes: produced by the Routing module, recorded with the statement.
public struct RouteDecision: Hashable, Sendable, Codable {
  /// Group acronyms from the registry (`ccamp`, `rtg`, `irtf`, ...).
  public var groups: [String]
  /// Role addresses that receive the notification, lower-cased, no duplicates.
  public var recipients: [String]
  public var misdirected: Bool
  /// Why: "To names IETF CCAMP WG", "concluded group pwe3 (successor pals)", ...
  public var reason: String

  public init(
    groups: [String] = [], recipients: [String] = [], misdirected: Bool = false, reason: String = ""
  ) {
    self.groups = groups
    self.recipients = recipients
    self.misdirected = misdirected
    self.reason = reason
  }

  public static let unrouted = RouteDecision(reason: "not routed")
}
