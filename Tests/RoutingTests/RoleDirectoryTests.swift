import Routing
import Testing

@Suite struct RoleDirectoryTests {
  static let shipped = RoleDirectory(registry: RoutingRegistry.embedded)

  // A deployment's registry: people with personal addresses beside the aliases.
  static let deploymentYAML = """
    version: 1
    roles:
      ietf_chair:
        - name: "Rob Chair"
          emails: [rob@example.net, Rob.Chair@IETF.org]
      iab_chair: [iab-chair@iab.org]
      iab_executive_director:
        - name: "Cindy Exec"
          emails: [cindy@iab.org]
      irtf_chair: [colin@example.edu]
      secretariat: [support@ietf.org]
    groups:
      - acronym: ietf
        name: "Internet Engineering Task Force"
        type: ietf
        state: active
      - acronym: iesg
        name: "Internet Engineering Steering Group"
        type: iesg
        state: active
        people:
          - {role: member, name: "Ann AD", emails: [ann@example.org]}
      - acronym: iab
        name: "Internet Architecture Board"
        type: iab
        state: active
        chairs: iab@iab.org
      - acronym: edm
        name: "EDM Program"
        type: program
        state: active
      - acronym: irtf
        name: "Internet Research Task Force"
        type: irtf
        state: active
        chairs: irtf-chair@irtf.org
      - acronym: rtg
        name: "Routing Area"
        type: area
        state: active
        ads: rtg-ads@ietf.org
        people:
          - {role: ad, name: "Ann AD", emails: [ann@example.org]}
          - {role: ad, name: "Bob AD", emails: [bob@example.com]}
      - acronym: ccamp
        name: "Common Control and Measurement Plane"
        type: wg
        state: active
        parent: rtg
        chairs: ccamp-chairs@ietf.org
        people:
          - role: chair
            name: "Carol Chair"
            emails: [carol@example.org, carol@ietf.org]
          - role: secretary
            name: "Sam Secretary"
            emails: [sam@example.org]
      - acronym: rtgarea
        name: "Routing Area Open Meeting"
        type: ag
        state: active
        parent: rtg
      - acronym: cfrg
        name: "Crypto Forum Research Group"
        type: rg
        state: active
        parent: irtf
        chairs: cfrg-chairs@irtf.org
      - acronym: 3gpp
        name: "3rd Generation Partnership Project"
        type: sdo
        state: active
        liaison_manager: 3gpp-liaison@ietf.org
        people:
          - {role: liaison_manager, name: "Lee Manager", emails: [lee@example.org]}
      - acronym: 3gpp-sa2
        name: "3GPP SA2"
        type: sdo
        state: active
        parent: 3gpp
    """

  static func deployment() throws -> RoleDirectory {
    RoleDirectory(registry: try GroupRegistry(yaml: deploymentYAML, file: "test.yaml"))
  }

  // MARK: - The shipped snapshot: role aliases only

  @Test func shippedAliasesAreTheirRoleHoldersAddresses() {
    let d = Self.shipped
    #expect(d.roles(of: "ccamp-chairs@ietf.org") == [RoleAssignment(.chair, for: "ccamp")])
    #expect(d.roles(of: "RTG-ADS@ietf.org") == [RoleAssignment(.ad, for: "rtg")])
    #expect(d.roles(of: "3gpp-liaison@ietf.org") == [RoleAssignment(.liaisonManager, for: "3gpp")])
    #expect(d.roles(of: "cfrg-chairs@irtf.org") == [RoleAssignment(.chair, for: "cfrg")])
    #expect(d.roles(of: "chair@ietf.org") == [RoleAssignment(.ietfChair)])
    #expect(d.roles(of: "iab-chair@iab.org") == [RoleAssignment(.iabChair)])
    #expect(d.roles(of: "irtf-chair@irtf.org") == [RoleAssignment(.irtfChair)])
    #expect(d.roles(of: "execd@iab.org") == [RoleAssignment(.iabExecutiveDirector)])
    #expect(d.roles(of: "support@ietf.org") == [RoleAssignment(.secretariat)])
  }

  @Test func shippedListsAndStrangersHoldNoRole() {
    let d = Self.shipped
    for address in [
      "ccamp@ietf.org", "iesg@ietf.org", "iab@iab.org", "ietf@ietf.org", "3gppliaison@etsi.org",
      "victim@example.org", "",
    ] {
      #expect(d.roles(of: address).isEmpty, "\(address)")
    }
  }

  @Test func shippedHasNoPersonalData() {
    #expect(RoutingRegistry.embedded.groups.allSatisfy { $0.people.isEmpty })
    let domains = Set(
      RoutingRegistry.embedded.roles.flatMap(\.emails).map { $0.split(separator: "@")[1] })
    #expect(domains == ["ietf.org", "iab.org", "irtf.org"])
  }

  @Test func shippedResolvesADsAndInheritedLiaisonManagers() {
    let d = Self.shipped
    #expect(d.holds("rtg-ads@ietf.org", .ad, for: "ccamp"))
    #expect(d.holds("rtg-ads@ietf.org", .ad, for: "rtg"))
    #expect(!d.holds("rtg-ads@ietf.org", .ad, for: "saag"))
    #expect(d.holds("sec-ads@ietf.org", .ad, for: "saag"))
    #expect(!d.holds("ccamp-chairs@ietf.org", .chair, for: "pce"))
    #expect(d.addresses(holding: .liaisonManager, for: "3gpp-tsg-sa") == ["3gpp-liaison@ietf.org"])
  }

  @Test func shippedApprovalFollowsSeed004() throws {
    let d = Self.shipped
    let wg = try #require(d.approvers(for: "ccamp"))
    #expect(wg.roles == [RoleAssignment(.ad, for: "rtg")])
    #expect(wg.addresses == ["rtg-ads@ietf.org"])
    #expect(wg.copied.isEmpty)
    #expect(d.approvers(for: "rtg")?.addresses == ["rtg-ads@ietf.org"])
    #expect(d.approvers(for: "saag")?.addresses == ["sec-ads@ietf.org"])
    #expect(d.approvers(for: "ietf")?.addresses == ["chair@ietf.org"])
    #expect(d.approvers(for: "IESG")?.addresses == ["chair@ietf.org"])
    #expect(d.approvers(for: "iab")?.addresses == ["iab-chair@iab.org", "execd@iab.org"])
    #expect(d.approvers(for: "edm")?.roles == [.init(.iabChair), .init(.iabExecutiveDirector)])
    let rg = try #require(d.approvers(for: "cfrg"))
    #expect(rg.addresses == ["irtf-chair@irtf.org"])
    #expect(rg.copied == ["iab@iab.org"])
    #expect(d.approvers(for: "irtf")?.copied == ["iab@iab.org"])
    #expect(d.approvers(for: "3gpp") == nil)
    #expect(d.approvers(for: "no-such-group") == nil)
  }

  // MARK: - A deployment's registry with personal addresses

  @Test func personalAddressesHoldTheirRoles() throws {
    let d = try Self.deployment()
    #expect(d.roles(of: "carol@example.org") == [RoleAssignment(.chair, for: "ccamp")])
    #expect(d.roles(of: "CAROL@ietf.org") == [RoleAssignment(.chair, for: "ccamp")])
    #expect(d.roles(of: "sam@example.org") == [RoleAssignment(.secretary, for: "ccamp")])
    #expect(
      d.roles(of: "ann@example.org") == [
        RoleAssignment(.member, for: "iesg"), RoleAssignment(.ad, for: "rtg"),
      ])
    #expect(d.roles(of: "rob.chair@ietf.org") == [RoleAssignment(.ietfChair)])
    #expect(d.roles(of: "lee@example.org") == [RoleAssignment(.liaisonManager, for: "3gpp")])
    #expect(d.holds("lee@example.org", .liaisonManager, for: "3gpp-sa2"))
    #expect(d.holds("bob@example.com", .ad, for: "rtgarea"))
    #expect(!d.holds("carol@example.org", .ad, for: "ccamp"))
    #expect(!d.holds("sam@example.org", .chair, for: "ccamp"))
    // The alias still counts beside the people.
    #expect(
      d.addresses(holding: .chair, for: "ccamp") == [
        "ccamp-chairs@ietf.org", "carol@example.org", "carol@ietf.org",
      ])
  }

  @Test func deploymentApprovers() throws {
    let d = try Self.deployment()
    #expect(
      d.approvers(for: "ccamp")?.addresses == [
        "rtg-ads@ietf.org", "ann@example.org", "bob@example.com",
      ])
    #expect(d.approvers(for: "ietf")?.addresses == ["rob@example.net", "rob.chair@ietf.org"])
    #expect(d.approvers(for: "iab")?.addresses == ["iab-chair@iab.org", "cindy@iab.org"])
    #expect(d.approvers(for: "cfrg")?.addresses == ["colin@example.edu"])
    #expect(d.approvers(for: "cfrg")?.copied == ["iab@iab.org"])
  }

  // MARK: - Refused registries

  @Test(arguments: [
    (
      "  - {acronym: x, name: X, type: wg, state: active, parent: rtg, chairs: x-chairs@ietf.org, people: [{role: ad, emails: [a@b.org]}]}",
      "'ad' is not a role of 'x'"
    ),
    (
      "  - {acronym: x, name: X, type: wg, state: active, parent: rtg, chairs: x-chairs@ietf.org, people: [{role: chair, emails: []}]}",
      "non-empty list"
    ),
    (
      "  - {acronym: x, name: X, type: wg, state: active, parent: rtg, chairs: x-chairs@ietf.org, people: [{role: chair}]}",
      "key 'emails': missing"
    ),
    (
      "  - {acronym: x, name: X, type: wg, state: active, parent: rtg, chairs: x-chairs@ietf.org, people: [{role: chair, emails: [not-an-address]}]}",
      "'not-an-address' is not a mail address"
    ),
    (
      "  - {acronym: x, name: X, type: wg, state: active, parent: rtg, chairs: x-chairs@ietf.org, people: [{role: chair, mail: [a@b.org]}]}",
      "key 'mail': unknown key"
    ),
    (
      "  - {acronym: x, name: X, type: ietf, state: active, people: [{role: chair, emails: [a@b.org]}]}",
      "use the top-level 'roles:' map"
    ),
  ])
  func refusesBadPeople(entry: String, message: String) {
    let yaml = """
      version: 1
      groups:
        - {acronym: rtg, name: Routing, type: area, state: active, ads: rtg-ads@ietf.org}
      \(entry)
      """
    #expect {
      try GroupRegistry(yaml: yaml, file: "t.yaml")
    } throws: { error in
      "\(error)".contains(message) && "\(error)".hasPrefix("t.yaml:")
    }
  }

  @Test(arguments: [
    ("roles: {ietf_chiar: [a@b.org]}", "key 'ietf_chiar': unknown role"),
    ("roles: {ietf_chair: a@b.org}", "must be a list"),
    ("roles: {ietf_chair: [{name: A}]}", "key 'emails': missing"),
    ("roles: {iab_chair: [bad]}", "'bad' is not a mail address"),
    ("roles: [ietf_chair]", "must be a mapping"),
  ])
  func refusesBadLeadershipRoles(line: String, message: String) {
    let yaml = """
      version: 1
      \(line)
      groups:
        - {acronym: rtg, name: Routing, type: area, state: active, ads: rtg-ads@ietf.org}
      """
    #expect {
      try GroupRegistry(yaml: yaml, file: "t.yaml")
    } throws: { error in
      "\(error)".contains(message)
    }
  }
}
