import Foundation
import Routing
import Testing

@testable import Datatracker

/// Two imports in a row: what `registry diff` shows, what the overrides keep, what is refused.
@Suite struct RegistryImportTests {
  typealias Fixture = DatatrackerImporterTests

  @Test func aRoleRemovedBetweenTwoImportsIsInTheDiff() async throws {
    let before = try await Fixture.importing("current")
    let after = try await Fixture.importing("later", previous: before)
    let diff = RegistryDiff(from: before, to: after)
    #expect(diff.addedGroups.isEmpty && diff.removedGroups.isEmpty)
    #expect(diff.changes.map(\.group) == ["ccamp", "quic"])
    let ccamp = try #require(diff.changes.first { $0.group == "ccamp" })
    #expect(ccamp.added.isEmpty)
    #expect(
      ccamp.removed.map(\.description) == [
        "secretary: Harper Lindqvist <harper.lindqvist@example.com>"
      ])
    #expect(
      diff.text == """
        ccamp:
          - secretary: Harper Lindqvist <harper.lindqvist@example.com>
        quic:
          + chair: Noor Pellegrini <noor.pellegrini@example.org>
          - chair: Val Hawthorne <val.hawthorne@example.com>

        """)
    // Nothing changes between an import and itself.
    #expect(RegistryDiff(from: after, to: try await Fixture.importing("later")).isEmpty)
  }

  @Test func theOverridesSurviveEveryImport() async throws {
    let dir = try TemporaryCopy(nil)
    defer { dir.remove() }
    let overridesPath = dir.path + "/overrides.yaml"
    try """
    version: 1
    roles:
      iab_chair:
        - name: "Blair Hawthorne"
          emails: [blair@iab.example, blair.hawthorne@example.net]
    groups:
      - acronym: ccamp
        people:
          - role: chair
            name: "Frankie Rasmussen"
            emails: [frankie@ccamp.example]
          - role: secretary
            name: "Ola Nordmann"
            emails: [ola@ccamp.example]
      - acronym: itu-t-sg-15
        domains: [itu.int]
        names: ["ITU-T SG15", "SG15"]
    """.write(toFile: overridesPath, atomically: true, encoding: .utf8)
    let overrides = try RegistryOverrides.load(path: overridesPath)
    let path = dir.path + "/groups.yaml"

    let first = try RegistryImport(
      imported: try await Fixture.importing("current"), overrides: overrides, current: nil)
    try RegistryImport.write(first.text(source: "current", overrides: overridesPath), to: path)
    let current = try GroupRegistry.load(path: path)
    let second = try RegistryImport(
      imported: try await Fixture.importing("later", previous: current), overrides: overrides,
      current: current)
    try RegistryImport.write(second.text(source: "later", overrides: overridesPath), to: path)

    let registry = try GroupRegistry.load(path: path)
    let roles = RoleDirectory(registry: registry)
    #expect(
      Fixture.holders(registry, "ccamp", .chair) == [
        "frankie@ccamp.example", "gale.eastwood@example.org",
      ])
    #expect(Fixture.holders(registry, "ccamp", .secretary) == ["ola@ccamp.example"])
    #expect(!roles.holds("frankie.rasmussen@example.net", .chair, for: "ccamp"))
    #expect(
      roles.addresses(holding: .iabChair) == ["blair@iab.example", "blair.hawthorne@example.net"])
    #expect(registry.group("itu-t-sg-15")?.domains == ["itu.int"])
    #expect(registry.group("itu-t-sg-15")?.names == ["ITU-T SG15", "SG15"])
    // The datatracker's own change still comes through: Harper left, the QUIC chair changed.
    #expect(roles.roles(of: "harper.lindqvist@example.com").isEmpty)
    #expect(roles.holds("noor.pellegrini@example.org", .chair, for: "quic"))
    // And the second import's diff says only that.
    #expect(second.diff?.changes.map(\.group) == ["ccamp", "quic"])
    #expect(second.diff?.changes.first?.removed.map(\.address) == ["harper.lindqvist@example.com"])
  }

  @Test func anImportDroppingTooManyGroupsIsRefused() async throws {
    let imported = try await Fixture.importing("current")
    // The shipped snapshot has far more groups than the fixture pages.
    #expect(throws: DatatrackerError.self) {
      _ = try RegistryImport(imported: imported, overrides: nil, current: RoutingRegistry.embedded)
    }
    do {
      _ = try RegistryImport(imported: imported, overrides: nil, current: RoutingRegistry.embedded)
    } catch {
      guard case .tooMuchDropped(let what, _, let total, let limit, _) = error else {
        Issue.record("\(error)")
        return
      }
      #expect(what == "groups" && total == RoutingRegistry.embedded.groups.count && limit == 0.2)
    }
    // Allowed explicitly, it goes through.
    #expect(
      try RegistryImport(
        imported: imported, overrides: nil, current: RoutingRegistry.embedded, maxDrop: 1
      ).registry.groups.count == 35)
  }

  @Test func anImportDroppingTooManyRoleHoldersIsRefused() async throws {
    let current = try await Fixture.importing("current")
    // The same groups, but the API lost the people of every WG.
    let groups = current.groups.map { group in
      var group = group
      if group.type == .wg { group.people = [] }
      return group
    }
    let partial = try GroupRegistry(
      groups: groups, snapshot: current.snapshot, roles: current.roles)
    do {
      _ = try RegistryImport(imported: partial, overrides: nil, current: current)
      Issue.record("an import losing most chairs was accepted")
    } catch {
      guard case .tooMuchDropped(let what, let dropped, _, _, let examples) = error else {
        Issue.record("\(error)")
        return
      }
      #expect(what == "role holders" && dropped == 26 && examples.count == 5)
    }
    // A small change is no reason to refuse.
    #expect(
      try RegistryImport(
        imported: try await Fixture.importing("later"), overrides: nil, current: current
      ).diff?.removedHoldings == 2)
  }
}
