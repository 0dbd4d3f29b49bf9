/// Who holds which role, from the registry: the answer to "may this address act for this
/// statement?" and "who approves a statement speaking for this group?".
///
/// Two sources feed it. The role aliases routing uses count as their holders' addresses
/// (a group's `chairs` alias is a chair's address, an area's `ads` alias an AD's, a body's
/// `liaison_manager` alias its liaison manager's), so the shipped snapshot works without
/// personal data; and a deployment lists people with the addresses they write from, per
/// group (`people:`) and for the leadership roles (`roles:`).
///
/// A role says nothing by itself: it counts only for a sender whose From domain the MTA
/// authenticated (`SenderAuthentication`).
public struct RoleDirectory: Sendable {
  public let registry: GroupRegistry
  private let assignmentsByAddress: [String: [RoleAssignment]]
  private let addressesByAssignment: [RoleAssignment: [String]]

  public init(registry: GroupRegistry) {
    self.registry = registry
    var byAddress: [String: [RoleAssignment]] = [:]
    var byAssignment: [RoleAssignment: [String]] = [:]
    func add(_ role: Role, _ group: String?, _ address: String) {
      let address = address.lowercased()
      let assignment = RoleAssignment(role, for: group)
      if !(byAssignment[assignment]?.contains(address) ?? false) {
        byAssignment[assignment, default: []].append(address)
      }
      if !(byAddress[address]?.contains(assignment) ?? false) {
        byAddress[address, default: []].append(assignment)
      }
    }
    for group in registry.groups {
      switch group.type {
      case .wg, .rg, .ag, .program:
        if let chairs = group.chairs { add(.chair, group.acronym, chairs) }
      case .area:
        if let ads = group.ads { add(.ad, group.acronym, ads) }
      case .sdo:
        if let manager = group.liaisonManager { add(.liaisonManager, group.acronym, manager) }
      case .ietf, .iesg, .iab, .irtf:
        // Their `chairs` entries are lists (iesg@, iab@); the `roles:` map names the chairs.
        break
      }
      for person in group.people {
        for email in person.emails { add(person.role, group.acronym, email) }
      }
    }
    for holder in registry.roles {
      for email in holder.emails { add(holder.role, nil, email) }
    }
    assignmentsByAddress = byAddress
    addressesByAssignment = byAssignment
  }

  /// Every role `address` holds, as the registry states it (an AD is listed for the
  /// area, not for each of its WGs), sorted by group then role.
  public func roles(of address: String) -> [RoleAssignment] {
    (assignmentsByAddress[address.lowercased()] ?? []).sorted()
  }

  /// The addresses holding `role` for `group` (nil for the leadership roles). The ADs of
  /// a WG or area group are those of its area; the liaison manager of a body is that of
  /// the nearest body above it that has one (3GPP SA2 -> 3GPP).
  public func addresses(holding role: Role, for group: String? = nil) -> [String] {
    guard let group = group?.lowercased() else {
      return addressesByAssignment[RoleAssignment(role)] ?? []
    }
    switch role {
    case .ad:
      guard let area = area(of: group) else { return [] }
      return addressesByAssignment[RoleAssignment(.ad, for: area)] ?? []
    case .liaisonManager:
      var current = registry.group(group)
      var seen: Set<String> = []
      while let body = current, seen.insert(body.acronym).inserted {
        if let found = addressesByAssignment[RoleAssignment(.liaisonManager, for: body.acronym)] {
          return found
        }
        current = body.parent.flatMap { registry.group($0) }
      }
      return []
    default:
      return addressesByAssignment[RoleAssignment(role, for: group)] ?? []
    }
  }

  /// Whether `address` holds `role` for `group` (resolved as in `addresses(holding:for:)`).
  public func holds(_ address: String, _ role: Role, for group: String? = nil) -> Bool {
    addresses(holding: role, for: group).contains(address.lowercased())
  }

  /// Who approves a statement speaking for `acronym` (seed 004 section 4.1): an AD of the
  /// area for a WG, area group or area; the IETF Chair for the IETF or the IESG; the IAB
  /// Chair or the IAB Executive Director for the IAB and its programs; the IRTF Chair for
  /// the IRTF or a research group, with the IAB copied. Nil for an unknown acronym, a
  /// sending body, or a WG the registry gives no area.
  public func approvers(for acronym: String) -> Approvers? {
    guard let group = registry.group(acronym) else { return nil }
    let roles: [RoleAssignment]
    var copied: [String] = []
    switch group.type {
    case .wg, .ag, .area:
      guard let area = area(of: group.acronym) else { return nil }
      roles = [RoleAssignment(.ad, for: area)]
    case .ietf, .iesg:
      roles = [RoleAssignment(.ietfChair)]
    case .iab, .program:
      roles = [RoleAssignment(.iabChair), RoleAssignment(.iabExecutiveDirector)]
    case .irtf, .rg:
      roles = [RoleAssignment(.irtfChair)]
      copied = registry.group("iab")?.chairs.map { [$0] } ?? []
    case .sdo:
      return nil
    }
    var addresses: [String] = []
    for assignment in roles {
      for address in self.addresses(holding: assignment.role, for: assignment.group)
      where !addresses.contains(address) {
        addresses.append(address)
      }
    }
    return Approvers(roles: roles, addresses: addresses, copied: copied)
  }

  private func area(of acronym: String) -> String? {
    guard let group = registry.group(acronym) else { return nil }
    switch group.type {
    case .area:
      return group.acronym
    case .wg, .ag:
      guard let parent = group.parent, registry.group(parent)?.type == .area else { return nil }
      return parent
    default:
      return nil
    }
  }
}
