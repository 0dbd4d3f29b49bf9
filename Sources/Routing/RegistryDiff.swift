/// What replacing one registry by another changes: the groups that come and go, and per
/// group (or for the leadership roles) the people who gain or lose a role.
///
/// People are role holders (`people:` and `roles:`), one line per role and address; the
/// role aliases of a group (`chairs`, `ads`) belong to the group, not to a person.
public struct RegistryDiff: Sendable, Hashable {
  /// One person's role and address, as a line of the diff.
  public struct Holding: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var role: Role
    /// Shown, not compared: a person renamed in the source is no change.
    public var name: String?
    public var address: String

    public static func == (a: Holding, b: Holding) -> Bool {
      a.role == b.role && a.address == b.address
    }

    public func hash(into hasher: inout Hasher) {
      hasher.combine(role)
      hasher.combine(address)
    }

    public var description: String {
      "\(role.rawValue): " + (name.map { "\($0) <\(address)>" } ?? address)
    }

    public static func < (a: Holding, b: Holding) -> Bool {
      (a.role.rawValue, a.address) < (b.role.rawValue, b.address)
    }
  }

  /// The changes of one group, or of the leadership roles (`group` nil).
  public struct Change: Hashable, Sendable {
    public var group: String?
    public var added: [Holding]
    public var removed: [Holding]
  }

  public let addedGroups: [String]
  public let removedGroups: [String]
  /// Groups and leadership with people added or removed, leadership first, then by acronym.
  public let changes: [Change]
  /// Holdings in the old registry, for the share an import may drop.
  public let oldHoldings: Int
  public let oldGroups: Int

  public init(from old: GroupRegistry, to new: GroupRegistry) {
    let oldAcronyms = Set(old.groups.map(\.acronym))
    let newAcronyms = Set(new.groups.map(\.acronym))
    addedGroups = new.groups.map(\.acronym).filter { !oldAcronyms.contains($0) }
    removedGroups = old.groups.map(\.acronym).filter { !newAcronyms.contains($0) }
    let before = Self.holdings(of: old)
    let after = Self.holdings(of: new)
    var changes: [Change] = []
    let keys = Set(before.keys).union(after.keys).sorted { ($0 ?? "") < ($1 ?? "") }
    for key in keys {
      let was = before[key] ?? []
      let now = after[key] ?? []
      let added = now.subtracting(was).sorted()
      let removed = was.subtracting(now).sorted()
      if !added.isEmpty || !removed.isEmpty {
        changes.append(Change(group: key, added: added, removed: removed))
      }
    }
    self.changes = changes
    oldHoldings = before.values.reduce(0) { $0 + $1.count }
    oldGroups = old.groups.count
  }

  public var isEmpty: Bool { addedGroups.isEmpty && removedGroups.isEmpty && changes.isEmpty }

  public var removedHoldings: Int { changes.reduce(0) { $0 + $1.removed.count } }

  /// The diff as text: `+`/`-` lines per group, leadership first.
  public var text: String {
    guard !isEmpty else { return "no change\n" }
    var lines: [String] = []
    for acronym in addedGroups { lines.append("+ group \(acronym)") }
    for acronym in removedGroups { lines.append("- group \(acronym)") }
    for change in changes {
      lines.append(change.group.map { "\($0):" } ?? "leadership:")
      for holding in change.added { lines.append("  + \(holding)") }
      for holding in change.removed { lines.append("  - \(holding)") }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// Holdings by group acronym (nil for the leadership roles).
  static func holdings(of registry: GroupRegistry) -> [String?: Set<Holding>] {
    var result: [String?: Set<Holding>] = [:]
    func add(_ group: String?, _ holder: RoleHolder) {
      for email in holder.emails {
        result[group, default: []].insert(
          Holding(role: holder.role, name: holder.name, address: email))
      }
    }
    for group in registry.groups { for person in group.people { add(group.acronym, person) } }
    for holder in registry.roles { add(nil, holder) }
    return result
  }
}
