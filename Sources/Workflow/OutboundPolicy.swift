import Liaison
import Routing

/// Who the gateway may mail (SPEC.md, "What goes out"): the one rule every queued mail
/// passes, recipient by recipient.
///
/// Allowed are the registry's addresses (role aliases, the people it lists, the IAB/IRTF
/// contacts), the gateway's configured contacts, the recorded Send Reply To / Send To /
/// From-Contacts of the statement the mail is about, and an authenticated sender's From.
/// An acknowledgement goes only to an authenticated From, or to the original sender of a
/// statement an authenticated role holder forwarded (`AcknowledgementPolicy` decides that). Mail to any one address outside
/// the registry is capped per UTC day; what the cap keeps back is held, never sent, and
/// shown on `/iab`. Everything else is refused and recorded with the reason.
public struct OutboundPolicy: Sendable {
  public enum Decision: Hashable, Sendable {
    case send
    /// Over the daily cap: kept in the outbox, never sent.
    case hold(reason: String)
    /// Not an allowed recipient: recorded, never sent.
    case refuse(reason: String)
  }

  /// What is known about the mail's subject that decides its recipients.
  public struct Context: Hashable, Sendable {
    public var kind: MailKind
    /// Send Reply To, Send To and From-Contacts of the statement(s) the mail is about
    /// (a relayed response is about its original too), lower-cased.
    public var statementContacts: Set<String>
    /// The From-Contacts of the statement the mail is about, lower-cased.
    public var senderAddresses: [String]
    /// How the statement's sender was authenticated; nil when the record does not say
    /// (a record made before authentication was kept).
    public var sender: SenderAuthentication?
    /// The original sender of a forwarded statement whose acknowledgement
    /// `AcknowledgementPolicy.forwardedRecipient` allows (an authenticated role holder
    /// forwarded it), lower-cased; nil otherwise.
    public var forwardedOriginal: String?

    public init(
      kind: MailKind, statementContacts: Set<String> = [], senderAddresses: [String] = [],
      sender: SenderAuthentication? = nil, forwardedOriginal: String? = nil
    ) {
      self.kind = kind
      self.statementContacts = Set(statementContacts.map { $0.lowercased() })
      self.senderAddresses = senderAddresses.map { $0.lowercased() }
      self.sender = sender
      self.forwardedOriginal = forwardedOriginal?.lowercased()
    }

    /// The sender's addresses the MTA vouched for: those in the authenticated domain.
    public var authenticatedFrom: Set<String> {
      guard let sender, sender.isAuthenticated, let domain = sender.domain?.lowercased() else {
        return []
      }
      return Set(senderAddresses.filter { OutboundPolicy.domain(of: $0) == domain })
    }
  }

  /// Every address the registry and the configuration know, lower-cased: never capped.
  public let knownAddresses: Set<String>
  /// `trust.outside_recipient_daily_limit`.
  public let dailyLimit: Int

  public init(knownAddresses: Set<String>, dailyLimit: Int) {
    self.knownAddresses = Set(knownAddresses.map { $0.lowercased() })
    self.dailyLimit = max(0, dailyLimit)
  }

  public init(registry: GroupRegistry, configuration: ProcessConfiguration) {
    var known: Set<String> = [configuration.iabContact, configuration.irtfContact]
    if let archive = configuration.statementsArchive { known.insert(archive) }
    for group in registry.groups {
      known.formUnion(group.roleAddresses)
      for person in group.people { known.formUnion(person.emails) }
    }
    for holder in registry.roles { known.formUnion(holder.emails) }
    self.init(knownAddresses: known, dailyLimit: configuration.outsideRecipientDailyLimit)
  }

  /// The decision for one recipient; `sentToday` counts the mail already queued or sent
  /// to an address on the current UTC day.
  public func decide(_ address: String, context: Context, sentToday: (String) -> Int)
    -> Decision
  {
    let address = address.lowercased()
    if context.kind == .acknowledgement, let sender = context.sender {
      guard sender.isAuthenticated else {
        return .refuse(
          reason: "an acknowledgement goes only to an authenticated From; the sender was not "
            + "authenticated")
      }
      guard context.authenticatedFrom.contains(address) || context.forwardedOriginal == address
      else {
        return .refuse(
          reason: "an acknowledgement goes only to an authenticated From; \(address) is not it")
      }
    }
    if knownAddresses.contains(address) { return .send }
    guard context.authenticatedFrom.contains(address) || context.statementContacts.contains(address)
    else {
      return .refuse(
        reason: "\(address) is not in the registry, not an authenticated sender and not a "
          + "recorded contact of the statement")
    }
    let count = sentToday(address)
    if count >= dailyLimit {
      return .hold(
        reason: "\(count) mails to \(address) today; the daily limit for an address outside the "
          + "registry is \(dailyLimit)")
    }
    return .send
  }

  static func domain(of address: String) -> String? {
    guard let at = address.lastIndex(of: "@") else { return nil }
    return address[address.index(after: at)...].lowercased()
  }
}
