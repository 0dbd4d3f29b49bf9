import Foundation
import Routing

/// Builds a group registry from the datatracker's API (`group/group`, `group/role`,
/// `person/person`): the IETF, IESG, IAB and IRTF with their chairs; the areas with their
/// ADs; active and recently concluded WGs with chairs, secretaries and lists; the RGs with
/// their chairs; the SDO groups with their liaison managers (`liaiman`) and authorized
/// individuals (`auth`).
///
/// The role aliases routing works from (`<wg>-chairs@ietf.org`, `<area>-ads@ietf.org`) are
/// the IETF's published pattern; the people come with the addresses the datatracker lists
/// for their roles. What the datatracker does not publish (a concluded group's successor,
/// the further names and mail domains of a body, the formal relationship) is kept from
/// the registry being replaced.
public struct DatatrackerImporter: Sendable {
  public struct Options: Sendable {
    /// A concluded group stays for this many years after it concluded (by its last change).
    public var recentYears: Int
    public var now: Date
    /// The registry this import replaces, for what the datatracker does not publish.
    public var previous: GroupRegistry?

    public init(recentYears: Int = 5, now: Date = Date(), previous: GroupRegistry? = nil) {
      self.recentYears = recentYears
      self.now = now
      self.previous = previous
    }
  }

  public let pages: any DatatrackerPages
  public let options: Options

  public init(pages: any DatatrackerPages, options: Options = Options()) {
    self.pages = pages
    self.options = options
  }

  static let groupTypes = ["ietf", "irtf", "area", "ag", "program", "wg", "rg", "sdo"]
  static let roleNames = ["chair", "secr", "ad", "execdir", "member", "liaiman", "auth"]
  static let personBatch = 100

  public func importRegistry() async throws(DatatrackerError) -> GroupRegistry {
    let listing = TastypieListing(pages: pages)
    let groupObjects = try await listing.objects(
      "\(apiPrefix)group/group/?type__in=\(Self.groupTypes.joined(separator: ","))&limit=500")
    let apiGroups = try groupObjects.map(APIGroup.init)
    let roleObjects = try await listing.objects(
      "\(apiPrefix)group/role/?name__in=\(Self.roleNames.joined(separator: ","))&limit=500")
    let apiRoles = try roleObjects.map(APIRole.init)

    let byID = Dictionary(apiGroups.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    var kept: [Int: RegisteredGroup] = [:]
    for group in apiGroups {
      if let entry = entry(for: group, in: byID) { kept[group.id] = entry }
    }
    let holdings = apiRoles.compactMap { role in
      assignment(of: role, groups: byID, kept: kept).map { (role, $0) }
    }
    let names = try await personNames(Set(holdings.map(\.0.person)), listing: listing)

    var people: [Int: [RoleHolder]] = [:]
    var leadership: [RoleHolder] = []
    for (role, target) in holdings {
      guard let name = names[role.person] else {
        throw .badObject(
          object: role.uri, field: "person",
          reason: "person \(role.person) is not among the people the API returned")
      }
      let holder = RoleHolder(role: target.role, name: name, emails: [role.email])
      switch target.group {
      case let id?: Self.add(holder, to: &people[id, default: []])
      case nil: Self.add(holder, to: &leadership)
      }
    }
    var groups = kept.map { id, group in
      var group = group
      group.people = people[id] ?? []
      if group.type == .sdo, group.liaisonManager == nil {
        group.liaisonManager = group.people.first { $0.role == .liaisonManager }?.emails.first
      }
      return group
    }
    groups.sort { (Self.rank($0.type), $0.acronym) < (Self.rank($1.type), $1.acronym) }
    groups = carryForward(groups)
    leadership.sort {
      (Self.leadershipRank($0.role), $0.name ?? "") < (Self.leadershipRank($1.role), $1.name ?? "")
    }
    do {
      return try GroupRegistry(
        groups: groups, snapshot: Self.day(options.now), roles: leadership,
        file: "datatracker import from \(pages.label)")
    } catch let error as RoutingError {
      throw .invalidRegistry(error)
    } catch {
      throw .invalidRegistry(.unreadable(file: pages.label, reason: "\(error)"))
    }
  }

  /// The registry entry of an API group, or nil for a group the registry leaves out (a
  /// team, a BOF, a group long concluded).
  func entry(for group: APIGroup, in groups: [Int: APIGroup]) -> RegisteredGroup? {
    let type: GroupType
    switch (group.acronym, group.type) {
    case ("ietf", "ietf"): type = .ietf
    case ("iesg", "ietf"): type = .iesg
    case ("iab", "ietf"): type = .iab
    case ("irtf", "irtf"): type = .irtf
    case (_, "area"): type = .area
    case (_, "ag"): type = .ag
    case (_, "program"): type = .program
    case (_, "wg"): type = .wg
    case (_, "rg"): type = .rg
    case (_, "sdo"): type = .sdo
    default: return nil
    }
    let state: GroupState
    var concluded: Int?
    switch group.state {
    case "active":
      state = .active
    case "conclude", "replaced":
      guard let year = group.year, year >= Self.year(options.now) - options.recentYears else {
        return nil
      }
      state = .concluded
      concluded = year
    default:
      return nil
    }
    let parent = group.parent.flatMap { groups[$0] }
    let parentAcronym: String?
    switch type {
    case .wg, .ag: parentAcronym = parent?.type == "area" ? parent?.acronym : nil
    case .rg: parentAcronym = parent?.acronym == "irtf" ? "irtf" : nil
    case .program: parentAcronym = parent?.acronym == "iab" ? "iab" : nil
    case .sdo:
      parentAcronym = parent?.type == "sdo" && parent?.state == "active" ? parent?.acronym : nil
    default: parentAcronym = nil
    }
    let a = group.acronym
    var entry = RegisteredGroup(
      acronym: a, name: group.name, type: type, state: state, parent: parentAcronym,
      concludedYear: concluded, list: group.list,
      source: "datatracker \(group.uri) (\(group.time.prefix(10)))")
    switch type {
    case .ietf, .iesg: entry.chairs = "iesg@ietf.org"
    case .iab: entry.chairs = "iab@iab.org"
    case .irtf: entry.chairs = "irtf-chair@irtf.org"
    case .area: entry.ads = "\(a)-ads@ietf.org"
    case .wg, .ag: entry.chairs = "\(a)-chairs@ietf.org"
    case .rg: entry.chairs = "\(a)-chairs@irtf.org"
    case .program, .sdo: break
    }
    return entry
  }

  /// The role an API role gives in the registry: for a kept group (its id), or one of the
  /// leadership roles (nil). Nil for roles the registry does not keep.
  func assignment(of role: APIRole, groups: [Int: APIGroup], kept: [Int: RegisteredGroup])
    -> (role: Role, group: Int?)?
  {
    guard let group = groups[role.group] else { return nil }
    switch (group.acronym, role.name) {
    case ("ietf", "chair"), ("iesg", "chair"): return (.ietfChair, nil)
    case ("iab", "chair"): return (.iabChair, nil)
    case ("iab", "execdir"): return (.iabExecutiveDirector, nil)
    case ("irtf", "chair"): return (.irtfChair, nil)
    case ("secretariat", "secr"): return (.secretariat, nil)
    default: break
    }
    guard let entry = kept[role.group] else { return nil }
    let mapped: Role?
    switch (entry.type, role.name) {
    case (.wg, "chair"), (.rg, "chair"), (.ag, "chair"), (.program, "chair"): mapped = .chair
    case (.wg, "secr"), (.rg, "secr"), (.ag, "secr"), (.program, "secr"): mapped = .secretary
    case (.area, "ad"): mapped = .ad
    case (.sdo, "liaiman"): mapped = .liaisonManager
    case (.sdo, "auth"): mapped = .authorizedIndividual
    case (.iab, "member"): mapped = .member
    default: mapped = nil
    }
    return mapped.map { ($0, role.group) }
  }

  /// The names of the people `ids`, fetched in batches.
  func personNames(_ ids: Set<Int>, listing: TastypieListing) async throws(DatatrackerError)
    -> [Int: String]
  {
    var names: [Int: String] = [:]
    let sorted = ids.sorted()
    for start in stride(from: 0, to: sorted.count, by: Self.personBatch) {
      let batch = sorted[start..<min(start + Self.personBatch, sorted.count)]
      let request =
        "\(apiPrefix)person/person/?id__in=\(batch.map(String.init).joined(separator: ","))&limit=\(Self.personBatch)"
      for object in try await listing.objects(request) {
        let id = try object.int("id")
        guard ids.contains(id) else { continue }
        guard let name = try object.string("name"), !name.isEmpty else {
          throw object.bad("name", "empty")
        }
        names[id] = name
      }
    }
    return names
  }

  /// Keeps what only the replaced registry knows: a concluded group's successor, a body's
  /// further names, domains and addresses, the formal relationship, and a body's liaison
  /// manager address where the datatracker names none.
  func carryForward(_ groups: [RegisteredGroup]) -> [RegisteredGroup] {
    guard let previous = options.previous else { return groups }
    let acronyms = Set(groups.map(\.acronym))
    return groups.map { group in
      guard let old = previous.group(group.acronym) else { return group }
      var group = group
      group.names = old.names
      group.domains = old.domains
      group.addresses = old.addresses
      group.formalRelationship = old.formalRelationship
      if group.state == .concluded, let successor = old.successor, acronyms.contains(successor) {
        group.successor = successor
      }
      if group.state == .concluded, let year = old.concludedYear {
        group.concludedYear = year
      }
      if group.type == .sdo, group.liaisonManager == nil {
        group.liaisonManager = old.liaisonManager
      }
      return group
    }
  }

  static func add(_ holder: RoleHolder, to holders: inout [RoleHolder]) {
    if let index = holders.firstIndex(where: { $0.role == holder.role && $0.name == holder.name }) {
      for email in holder.emails where !holders[index].emails.contains(email) {
        holders[index].emails.append(email)
      }
    } else {
      holders.append(holder)
    }
  }

  static func rank(_ type: GroupType) -> Int {
    [.ietf, .iesg, .iab, .irtf, .area, .ag, .program, .wg, .rg, .sdo].firstIndex(of: type) ?? 99
  }

  static func leadershipRank(_ role: Role) -> Int {
    Role.leadership.firstIndex(of: role) ?? 99
  }

  static func year(_ date: Date) -> Int {
    Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!, from: date)
      .year ?? 0
  }

  static func day(_ date: Date) -> String {
    String(ISO8601DateFormatter().string(from: date).prefix(10))
  }
}

/// A `group/group` object: the fields the registry reads.
struct APIGroup {
  var id: Int
  var uri: String
  var acronym: String
  var name: String
  /// Slugs of `name/grouptypename` and `name/groupstatename`; nil when the API has none.
  var type: String?
  var state: String?
  var parent: Int?
  var list: String?
  var time: String

  var year: Int? { Int(time.prefix(4)) }

  init(_ object: TastypieObject) throws(DatatrackerError) {
    id = try object.int("id")
    uri = object.name
    guard let acronym = try object.string("acronym"), !acronym.isEmpty else {
      throw object.bad("acronym", "empty")
    }
    self.acronym = acronym.lowercased()
    name = try object.string("name") ?? ""
    guard !name.trimmingCharacters(in: .whitespaces).isEmpty else {
      throw object.bad("name", "empty")
    }
    type = try object.key("type", under: "\(apiPrefix)name/grouptypename/", required: false)
    state = try object.key("state", under: "\(apiPrefix)name/groupstatename/", required: false)
    let parentID = try object.key("parent", under: "\(apiPrefix)group/group/", required: false)
    if let parentID {
      guard let number = Int(parentID) else { throw object.bad("parent", "not a group URI") }
      parent = number
    }
    time = try object.string("time", required: false) ?? ""
    let listEmail = (try object.string("list_email", required: false) ?? "").lowercased()
      .trimmingCharacters(in: .whitespaces)
    if listEmail.contains("@") {
      let parts = listEmail.split(separator: "@", omittingEmptySubsequences: false)
      guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."),
        !listEmail.contains(where: { $0.isWhitespace || $0 == "<" || $0 == ">" || $0 == "," })
      else { throw object.bad("list_email", "\(listEmail.debugDescription) is not a mail address") }
      list = listEmail
    }
  }
}

/// A `group/role` object.
struct APIRole {
  var uri: String
  /// Slug of `name/rolename`.
  var name: String
  var group: Int
  var person: Int
  var email: String

  init(_ object: TastypieObject) throws(DatatrackerError) {
    uri = object.name
    name = try object.key("name", under: "\(apiPrefix)name/rolename/")!
    guard let group = Int(try object.key("group", under: "\(apiPrefix)group/group/")!) else {
      throw object.bad("group", "not a group URI")
    }
    self.group = group
    guard let person = Int(try object.key("person", under: "\(apiPrefix)person/person/")!) else {
      throw object.bad("person", "not a person URI")
    }
    self.person = person
    let email = try object.key("email", under: "\(apiPrefix)person/email/")!.lowercased()
    let parts = email.split(separator: "@", omittingEmptySubsequences: false)
    guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."),
      !email.contains(where: { $0.isWhitespace || $0 == "<" || $0 == ">" || $0 == "," })
    else { throw object.bad("email", "\(email.debugDescription) is not a mail address") }
    self.email = email
  }
}
