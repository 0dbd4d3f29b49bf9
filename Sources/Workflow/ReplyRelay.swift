import Liaison
import Routing

/// How a chairs' reply to a routed statement travels (seed 002 "Send To"; seed 004 4.1).
///
/// The reply goes to the original's Send Reply To address only, or to its first
/// From-Contact when there is none. A reply on behalf of an IETF working group or area
/// needs the responsible AD: when the AD's role address is not copied, the reply waits and
/// the AD is asked to approve it.
public struct ReplyRelay: Sendable {
  public enum Outcome: Hashable, Sendable {
    case relay(to: String)
    case awaitApproval(ads: [String], destination: String)
    case undeliverable(reason: String)
  }

  public let registry: GroupRegistry
  public let configuration: ProcessConfiguration

  public init(registry: GroupRegistry, configuration: ProcessConfiguration) {
    self.registry = registry
    self.configuration = configuration
  }

  /// Send To semantics: only the Send Reply To address, else the first From-Contact.
  public func destination(of original: ExtractedStatement) -> String? {
    let candidates = [original.sendReplyTo].compactMap { $0 } + original.fromContacts
    return candidates.map { $0.lowercased() }.first { !configuration.isGateway($0) }
  }

  /// The role addresses of the ADs responsible for the groups the original was routed to.
  public func responsibleADs(of original: ExtractedStatement) -> [String] {
    var ads: [String] = []
    for group in original.route.groups {
      for address in registry.responsibleADs(for: group) where !ads.contains(address) {
        ads.append(address)
      }
    }
    return ads
  }

  public func decide(reply: ExtractedStatement, original: ExtractedStatement) -> Outcome {
    guard let destination = destination(of: original) else {
      return .undeliverable(
        reason: "the original statement has no Send Reply To and no From-Contact")
    }
    let ads = responsibleADs(of: original)
    let copied = Set((reply.toContacts + reply.cc).map { $0.lowercased() })
    if !ads.isEmpty && copied.isDisjoint(with: ads) {
      return .awaitApproval(ads: ads, destination: destination)
    }
    return .relay(to: destination)
  }
}
