import Foundation
import Liaison
import Routing

/// The one authorization gate for mail to the gateway's command addresses (SPEC.md,
/// "Commands by mail"). Pure: who wrote, where to, what the first line says, and what the
/// registry says about roles decide; nothing else.
///
/// Everything that is not explicitly allowed is denied: no token key, the bare `+ls-` form,
/// a wrong token, an unauthenticated sender, a sender without the role the command needs.
public struct CommandGate: Sendable {
  /// What an allowed mail does.
  public enum Action: Hashable, Sendable {
    /// To a respond address: a response for approval (or approved, from an approver).
    case draftResponse
    case actionTaken
    case noResponseNeeded
    case deadline(String)
    case route([String])
    /// To an approve address.
    case approve
    case reject(reason: String?)
    /// To an approve address, anything but APPROVE or REJECT: forwarded, never an approval.
    case comment
  }

  public enum Decision: Hashable, Sendable {
    case allow(Action)
    case deny(reason: String)
  }

  /// The authenticated facts of one received mail.
  public struct Sender: Hashable, Sendable {
    public var address: String?
    public var authentication: SenderAuthentication?

    public init(address: String?, authentication: SenderAuthentication?) {
      self.address = address?.lowercased()
      self.authentication = authentication
    }
  }

  /// What a command address points at, as the store has it.
  public enum Target: Hashable, Sendable {
    /// A routed statement: its route groups and the sending body's liaison managers.
    case statement(groups: [String], liaisonManagers: [String])
    /// A draft awaiting approval: the content hash its approve token must be bound to,
    /// who may approve it, and who may comment (the submitter and the statement's roles).
    case draft(contentHash: String, approvers: [String], commenters: [String])
  }

  public let tokens: CommandTokens?
  public let roles: RoleDirectory
  public let gateways: [String]
  /// The IAB's own liaison contact, which speaks for the IAB beside its chair.
  public let iabContact: String

  public init(
    tokens: CommandTokens?, roles: RoleDirectory, gateways: [String], iabContact: String
  ) {
    self.tokens = tokens
    self.roles = roles
    self.gateways = gateways.map { $0.lowercased() }
    self.iabContact = iabContact.lowercased()
  }

  /// The first command address of the command form among `recipients`; nil when the mail
  /// went to none (the bare `+ls-...` form included).
  public func commandAddress(among recipients: [String]) -> CommandAddress? {
    recipients.lazy.compactMap { CommandAddress(parsing: $0, gateways: self.gateways) }.first
  }

  /// Whether the mail from `sender` to `address`, whose text is `text`, may act on
  /// `target`, and as what.
  public func decide(sender: Sender, address: CommandAddress?, text: String?, target: Target?)
    -> Decision
  {
    guard let tokens else { return .deny(reason: "commands by mail are off (no token key)") }
    guard let address else {
      return .deny(reason: "sent to no command address (the bare +ls- form carries no token)")
    }
    guard let target else { return .deny(reason: "\(address.id) names nothing awaiting mail") }
    var contentHash: String?
    if case .draft(let hash, _, _) = target { contentHash = hash }
    guard tokens.verify(address, contentHash: contentHash) else {
      return .deny(reason: "wrong token for \(address.id) (guessed, or for an earlier draft)")
    }
    guard let from = sender.address, sender.authentication?.isAuthenticated == true else {
      return .deny(
        reason: "\(sender.address ?? "an unknown sender") is not authenticated by the MTA")
    }
    let command = Self.command(in: text)
    switch (address.purpose, target) {
    case (.approve, .draft(_, let approvers, let commenters)):
      switch command {
      case .approve?, .reject?:
        guard approvers.contains(from) else {
          return .deny(reason: "\(from) is not an approver of \(address.id)")
        }
        return .allow(command!)
      default:
        guard approvers.contains(from) || commenters.contains(from) else {
          return .deny(reason: "\(from) holds no role for \(address.id)")
        }
        return .allow(.comment)
      }
    case (.respond, .statement(let groups, let managers)):
      let responders = responders(groups: groups, managers: managers)
      switch command {
      case .deadline?:
        let allowed = managers + iab + groups.flatMap { roles.addresses(holding: .ad, for: $0) }
        return allowed.contains(from)
          ? .allow(command!) : .deny(reason: "\(from) may not change the deadline")
      case .route?:
        let allowed = managers + iab + roles.addresses(holding: .secretariat)
        return allowed.contains(from)
          ? .allow(command!) : .deny(reason: "\(from) may not re-route")
      case .approve?, .reject?, .comment?:
        return .deny(reason: "APPROVE and REJECT go to an approve address")
      case .actionTaken?, .noResponseNeeded?, .draftResponse?, nil:
        return responders.contains(from)
          ? .allow(command ?? .draftResponse)
          : .deny(reason: "\(from) holds no role for the groups of \(address.id)")
      }
    default:
      return .deny(reason: "\(address.id) is not a \(address.purpose.rawValue) target")
    }
  }

  /// The chairs, ADs and liaison managers of the routed groups, and the approvers of
  /// each group (the IAB or IRTF Chair for theirs).
  func responders(groups: [String], managers: [String]) -> [String] {
    var addresses = managers
    for group in groups {
      addresses += roles.addresses(holding: .chair, for: group)
      addresses += roles.addresses(holding: .ad, for: group)
      addresses += roles.approvers(for: group)?.addresses ?? []
    }
    return addresses
  }

  private var iab: [String] {
    [iabContact] + roles.addresses(holding: .iabChair)
      + roles.addresses(holding: .iabExecutiveDirector)
  }

  /// The command the first non-empty line names, or nil for any other text (a draft
  /// response to a respond address, a comment to an approve address). `No` is nothing.
  public static func command(in text: String?) -> Action? {
    guard
      let line = text?.split(whereSeparator: \.isNewline).lazy
        .map({ $0.trimmingCharacters(in: .whitespaces) }).first(where: { !$0.isEmpty })
    else { return nil }
    let words = line.split(separator: " ", maxSplits: 1)
    let head = words.first.map { $0.uppercased() } ?? ""
    let rest = words.count > 1 ? words[1].trimmingCharacters(in: .whitespaces) : ""
    switch head {
    case "APPROVE" where rest.isEmpty:
      return .approve
    case "REJECT":
      return .reject(reason: rest.isEmpty ? nil : rest)
    case "DEADLINE" where CalendarDay.date(from: rest) != nil:
      return .deadline(rest)
    case "ROUTE" where !rest.isEmpty:
      let groups = rest.split(separator: ",").map {
        $0.trimmingCharacters(in: .whitespaces).lowercased()
      }
      return groups.contains(where: \.isEmpty) ? nil : .route(groups)
    default:
      break
    }
    switch line.uppercased() {
    case "ACTION TAKEN": return .actionTaken
    case "NO RESPONSE NEEDED": return .noResponseNeeded
    default: return nil
    }
  }
}
