/// One entry of the group registry (`Sources/Routing/Resources/groups.yaml`): an IETF/IRTF group
/// or a body that sends statements: its role addresses, and the people holding its roles.
public struct RegisteredGroup: Hashable, Sendable {
  public var acronym: String
  public var name: String
  public var type: GroupType
  public var state: GroupState
  /// False when the source snapshot could not confirm the group's area or state.
  public var verified: Bool
  /// Area of a WG/AG, `irtf` for an RG, the parent body of an SDO group.
  public var parent: String?
  public var successor: String?
  public var concludedYear: Int?
  /// Further names people write for the group, beyond its acronym and name.
  public var names: [String]
  public var chairs: String?
  public var list: String?
  public var ads: String?
  public var addresses: [String]
  public var domains: [String]
  /// Whether the IAB keeps a formal liaison relationship with this body.
  public var formalRelationship: Bool
  public var liaisonManager: String?
  public var source: String?
  /// People holding this entry's roles, with the addresses they write from (`people:`).
  public var people: [RoleHolder]
  /// Line of the entry in the registry file, for error messages.
  public var line: Int

  public init(
    acronym: String, name: String, type: GroupType, state: GroupState = .active,
    verified: Bool = true, parent: String? = nil, successor: String? = nil,
    concludedYear: Int? = nil, names: [String] = [], chairs: String? = nil, list: String? = nil,
    ads: String? = nil, addresses: [String] = [], domains: [String] = [],
    formalRelationship: Bool = false, liaisonManager: String? = nil, source: String? = nil,
    people: [RoleHolder] = [], line: Int = 0
  ) {
    self.acronym = acronym
    self.name = name
    self.type = type
    self.state = state
    self.verified = verified
    self.parent = parent
    self.successor = successor
    self.concludedYear = concludedYear
    self.names = names
    self.chairs = chairs
    self.list = list
    self.ads = ads
    self.addresses = addresses
    self.domains = domains
    self.formalRelationship = formalRelationship
    self.liaisonManager = liaisonManager
    self.source = source
    self.people = people
    self.line = line
  }

  /// Every role address the registry knows for this entry.
  public var roleAddresses: [String] {
    [chairs, list, ads, liaisonManager].compactMap { $0 } + addresses
  }
}
