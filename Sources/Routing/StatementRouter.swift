import Foundation
import Liaison

/// Decides where a statement goes (seed 004 sections 1 and 3.1; seed 001 section 4).
///
/// - The bodies in To are matched against the registry; To-Contact role addresses help when
///   the names do not.
/// - A working group's notification goes to its chairs and the responsible ADs; an area's to
///   its ADs; IRTF bodies go through the IRTF chair.
/// - The IETF liaison manager for the sending body is copied when the registry names one.
/// - A statement naming only concluded or unknown groups, or sent straight to a group's
///   mailing list instead of the central address, is misdirected: it goes to the IAB
///   contact for triage, with the reason.
/// - Beside valid groups, each concluded or unknown name is flagged to the IAB contact (with
///   the successor the registry knows), who is copied; the valid groups are routed.
/// - The gateway's own addresses never receive anything.
public struct StatementRouter: Sendable {
  public struct Options: Hashable, Sendable {
    /// The central addresses liaisond receives statements at (the IMAP mailbox's address,
    /// the SMTP From). Mail to these is "properly addressed"; they are never recipients.
    public var gatewayAddresses: [String]
    /// The IAB liaison coordination contact, who triages what cannot be routed.
    public var iabContact: String
    /// The IRTF chair, through whom statements for research groups go.
    public var irtfContact: String
    /// Whether a routed group's mailing list is copied too (`routing.copy_group_lists`), as
    /// the datatracker's posting mail does; off by default.
    public var copyGroupLists: Bool

    public init(
      gatewayAddresses: [String] = [], iabContact: String = "liaison-coordination@iab.org",
      irtfContact: String = "irtf-chair@irtf.org", copyGroupLists: Bool = false
    ) {
      self.gatewayAddresses = gatewayAddresses.map { $0.lowercased() }
      self.iabContact = iabContact.lowercased()
      self.irtfContact = irtfContact.lowercased()
      self.copyGroupLists = copyGroupLists
    }
  }

  public let registry: GroupRegistry
  public let options: Options
  private let matcher: GroupMatcher

  public init(registry: GroupRegistry, options: Options) {
    self.registry = registry
    self.options = options
    self.matcher = GroupMatcher(registry: registry)
  }

  public func route(_ statement: ExtractedStatement) -> RouteDecision {
    guard statement.kind == .statement else {
      return RouteDecision(
        reason: "not routed: the message is a \(statement.kind.rawValue), not a statement")
    }
    var routed: [RegisteredGroup] = []
    var notes: [String] = []
    var misdirections: [String] = []
    /// Concluded or unknown names beside valid groups: the valid ones are routed, these are
    /// flagged to the IAB contact (partial routing).
    var flagged: [String] = []
    var matchedNames: [String] = []
    var unknown: [String] = []
    var otherBodies: [String] = []

    for body in statement.to where !body.trimmingCharacters(in: .whitespaces).isEmpty {
      let matches = matcher.receivers(named: body)
      if matches.isEmpty {
        if matcher.sender(named: body) != nil {
          // Joint statements also name the other bodies they go to.
          otherBodies.append(body)
        } else {
          unknown.append(body)
        }
        continue
      }
      var names: [String] = []
      for match in matches {
        let group = match.group
        if group.state == .concluded {
          let successor = group.successor.map { " (successor \($0))" } ?? ""
          flagged.append("concluded group \(group.acronym)\(successor)")
          continue
        }
        if !routed.contains(group) { routed.append(group) }
        names.append(match.exact ? group.acronym : "\(group.acronym), read from a misspelt name")
        if !group.verified {
          notes.append("\(group.acronym) is unverified in the registry snapshot")
        }
      }
      if !names.isEmpty {
        let read =
          names.count == 1 && matches.count == 1 && matches[0].exact
          ? "" : " (\(names.joined(separator: "; ")))"
        matchedNames.append(body + read)
      }
    }

    // Role addresses in To-Contact/Send To identify groups when the names did not.
    var contactGroups: [RegisteredGroup] = []
    for address in statement.toContacts + [statement.sendTo].compactMap({ $0 }) {
      guard let group = registry.groupOwning(address: address), group.type.receivesStatements,
        !contactGroups.contains(group)
      else { continue }
      contactGroups.append(group)
    }
    if routed.isEmpty {
      misdirections += flagged
      flagged = []
    }
    if routed.isEmpty && misdirections.isEmpty {
      for group in contactGroups {
        if group.state == .concluded {
          let successor = group.successor.map { " (successor \($0))" } ?? ""
          misdirections.append("To-Contact names concluded group \(group.acronym)\(successor)")
        } else {
          routed.append(group)
        }
      }
      if !routed.isEmpty {
        matchedNames.append("To-Contact " + routed.map(\.acronym).joined(separator: ", "))
      }
    }
    if routed.isEmpty && misdirections.isEmpty && !otherBodies.isEmpty {
      misdirections.append(
        "To names only other standards bodies (" + otherBodies.joined(separator: ", ")
          + "), no IETF or IRTF group")
    } else if !otherBodies.isEmpty {
      notes.append("also addressed to " + otherBodies.joined(separator: ", "))
    }
    if routed.isEmpty && !unknown.isEmpty {
      misdirections.append(
        "unknown body " + unknown.map { "'\($0)'" }.joined(separator: ", ")
          + " (not in the group registry)")
    } else if !unknown.isEmpty {
      flagged.append(
        "not in the registry: " + unknown.map { "'\($0)'" }.joined(separator: ", "))
    }
    if let list = listAddressInsteadOfGateway(statement) {
      misdirections.append("sent to the \(list) list instead of the central liaison address")
    } else if let viaList = MessageClassifier.cameThroughList(statement) {
      misdirections.append(viaList)
    }

    let manager = sendingBody(of: statement).flatMap { registry.liaisonManager(for: $0.acronym) }

    if statement.to.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty })
      && routed.isEmpty
      && misdirections.isEmpty
    {
      return RouteDecision(
        groups: [], recipients: clean([options.iabContact, manager].compactMap { $0 }),
        misdirected: false,
        reason: "unrouted: the statement names no receiving body")
    }
    if !misdirections.isEmpty {
      var reason = "misdirected: " + misdirections.joined(separator: "; ")
      if !matchedNames.isEmpty { reason += "; To names " + matchedNames.joined(separator: "; ") }
      return RouteDecision(
        groups: routed.map(\.acronym),
        recipients: clean([options.iabContact, manager].compactMap { $0 }),
        misdirected: true, reason: reason)
    }

    var recipients: [String] = []
    for group in routed {
      recipients += receivers(of: group)
      if options.copyGroupLists, let list = group.list { recipients.append(list) }
    }
    var reason = "To names " + matchedNames.joined(separator: "; ")
    // Seed 001 section 2: with no liaison manager for the sender, the IAB handles it; seed
    // 004 section 3.1: for the IRTF, the IAB is consulted.
    if let manager {
      recipients.append(manager)
    } else {
      recipients.append(options.iabContact)
      reason += "; no liaison manager for the sender, so the IAB is copied"
    }
    if routed.contains(where: { $0.type == .rg || $0.type == .irtf }) {
      recipients.append(options.iabContact)
      reason += "; IRTF bodies go through the IRTF chair, the IAB consulted"
    }
    if !flagged.isEmpty { recipients.append(options.iabContact) }
    if !notes.isEmpty { reason += "; " + notes.joined(separator: "; ") }
    if !flagged.isEmpty { reason += "; flagged to the IAB: " + flagged.joined(separator: "; ") }
    return RouteDecision(
      groups: routed.map(\.acronym), recipients: clean(recipients), misdirected: false,
      reason: reason)
  }

  /// Re-routes to the groups named by `names` (`liaisond route ID --to GROUP`): every name
  /// must resolve to one active IETF/IRTF group.
  public func route(_ statement: ExtractedStatement, toGroups names: [String], note: String?) throws
    -> RouteDecision
  {
    var groups: [RegisteredGroup] = []
    for name in names {
      let group = try resolve(name)
      if !groups.contains(group) { groups.append(group) }
    }
    let manager = sendingBody(of: statement).flatMap { registry.liaisonManager(for: $0.acronym) }
    var recipients = groups.flatMap(receivers(of:))
    if let manager { recipients.append(manager) }
    var reason = "re-routed to " + groups.map(\.acronym).joined(separator: ", ")
    if let note, !note.isEmpty { reason += ": " + note }
    return RouteDecision(
      groups: groups.map(\.acronym), recipients: clean(recipients), misdirected: false,
      reason: reason)
  }

  /// The one active receiving group `name` stands for (acronym, name, or a close typo).
  public func resolve(_ name: String) throws -> RegisteredGroup {
    if let group = registry.group(name.trimmingCharacters(in: .whitespaces)) {
      return try usable(group, name)
    }
    let matches = matcher.receivers(named: name)
    guard matches.count == 1 else {
      if matcher.sender(named: name) != nil { throw RoutingError.notAReceiver(name) }
      throw RoutingError.unknownGroup(name, suggestions: matcher.suggestions(for: name))
    }
    return try usable(matches[0].group, name)
  }

  /// The registry entry of the body a statement comes from: by name, then by address.
  public func sendingBody(of statement: ExtractedStatement) -> RegisteredGroup? {
    for body in statement.from {
      if let group = matcher.sender(named: body) { return group }
    }
    let addresses = ([statement.sendReplyTo].compactMap { $0 } + statement.fromContacts).map {
      $0.lowercased()
    }
    for address in addresses {
      if let group = registry.groups.first(where: {
        $0.type == .sdo && $0.addresses.contains(address)
      }) {
        return group
      }
    }
    for address in addresses {
      guard let at = address.lastIndex(of: "@") else { continue }
      let domain = String(address[address.index(after: at)...])
      if let group = registry.groups.first(where: {
        $0.type == .sdo && $0.parent == nil
          && $0.domains.contains(where: { domain == $0 || domain.hasSuffix("." + $0) })
      }) {
        return group
      }
    }
    return nil
  }

  /// Whether `address` is one of the gateway's own.
  public func isGatewayAddress(_ address: String) -> Bool {
    options.gatewayAddresses.contains(address.lowercased())
  }

  private func usable(_ group: RegisteredGroup, _ name: String) throws -> RegisteredGroup {
    guard group.type.receivesStatements else { throw RoutingError.notAReceiver(name) }
    guard group.state == .active else {
      throw RoutingError.concludedGroup(group.acronym, successor: group.successor)
    }
    return group
  }

  /// Who is told about a statement routed to `group`.
  private func receivers(of group: RegisteredGroup) -> [String] {
    switch group.type {
    case .wg, .ag:
      return [group.chairs].compactMap { $0 } + registry.responsibleADs(for: group.acronym)
    case .area:
      return [group.ads].compactMap { $0 }
    case .rg, .irtf:
      return [options.irtfContact]
    case .program:
      return [registry.group("iab")?.chairs].compactMap { $0 }
    case .ietf, .iesg, .iab:
      return [group.chairs].compactMap { $0 }
    case .sdo:
      return []
    }
  }

  /// A group's mailing list among the addresses the mail was sent to, when none of the
  /// gateway's addresses is: the sender bypassed the central address.
  private func listAddressInsteadOfGateway(_ statement: ExtractedStatement) -> String? {
    guard !options.gatewayAddresses.isEmpty else { return nil }
    let addressed = (statement.toContacts + statement.cc + [statement.sendTo].compactMap { $0 }).map
    { $0.lowercased() }
    guard !addressed.contains(where: isGatewayAddress) else { return nil }
    return addressed.first { registry.groupWithList($0)?.type.receivesStatements == true }
  }

  private func clean(_ addresses: [String]) -> [String] {
    var seen: Set<String> = []
    return addresses.map { $0.lowercased() }.filter {
      !isGatewayAddress($0) && seen.insert($0).inserted
    }
  }
}
