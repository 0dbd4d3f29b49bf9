import Liaison
import Testing

@testable import Routing

@Suite struct StatementRouterTests {
  static let gateway = "liaison-coordination@iab.org"
  let router = StatementRouter(
    registry: RoutingRegistry.embedded,
    options: .init(
      gatewayAddresses: [Self.gateway, "statements@ietf.org"], iabContact: "iab-triage@iab.org"))

  func statement(
    to: [String], from: [String] = ["ITU-T SG15"], toContacts: [String] = [Self.gateway],
    cc: [String] = [],
    sendReplyTo: String? = nil
  ) -> ExtractedStatement {
    ExtractedStatement(
      title: "LS on something", from: from, sendReplyTo: sendReplyTo, to: to,
      toContacts: toContacts, cc: cc,
      purpose: .action)
  }

  @Test(arguments: [
    ("IETF CCAMP WG", ["ccamp"]),
    ("CCAMP", ["ccamp"]),
    ("ietf ccamp working group", ["ccamp"]),
    ("Common Control and Measurement Plane", ["ccamp"]),
    ("IETF Common Control and Measurement Plane (CCAMP) Working Group", ["ccamp"]),
    ("IETF CCMAP WG", ["ccamp"]),
    ("IETF CCAMP, TEAS and PCE WGs", ["ccamp", "teas", "pce"]),
    ("IETF MPLS & DetNet WGs", ["mpls", "detnet"]),
    ("IETF Routing Area", ["rtg"]),
    ("the Routing Area Directors", ["rtg"]),
    ("IETF Routing Area Working Group", ["rtgwg"]),
    ("IETF Transport and Services Working Group", ["tsvwg"]),
    ("IETF 6MAN", ["6man"]),
    ("IETF", ["ietf"]),
    ("IESG", ["iesg"]),
    ("IAB", ["iab"]),
    ("IETF IS-IS WG", []),  // concluded: misdirected, see below
    ("IETF Deterministc Networking WG", ["detnet"]),
    ("IETF Network Modelling WG", ["netmod"]),
  ])
  func toBodiesMatchTheRegistry(to: String, groups: [String]) {
    let decision = router.route(statement(to: [to]))
    #expect(decision.groups == groups, "\(decision.reason)")
  }

  @Test func workingGroupGoesToChairsADsAndTheLiaisonManager() {
    let decision = router.route(statement(to: ["IETF CCAMP WG"], from: ["ITU-T SG15 (Q12/15)"]))
    #expect(decision.groups == ["ccamp"])
    #expect(
      decision.recipients == [
        "ccamp-chairs@ietf.org", "rtg-ads@ietf.org", "itu-t-sg15-liaison@ietf.org",
      ])
    #expect(!decision.misdirected)
    #expect(decision.reason == "To names IETF CCAMP WG")
  }

  @Test func sendingBodyIsFoundByAddressWhenTheNameIsUnknown() {
    let decision = router.route(
      statement(to: ["IETF TEAS WG"], from: ["Some Question"], sendReplyTo: "tsbsg13@itu.int"))
    #expect(decision.recipients.contains("itu-t-sg13-liaison@ietf.org"))
  }

  @Test func subGroupsInheritTheLiaisonManager() {
    let decision = router.route(statement(to: ["IETF DMM WG"], from: ["3GPP TSG CT WG4"]))
    #expect(decision.recipients.contains("3gpp-liaison@ietf.org"))
    #expect(decision.reason.contains("unverified"))
  }

  @Test func researchGroupsGoThroughTheIRTFChair() {
    let decision = router.route(
      statement(to: ["IRTF Crypto Forum Research Group"], from: ["ISO/IEC JTC 1/SC 27"]))
    #expect(decision.groups == ["cfrg"])
    // Seed 004 section 3.1: for the IRTF the IAB is consulted.
    #expect(decision.recipients == ["irtf-chair@irtf.org", "iab-triage@iab.org"])
    #expect(decision.reason.contains("IRTF chair, the IAB consulted"))
  }

  /// Seed 001 section 2: a sender with no liaison manager in the registry is the IAB's.
  @Test func senderWithoutALiaisonManagerCopiesTheIAB() {
    let decision = router.route(statement(to: ["IETF TEAS WG"], from: ["Example Forum"]))
    #expect(decision.groups == ["teas"])
    #expect(decision.recipients.contains("teas-chairs@ietf.org"))
    #expect(decision.recipients.contains("iab-triage@iab.org"))
    #expect(decision.reason.contains("no liaison manager for the sender"))
  }

  @Test func groupListsAreCopiedOnlyWhenConfigured() throws {
    let plain = router.route(statement(to: ["IETF TEAS WG"]))
    #expect(!plain.recipients.contains("teas@ietf.org"))
    let copying = StatementRouter(
      registry: router.registry,
      options: StatementRouter.Options(
        gatewayAddresses: [Self.gateway], iabContact: "iab-triage@iab.org", copyGroupLists: true))
    let decision = copying.route(statement(to: ["IETF TEAS WG"]))
    #expect(decision.recipients.contains("teas@ietf.org"))
    #expect(decision.recipients.contains("teas-chairs@ietf.org"))
  }

  @Test func concludedGroupIsMisdirectedWithItsSuccessor() {
    let decision = router.route(statement(to: ["IETF PWE3 WG"]))
    #expect(decision.misdirected)
    #expect(decision.groups.isEmpty)
    #expect(decision.reason.contains("concluded group pwe3 (successor pals)"))
    #expect(decision.recipients == ["iab-triage@iab.org", "itu-t-sg15-liaison@ietf.org"])
  }

  @Test func unknownGroupIsMisdirected() {
    let decision = router.route(statement(to: ["IETF Quantum Toaster WG"]))
    #expect(decision.misdirected)
    #expect(decision.reason.contains("unknown body 'IETF Quantum Toaster WG'"))
    #expect(decision.recipients.first == "iab-triage@iab.org")
  }

  @Test func oneUnknownBodyBesideAKnownOneStillRoutes() {
    let decision = router.route(statement(to: ["IETF TEAS WG", "IETF Quantum Toaster WG"]))
    #expect(!decision.misdirected)
    #expect(decision.groups == ["teas"])
    #expect(
      decision.reason.contains("flagged to the IAB: not in the registry: 'IETF Quantum Toaster WG'")
    )
    #expect(decision.recipients.contains("iab-triage@iab.org"))
  }

  @Test func concludedGroupBesideAValidOneIsFlaggedAndTheValidOneRouted() {
    let decision = router.route(statement(to: ["IETF TEAS WG", "IETF PWE3 WG"]))
    #expect(!decision.misdirected)
    #expect(decision.groups == ["teas"])
    #expect(decision.recipients.contains("teas-chairs@ietf.org"))
    #expect(decision.recipients.contains("iab-triage@iab.org"))
    #expect(decision.reason.contains("flagged to the IAB: concluded group pwe3 (successor pals)"))
  }

  @Test func statementToAnotherSDOIsMisdirected() {
    let decision = router.route(statement(to: ["3GPP SA2"]))
    #expect(decision.misdirected)
    #expect(decision.reason.contains("no IETF or IRTF group"))
  }

  @Test func jointStatementAlsoNamingAnotherSDORoutes() {
    let decision = router.route(statement(to: ["IETF LAMPS WG", "ISO/IEC JTC 1/SC 27"]))
    #expect(!decision.misdirected)
    #expect(decision.groups == ["lamps"])
    #expect(decision.reason.contains("also addressed to ISO/IEC JTC 1/SC 27"))
  }

  @Test func sentToAGroupListInsteadOfTheGatewayIsMisdirected() {
    let decision = router.route(statement(to: ["IETF CCAMP WG"], toContacts: ["ccamp@ietf.org"]))
    #expect(decision.misdirected)
    #expect(decision.groups == ["ccamp"])
    #expect(
      decision.reason.contains(
        "sent to the ccamp@ietf.org list instead of the central liaison address"))
    #expect(decision.recipients.first == "iab-triage@iab.org")
  }

  @Test func listInCopyBesideTheGatewayIsFine() {
    let decision = router.route(
      statement(to: ["IETF CCAMP WG"], toContacts: [Self.gateway], cc: ["ccamp@ietf.org"]))
    #expect(!decision.misdirected)
  }

  @Test func noToBodyIsUnrouted() {
    let decision = router.route(statement(to: []))
    #expect(!decision.misdirected)
    #expect(decision.groups.isEmpty)
    #expect(decision.reason.hasPrefix("unrouted"))
    #expect(decision.recipients.contains("iab-triage@iab.org"))
  }

  @Test func toContactRoleAddressesRouteWhenTheNamesDoNot() {
    let decision = router.route(
      statement(to: [], toContacts: [Self.gateway, "teas-chairs@ietf.org"]))
    #expect(decision.groups == ["teas"])
    #expect(!decision.misdirected)
  }

  @Test func shortAcronymsMustMatchExactly() {
    // "PCF" is one letter from "pce" but also from other three-letter acronyms.
    let decision = router.route(statement(to: ["IETF PCF WG"]))
    #expect(decision.groups.isEmpty)
    #expect(decision.misdirected)
  }

  @Test func gatewayAddressesNeverReceive() {
    let router = StatementRouter(
      registry: RoutingRegistry.embedded,
      options: .init(
        gatewayAddresses: ["liaison-coordination@iab.org"],
        iabContact: "liaison-coordination@iab.org"))
    let decision = router.route(statement(to: ["IETF Quantum Toaster WG"], from: ["MEF"]))
    #expect(decision.misdirected)
    #expect(decision.recipients.isEmpty)
  }

  @Test func automaticMailIsNotRouted() {
    var mail = statement(to: ["IETF CCAMP WG"])
    mail.kind = .autoReply
    let decision = router.route(mail)
    #expect(decision.groups.isEmpty)
    #expect(decision.recipients.isEmpty)
  }

  @Test func rerouteResolvesAndRefuses() throws {
    let decision = try router.route(
      statement(to: ["IETF PWE3 WG"]), toGroups: ["PALS"], note: "pwe3 concluded")
    #expect(decision.groups == ["pals"])
    #expect(
      decision.recipients == [
        "pals-chairs@ietf.org", "rtg-ads@ietf.org", "itu-t-sg15-liaison@ietf.org",
      ])
    #expect(decision.reason == "re-routed to pals: pwe3 concluded")
    #expect(throws: RoutingError.concludedGroup("pwe3", successor: "pals")) {
      _ = try router.resolve("pwe3")
    }
    #expect(throws: RoutingError.notAReceiver("itu-t-sg15")) {
      _ = try router.resolve("itu-t-sg15")
    }
    #expect {
      _ = try router.resolve("nosuchgroup")
    } throws: { error in
      guard case .unknownGroup("nosuchgroup", _) = error as? RoutingError else { return false }
      return true
    }
    #expect(try router.resolve("IETF TEAS WG").acronym == "teas")
  }

  @Test(arguments: [
    "", "   ", "\u{0}\u{1}", String(repeating: "a", count: 10_000), "<script>alert(1)</script> WG",
  ])
  func hostileNamesDoNotCrash(name: String) {
    let decision = router.route(statement(to: [name]))
    #expect(decision.groups.allSatisfy { RoutingRegistry.embedded.group($0) != nil })
  }
}

@Suite struct EditDistanceTests {
  @Test func distances() {
    #expect(EditDistance.distance("ccamp", "ccamp", limit: 1) == 0)
    #expect(EditDistance.distance("ccmap", "ccamp", limit: 1) == 1)
    #expect(EditDistance.distance("detnet", "detnte", limit: 1) == 1)
    #expect(EditDistance.distance("abc", "xyz", limit: 2) == nil)
    #expect(EditDistance.distance("", "ab", limit: 2) == 2)
    #expect(EditDistance.allowance(forLength: 3) == 0)
  }
}
