import Foundation
import Routing
import Testing

@testable import Datatracker

/// The shipped registry snapshot (Sources/Routing/Resources/groups.yaml) is the importer's
/// output for the saved API pages and overrides of fixtures/datatracker/registry, byte for
/// byte, as scripts/regenerate-registry writes it: it cannot drift from them.
@Suite struct ShippedRegistryTests {
  static let set = "fixtures/datatracker/registry"

  @Test func importingTheSavedPagesReproducesTheShippedFile() async throws {
    let root = DatatrackerImporterTests.root
    let imported = try await DatatrackerImporter(
      pages: SavedDatatrackerPages(directory: root.appendingPathComponent(Self.set).path),
      options: .init(
        recentYears: 15, now: ISO8601DateFormatter().date(from: "2026-04-29T00:00:00Z")!)
    ).importRegistry()
    let overrides = try RegistryOverrides.load(
      path: root.appendingPathComponent("\(Self.set)/overrides.yaml").path)
    let text = try RegistryImport(imported: imported, overrides: overrides, current: nil)
      .text(source: Self.set, overrides: "\(Self.set)/overrides.yaml")
    let shipped = try String(
      contentsOf: root.appendingPathComponent("Sources/Routing/Resources/groups.yaml"),
      encoding: .utf8)
    #expect(text == shipped, "run scripts/regenerate-registry")
    // The registry built into the binary is that file.
    #expect(RoutingRegistry.embedded.groups.count == imported.groups.count)
    #expect(RoutingRegistry.embedded.snapshot == "2026-04-29")
    // No person is named: role aliases only.
    #expect(RoutingRegistry.embedded.groups.allSatisfy { $0.people.isEmpty })
    #expect(RoutingRegistry.embedded.group("pwe3")?.successor == "pals")
  }
}
