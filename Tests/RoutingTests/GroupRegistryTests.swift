import Foundation
import Testing

@testable import Routing

@Suite struct GroupRegistryTests {
  static let fixture = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Sources/Routing/Resources/groups.yaml")

  @Test func embeddedRegistryIsTheSnapshot() throws {
    let file = try String(contentsOf: Self.fixture, encoding: .utf8)
    #expect(RoutingRegistry.embeddedYAML == file)
  }

  @Test func fixtureLoadsAndCoversTheIETFAndIRTF() throws {
    let registry = try GroupRegistry.load(path: Self.fixture.path)
    let counts = registry.activeCounts
    #expect(counts[.area] == 7)
    #expect((counts[.wg] ?? 0) >= 120)
    #expect(counts[.rg] == 16)
    #expect((counts[.sdo] ?? 0) >= 40)
    for kind in [GroupType.ietf, .iesg, .iab, .irtf] { #expect(counts[kind] == 1) }
    #expect(registry.group("irtf")?.chairs == "irtf-chair@irtf.org")
    #expect(registry.group("rtg")?.ads == "rtg-ads@ietf.org")
  }

  @Test func everyActiveWorkingGroupHasRoleAddressesAndAnArea() throws {
    let registry = RoutingRegistry.embedded
    for wg in registry.groups(ofType: .wg) where wg.state == .active {
      #expect(wg.chairs == "\(wg.acronym)-chairs@ietf.org")
      #expect(wg.list == "\(wg.acronym)@ietf.org")
      if wg.acronym != "diem" {  // the source gives no area for diem
        #expect(!registry.responsibleADs(for: wg.acronym).isEmpty, "\(wg.acronym) has no ADs")
      }
    }
    for rg in registry.groups(ofType: .rg) where rg.state == .active {
      #expect(rg.chairs == "\(rg.acronym)-chairs@irtf.org")
      #expect(rg.parent == "irtf")
    }
  }

  @Test func concludedGroupsKeepTheirSuccessors() {
    let registry = RoutingRegistry.embedded
    #expect(registry.group("pwe3")?.state == .concluded)
    #expect(registry.group("pwe3")?.successor == "pals")
    #expect(registry.group("tsv")?.successor == "wit")
    #expect(registry.group("ospf")?.successor == "lsr")
    #expect(registry.group("sidr")?.successor == "sidrops")
  }

  @Test func unverifiedRowsAreRoutableButFlagged() {
    let registry = RoutingRegistry.embedded
    let tvr = registry.group("tvr")
    #expect(tvr?.state == .active)
    #expect(tvr?.verified == false)
    #expect(registry.group("ccamp")?.verified == true)
  }

  @Test func liaisonManagersAreInheritedFromTheParentBody() {
    let registry = RoutingRegistry.embedded
    #expect(registry.liaisonManager(for: "itu-t-sg15") == "itu-t-sg15-liaison@ietf.org")
    #expect(registry.liaisonManager(for: "3gpp-sa2") == "3gpp-liaison@ietf.org")
    #expect(registry.liaisonManager(for: "mef") == nil)
  }

  @Test func registryHasNoPersonalAddresses() {
    // Role addresses only: every address is a role pattern or an SDO's secretariat box.
    let roles = [
      "-chairs@", "-ads@", "-liaison@", "iesg@", "iab@", "irtf-chair@", "tsb", "3gppliaison@",
    ]
    for group in RoutingRegistry.embedded.groups {
      for address in group.roleAddresses where group.list != address {
        #expect(roles.contains { address.contains($0) }, "\(address) of \(group.acronym)")
      }
    }
  }

  static let minimal = """
    version: 1
    groups:
      - acronym: rtg
        name: Routing Area
        type: area
        state: active
        ads: rtg-ads@ietf.org
    """

  @Test func minimalRegistryLoads() throws {
    let registry = try GroupRegistry(yaml: Self.minimal, file: "t.yaml")
    #expect(registry.groups.count == 1)
  }

  @Test(arguments: [
    (
      "  - acronym: x\n    name: X\n    type: wg\n    state: active\n    chiars: x-chairs@ietf.org\n",
      12, "chiars", "unknown key"
    ),
    (
      "  - acronym: rtg\n    name: Again\n    type: area\n    state: active\n    ads: rtg-ads@ietf.org\n",
      8, "acronym", "already defined at line 3"
    ),
    (
      "  - acronym: x\n    name: X\n    type: wg\n    state: concluded\n    successor: nowhere\n",
      8, "successor", "'nowhere'"
    ),
    (
      "  - acronym: x\n    name: X\n    type: wg\n    state: active\n    parent: rtg\n    chairs: X Chairs <x@ietf.org>\n",
      8, "chairs", "not a lower-case mail address"
    ),
    (
      "  - acronym: x\n    name: X\n    type: wg\n    state: active\n    parent: rtg\n", 8,
      "chairs", "needs a chairs role address"
    ),
    (
      "  - acronym: x\n    name: X\n    type: committee\n    state: active\n", 10, "type",
      "'committee' is not one of"
    ),
    ("  - acronym: x\n    type: wg\n    state: active\n", 8, "name", "missing"),
  ])
  func invalidEntriesAreReportedWithLineAndKey(
    entry: String, line: Int, key: String, reason: String
  ) {
    let yaml = Self.minimal + "\n" + entry
    do {
      _ = try GroupRegistry(yaml: yaml, file: "t.yaml")
      Issue.record("accepted an invalid registry")
    } catch let error as RoutingError {
      guard case .invalid(let file, let errorLine, let errorKey, let errorReason) = error else {
        Issue.record("wrong error \(error)")
        return
      }
      #expect(file == "t.yaml")
      #expect(errorLine == line)
      #expect(errorKey == key)
      #expect(errorReason.contains(reason), "\(errorReason)")
      #expect(error.description.hasPrefix("t.yaml:\(line): key '\(key)'"))
    } catch {
      Issue.record("unexpected error \(error)")
    }
  }

  @Test func malformedYAMLNamesTheLine() {
    #expect {
      _ = try GroupRegistry(yaml: "groups:\n  - acronym: [unclosed\n", file: "bad.yaml")
    } throws: { error in
      guard case .syntax(let file, let line, _) = error as? RoutingError else { return false }
      return file == "bad.yaml" && line != nil
    }
  }

  @Test func missingFileIsReported() {
    #expect(throws: RoutingError.self) {
      _ = try GroupRegistry.load(path: "/nonexistent/groups.yaml")
    }
  }
}
