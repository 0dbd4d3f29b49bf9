/// What kind of body a registry entry is.
public enum GroupType: String, Hashable, Sendable, CaseIterable, Codable {
  case ietf, iesg, iab, irtf, area
  /// Area group / area open meeting (`rtgarea`, `saag`).
  case ag
  /// IAB program (`edm`).
  case program
  case wg, rg
  /// A body outside the IETF that sends statements (ITU-T SG15, 3GPP SA2, ...).
  case sdo

  /// Whether a statement can be routed to this kind of body.
  public var receivesStatements: Bool { self != .sdo }
}

/// Whether a group still works.
public enum GroupState: String, Hashable, Sendable, CaseIterable, Codable {
  case active, concluded
}
