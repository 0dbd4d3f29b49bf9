import Liaison

/// A role a person holds in the IETF liaison process (SPEC.md, "Who a sender is").
///
/// An open vocabulary: the registry names roles by their raw values (`chair`,
/// `ietf_chair`, ...). Group roles are held for one registry entry; leadership roles are
/// held once, for the whole organisation.
public struct Role: OpenVocabulary {
  public var rawValue: String
  public init(rawValue: String) { self.rawValue = rawValue }

  /// Chair of a WG, RG, area group or program.
  public static let chair = Role(rawValue: "chair")
  /// Secretary of a WG, RG, area group or program.
  public static let secretary = Role(rawValue: "secretary")
  /// Area Director of an area.
  public static let ad = Role(rawValue: "ad")
  /// The IETF's liaison manager to a sending body (inherited by its sub-groups).
  public static let liaisonManager = Role(rawValue: "liaison_manager")
  /// A person the sending body authorized to submit statements for it (the datatracker's
  /// `auth`). Recorded, so that their mail is recognised; it grants no command.
  public static let authorizedIndividual = Role(rawValue: "authorized_individual")
  /// Member of the IAB or the IESG.
  public static let member = Role(rawValue: "member")

  public static let ietfChair = Role(rawValue: "ietf_chair")
  public static let iabChair = Role(rawValue: "iab_chair")
  public static let irtfChair = Role(rawValue: "irtf_chair")
  public static let iabExecutiveDirector = Role(rawValue: "iab_executive_director")
  public static let secretariat = Role(rawValue: "secretariat")

  /// The roles of the top-level `roles:` map of the registry.
  public static let leadership: [Role] = [
    .ietfChair, .iabChair, .irtfChair, .iabExecutiveDirector, .secretariat,
  ]

  /// The roles a group's `people:` may hold, by the group's type.
  public static func groupRoles(for type: GroupType) -> [Role] {
    switch type {
    case .wg, .rg, .ag, .program: return [.chair, .secretary]
    case .area: return [.ad]
    case .sdo: return [.liaisonManager, .authorizedIndividual]
    case .iab, .iesg: return [.member]
    case .ietf, .irtf: return []
    }
  }
}
