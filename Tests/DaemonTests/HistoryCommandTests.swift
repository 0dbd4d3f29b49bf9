import Foundation
import Testing

/// `liaisond history import` and `liaisond export --datatracker` on saved datatracker
/// pages: the binary itself, what it prints, and that a second import changes nothing.
@Suite("liaisond history", .serialized)
struct HistoryCommandTests {
  @Test func importTwiceThenExportInTheDatatrackersShape() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let registry = dir.sub("groups.yaml")
    let config = try dir.write(
      "liaisond.yaml", "store:\n  path: \(dir.path)/store\nrouting:\n  registry: \(registry)\n")
    let pages = RegistryCommandTests.pages("history")
    // The registry imported from the datatracker: the export names groups by its URIs.
    let imported = try CommandLineTests.run(
      [
        "registry", "import", "--datatracker", RegistryCommandTests.pages("current"), "--config",
        config,
      ])
    #expect(imported.status == 0, "\(imported.stderr)")

    let first = try CommandLineTests.run(
      ["history", "import", "--datatracker", pages, "--config", config])
    #expect(first.status == 0, "\(first.stderr)")
    #expect(first.stdout.contains("imported LS-2025-0001 datatracker liaison 1801\n"))
    #expect(first.stdout.contains("left out liaison 1804: state pending\n"))
    #expect(
      first.stdout.hasSuffix("3 imported, 0 matched, 0 unchanged, 1 left out; no mail was sent\n"),
      "\(first.stdout)")

    let second = try CommandLineTests.run(
      ["history", "import", "--datatracker", pages, "--config", config])
    #expect(second.status == 0, "\(second.stderr)")
    #expect(
      second.stdout.hasSuffix("0 imported, 0 matched, 3 unchanged, 1 left out; no mail was sent\n"),
      "\(second.stdout)")

    let export = try CommandLineTests.run(["export", "--datatracker", "--config", config])
    #expect(export.status == 0, "\(export.stderr)")
    let page = try #require(
      try JSONSerialization.jsonObject(with: Data(export.stdout.utf8)) as? [String: Any])
    let objects = try #require(page["objects"] as? [[String: Any]])
    #expect(objects.compactMap { $0["id"] as? Int } == [1801, 1802, 1803])
    #expect(objects.first?["from_groups"] as? [String] == ["/api/v1/group/group/34/"])

    let refused = try CommandLineTests.run(
      ["history", "import", "--datatracker", dir.sub("nothing-here"), "--config", config])
    #expect(refused.status == 64, "\(refused.stderr)")
  }
}
