import Daemon
import Foundation
import Routing
import Testing

/// `liaisond registry import|diff` on saved datatracker pages, and `routing.overrides` in
/// the configuration: the binary itself, its files and exit codes.
@Suite("liaisond registry", .serialized)
struct RegistryCommandTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
  static func pages(_ set: String) -> String {
    root.appendingPathComponent("fixtures/datatracker/\(set)").path
  }

  static let overrides = """
    version: 1
    groups:
      - acronym: ccamp
        people:
          - role: chair
            name: "Frankie Rasmussen"
            emails: [frankie@ccamp.example]
    """

  @Test func importThenDiffThenImportAgainKeepingTheOverrides() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let output = dir.sub("groups.yaml")
    let overrides = try dir.write("overrides.yaml", Self.overrides)
    let config = try dir.write(
      "liaisond.yaml",
      "store:\n  path: \(dir.path)\nrouting:\n  registry: \(output)\n  overrides: \(overrides)\n")

    let first = try CommandLineTests.run(
      ["registry", "import", "--datatracker", Self.pages("current"), "--config", config])
    #expect(first.status == 0, "\(first.stderr)")
    #expect(first.stdout.hasPrefix("\(output): 35 groups, "), "\(first.stdout)")
    let imported = try GroupRegistry.load(path: output)
    #expect(RoleDirectory(registry: imported).holds("frankie@ccamp.example", .chair, for: "ccamp"))
    #expect(
      RoleDirectory(registry: imported).holds(
        "harper.lindqvist@example.com", .secretary, for: "ccamp"))

    let diff = try CommandLineTests.run(
      ["registry", "diff", "--datatracker", Self.pages("later"), "--config", config])
    #expect(diff.status == 0, "\(diff.stderr)")
    #expect(
      diff.stdout.contains(
        "ccamp:\n  - secretary: Harper Lindqvist <harper.lindqvist@example.com>\n"))
    #expect(
      diff.stdout.contains("quic:\n  + chair: Noor Pellegrini <noor.pellegrini@example.org>\n"))
    // The overridden chair is no change: the overrides apply to both sides.
    #expect(!diff.stdout.contains("frankie"), "\(diff.stdout)")
    // diff writes nothing.
    #expect(try GroupRegistry.load(path: output) == imported)

    let second = try CommandLineTests.run(
      ["registry", "import", "--datatracker", Self.pages("later"), "--config", config])
    #expect(second.status == 0, "\(second.stderr)")
    let later = RoleDirectory(registry: try GroupRegistry.load(path: output))
    #expect(later.holds("frankie@ccamp.example", .chair, for: "ccamp"))
    #expect(later.roles(of: "harper.lindqvist@example.com").isEmpty)
    // The daemon's own loading (start and SIGHUP) reads the same file with the overrides.
    let configuration = LiaisondConfiguration(
      routing: .init(registry: output, overrides: overrides))
    #expect(
      RoleDirectory(registry: try configuration.loadRegistry()).holds(
        "frankie@ccamp.example", .chair, for: "ccamp"))
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == [
        "groups.yaml", "liaisond.yaml", "overrides.yaml",
      ])
  }

  @Test func aTruncatedPageIsRefusedAndTheFileKept() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let output = try dir.write("groups.yaml", RoutingRegistry.embeddedYAML)
    let result = try CommandLineTests.run(
      ["registry", "import", "--datatracker", Self.pages("truncated"), "--output", output])
    #expect(result.status == 65)
    #expect(result.stderr.contains("/api/v1/group/role/?limit=25&offset=25"), "\(result.stderr)")
    #expect(try String(contentsOfFile: output, encoding: .utf8) == RoutingRegistry.embeddedYAML)
  }

  @Test func anImportDroppingMostGroupsIsRefusedUnlessAllowed() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let output = try dir.write("groups.yaml", RoutingRegistry.embeddedYAML)
    let refused = try CommandLineTests.run(
      ["registry", "import", "--datatracker", Self.pages("current"), "--output", output])
    #expect(refused.status == 65)
    #expect(refused.stderr.contains("refused: the import would drop"), "\(refused.stderr)")
    #expect(try String(contentsOfFile: output, encoding: .utf8) == RoutingRegistry.embeddedYAML)
    let allowed = try CommandLineTests.run(
      [
        "registry", "import", "--datatracker", Self.pages("current"), "--output", output,
        "--max-drop", "100",
      ])
    #expect(allowed.status == 0, "\(allowed.stderr)")
    #expect(try GroupRegistry.load(path: output).groups.count == 35)
  }

  @Test func withoutAnOutputTheImportSaysWhatToName() throws {
    let result = try CommandLineTests.run(
      ["registry", "import", "--datatracker", Self.pages("current")])
    #expect(result.status == 64)
    #expect(result.stderr.contains("--output or routing.registry"), "\(result.stderr)")
    let plain = try CommandLineTests.run(
      ["registry", "diff", "--datatracker", "http://datatracker.ietf.org"])
    #expect(plain.status == 64)
    #expect(plain.stderr.contains("plain HTTP"), "\(plain.stderr)")
  }

  @Test func checkConfigValidatesTheOverrides() async throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    _ = try dir.write("imap.pass", "x")
    let good = try dir.write("good.yaml", Self.overrides)
    let bad = try dir.write(
      "bad.yaml",
      "roles:\n  ietf_chair:\n    - name: \"Chair\"\n      emails: [not-an-address]\n")
    let goodPath = try dir.write(
      "good-config.yaml",
      ConfigurationLoaderTests.validYAML(dir, extra: "routing:\n  overrides: good.yaml\n"))
    let ok = await ConfigurationLoader(environment: [:]).check(path: goodPath)
    #expect(ok.issues.isEmpty, "\(ok.issues.map(\.description))")
    #expect(ok.configuration.routing.overrides == good)
    #expect(
      RoleDirectory(registry: try ok.configuration.loadRegistry()).holds(
        "frankie@ccamp.example", .chair, for: "ccamp"))

    let badPath = try dir.write(
      "bad-config.yaml",
      ConfigurationLoaderTests.validYAML(dir, extra: "routing:\n  overrides: bad.yaml\n"))
    let outcome = await ConfigurationLoader(environment: [:]).check(path: badPath)
    let issue = try #require(outcome.issues.first { $0.key == "routing.overrides" })
    #expect(
      "\(issue)".contains("\(bad):3: key 'emails': 'not-an-address' is not a mail address"),
      "\(issue)")
  }
}
