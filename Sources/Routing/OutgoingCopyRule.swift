import Liaison

/// Tells a statement the IETF sent to another body, copied to the central address, from an
/// incoming one (issue: an outgoing statement must not be recorded as a misdirected incoming
/// one, nor thanked): its From is an authenticated IETF role holder, and its To names an
/// address outside the IETF (a body's, or one the registry does not know).
public struct OutgoingCopyRule: Sendable {
  public let roles: RoleDirectory
  /// The gateway's own addresses; their plus-addresses count too.
  public let gateways: [String]

  public init(roles: RoleDirectory, gateways: [String]) {
    self.roles = roles
    self.gateways = gateways.map { $0.lowercased() }
  }

  /// The first To address outside the IETF when the mail is such a copy; nil otherwise.
  public func outsideRecipient(from: String?, authenticated: Bool, to: [String]) -> String? {
    guard let from, authenticated, !roles.roles(of: from).isEmpty else { return nil }
    return to.map { $0.lowercased() }.first { address in
      guard !isGateway(address) else { return false }
      if let owner = roles.registry.groupOwning(address: address) { return owner.type == .sdo }
      return roles.roles(of: address).isEmpty
    }
  }

  private func isGateway(_ address: String) -> Bool {
    let parts = address.split(separator: "@", maxSplits: 1)
    guard parts.count == 2 else { return false }
    let local = parts[0].split(separator: "+", maxSplits: 1).first ?? parts[0]
    return gateways.contains("\(local)@\(parts[1])")
  }
}
