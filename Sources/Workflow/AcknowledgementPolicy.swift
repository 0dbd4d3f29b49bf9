import Foundation
import Liaison

/// Whether a For-Information statement gets a courtesy acknowledgement: only ever to its
/// authenticated From address (SPEC.md, "What goes out").
///
/// A forwarded statement (`ExtractedStatement.forwarded`) arrived From its forwarder. When
/// the forwarder is authenticated and holds a role in the registry, the forward is that
/// role holder's act: the acknowledgement goes to the original's Send Reply To, copied to
/// the forwarder (the outbound policy's daily cap still applies to the original sender).
/// A forward by anyone else sends nothing outside the IETF: the acknowledgement is
/// withheld, as for any unauthenticated sender. This is the one place of that rule; the
/// outbound policy asks `forwardedRecipient` before it lets such an acknowledgement pass.
///
/// RFC 3834 section 2: an automatic response goes only to a human sender, never to
/// automatic mail, bounces or mailing lists, never to itself, and at most once per
/// statement; a per-recipient rate limit keeps two gateways that acknowledge each other
/// from looping even if one of them ignores `Auto-Submitted`.
public struct AcknowledgementPolicy: Sendable {
  public enum Decision: Hashable, Sendable {
    /// `copy`: the forwarder of a forwarded statement.
    case send(to: String, copy: String? = nil)
    case skip(reason: String)
    /// Acknowledgements are switched off (`process.acknowledge_information: false`):
    /// nothing was withheld from anyone, so nothing is noted or listed on `/iab`.
    case off
  }

  /// What the store knows that the policy needs.
  public struct History: Hashable, Sendable {
    public var alreadyAcknowledged: Bool
    /// Acknowledgements sent to the candidate address within the rate-limit window.
    public var recentToRecipient: Int
    public init(alreadyAcknowledged: Bool, recentToRecipient: Int) {
      self.alreadyAcknowledged = alreadyAcknowledged
      self.recentToRecipient = recentToRecipient
    }
  }

  public let configuration: ProcessConfiguration
  /// Mailing-list addresses known from the registry.
  public let isKnownList: @Sendable (String) -> Bool
  /// Whether an address holds any role in the registry (`RoleDirectory`).
  public let holdsRole: @Sendable (String) -> Bool

  public init(
    configuration: ProcessConfiguration,
    holdsRole: @escaping @Sendable (String) -> Bool = { _ in false },
    isKnownList: @escaping @Sendable (String) -> Bool = { _ in false }
  ) {
    self.configuration = configuration
    self.holdsRole = holdsRole
    self.isKnownList = isKnownList
  }

  /// `authenticatedFrom`: the mail's From address when the MTA vouched for it, else nil.
  /// Only such an address is acknowledged: a Send Reply To typed into a stranger's text
  /// gets nothing (no backscatter).
  public func decide(
    _ statement: ExtractedStatement, authenticatedFrom: String?,
    history: (String) -> History
  ) -> Decision {
    guard configuration.acknowledgeInformation else { return .off }
    guard statement.kind == .statement else {
      return .skip(reason: "\(statement.kind.rawValue) is never answered (RFC 3834)")
    }
    guard statement.purpose == .information else {
      return .skip(reason: "only For-Information statements are acknowledged")
    }
    if let messageID = statement.messageID,
      Self.domain(ofMessageID: messageID) == configuration.gatewayDomain
    {
      return .skip(reason: "the statement is liaisond's own mail")
    }
    // Another gateway's acknowledgement that lost its Auto-Submitted header on the way.
    if let title = statement.title?.lowercased(), title.hasPrefix("receipt of ") {
      return .skip(reason: "the statement is itself an acknowledgement")
    }
    if statement.fromContacts.contains(where: configuration.isGateway) {
      return .skip(reason: "the statement comes from the gateway itself")
    }
    var copy: String?
    let candidate: String?
    if let forward = statement.forwarded {
      switch forwardedRecipient(statement, authenticatedFrom: authenticatedFrom) {
      case .success(let original):
        candidate = original
        copy = forward.by
      case .failure(let refusal):
        return .skip(reason: refusal.reason)
      }
    } else {
      candidate = authenticatedFrom?.lowercased()
    }
    guard let address = candidate else {
      return .skip(reason: "the sender is not authenticated: no acknowledgement (no backscatter)")
    }
    if let reason = Self.automaticAddressReason(address) { return .skip(reason: reason) }
    if configuration.isGateway(address) { return .skip(reason: "\(address) is the gateway itself") }
    if isKnownList(address) { return .skip(reason: "\(address) is a mailing list") }
    let past = history(address)
    if past.alreadyAcknowledged { return .skip(reason: "already acknowledged") }
    if past.recentToRecipient >= configuration.acknowledgementLimit {
      return .skip(
        reason: "rate limit: \(past.recentToRecipient) acknowledgements to \(address) recently")
    }
    return .send(to: address, copy: copy)
  }

  /// Why a forward's acknowledgement goes nowhere outside the IETF.
  public struct Refusal: Error, Hashable, Sendable {
    public var reason: String
  }

  /// The original sender a forwarded statement's acknowledgement may reach: its Send
  /// Reply To, when the forward's From (`authenticatedFrom`, nil unless the MTA vouched for
  /// it) is the forwarder's and holds a role in the registry.
  public func forwardedRecipient(_ statement: ExtractedStatement, authenticatedFrom: String?)
    -> Result<String, Refusal>
  {
    guard let forward = statement.forwarded else {
      return .failure(Refusal(reason: "the statement was not forwarded"))
    }
    let forwarder = forward.by.isEmpty ? "an unnamed sender" : forward.by
    guard let from = authenticatedFrom?.lowercased(), !forward.by.isEmpty, from == forward.by
    else {
      return .failure(
        Refusal(
          reason: "forwarded by \(forwarder), who is not authenticated: nothing goes outside the "
            + "IETF"))
    }
    guard holdsRole(from) else {
      return .failure(
        Refusal(
          reason: "forwarded by \(forwarder), who holds no role in the registry: nothing goes "
            + "outside the IETF"))
    }
    guard let original = statement.sendReplyTo?.lowercased(), original.contains("@") else {
      return .failure(Refusal(reason: "the forwarded statement names no Send Reply To"))
    }
    return .success(original)
  }

  /// Local parts that belong to software, not people (RFC 3834 section 2, RFC 2142).
  static func automaticAddressReason(_ address: String) -> String? {
    let local = address.split(separator: "@").first.map { $0.lowercased() } ?? ""
    let exact: Set<String> = [
      "mailer-daemon", "postmaster", "listserv", "majordomo", "noreply", "no-reply", "donotreply",
      "do-not-reply", "bounce", "bounces", "auto-reply", "autoreply",
    ]
    if exact.contains(local) { return "\(address) is an automatic address" }
    for suffix in ["-request", "-bounces", "-owner", "-admin"] where local.hasSuffix(suffix) {
      return "\(address) is a list service address"
    }
    if local.hasPrefix("owner-") || local.hasPrefix("bounce-") || local.hasPrefix("noreply") {
      return "\(address) is a list service address"
    }
    return nil
  }

  /// `<abc@host.example>` -> `host.example`.
  static func domain(ofMessageID id: String) -> String? {
    let trimmed = id.trimmingCharacters(in: ["<", ">", " "])
    guard let at = trimmed.lastIndex(of: "@") else { return nil }
    return trimmed[trimmed.index(after: at)...].lowercased()
  }
}
