import Foundation
import Routing
import Testing

@testable import Datatracker

/// The registry built from saved datatracker API pages (fixtures/datatracker): specific
/// people in specific roles, paging, refusals.
@Suite struct DatatrackerImporterTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
  static func fixture(_ set: String) -> String {
    root.appendingPathComponent("fixtures/datatracker/\(set)").path
  }
  static let now = ISO8601DateFormatter().date(from: "2026-12-01T00:00:00Z")!

  static func importing(
    _ set: String, previous: GroupRegistry? = nil
  ) async throws -> GroupRegistry {
    try await DatatrackerImporter(
      pages: SavedDatatrackerPages(directory: fixture(set)),
      options: .init(now: now, previous: previous)
    ).importRegistry()
  }

  static func holders(_ registry: GroupRegistry, _ group: String, _ role: Role) -> [String] {
    (registry.group(group)?.people ?? []).filter { $0.role == role }.flatMap(\.emails).sorted()
  }

  @Test func groupsAndPeopleInTheirRoles() async throws {
    let registry = try await Self.importing("current")
    let roles = RoleDirectory(registry: registry)

    // WGs: chairs, secretaries, list, area, role alias.
    let ccamp = try #require(registry.group("ccamp"))
    #expect(ccamp.type == .wg && ccamp.state == .active && ccamp.parent == "rtg")
    #expect(ccamp.list == "ccamp@ietf.org")
    #expect(ccamp.chairs == "ccamp-chairs@ietf.org")
    #expect(
      Self.holders(registry, "ccamp", .chair)
        == ["frankie.rasmussen@example.net", "gale.eastwood@example.org"])
    #expect(Self.holders(registry, "ccamp", .secretary) == ["harper.lindqvist@example.com"])
    #expect(ccamp.people.first { $0.role == .secretary }?.name == "Harper Lindqvist")
    #expect(registry.group("httpbis")?.list == "ietf-http-wg@w3.org")
    #expect(registry.group("quic")?.parent == "wit")

    // Areas and their ADs; the IETF Chair is also the General AD.
    #expect(registry.group("rtg")?.ads == "rtg-ads@ietf.org")
    #expect(
      Self.holders(registry, "rtg", .ad)
        == [
          "noor.lindqvist@example.net", "oakley.sorensen@example.org",
          "parker.fairbanks@example.com",
        ])
    #expect(roles.holds("alex.abernathy@example.com", .ad, for: "gen"))
    #expect(
      roles.approvers(for: "ccamp")?.addresses.contains("oakley.sorensen@example.org") == true)

    // The IRTF and its RGs.
    #expect(registry.group("cfrg")?.parent == "irtf")
    #expect(registry.group("cfrg")?.chairs == "cfrg-chairs@irtf.org")
    #expect(Self.holders(registry, "nmrg", .secretary) == ["zion.rasmussen@example.com"])

    // Leadership: the IETF Chair chairs the IETF and the IESG, held once.
    #expect(roles.addresses(holding: .ietfChair) == ["alex.abernathy@example.com"])
    #expect(roles.addresses(holding: .iabChair) == ["blair.hawthorne@example.net"])
    #expect(roles.addresses(holding: .iabExecutiveDirector) == ["casey.okafor@example.org"])
    #expect(roles.addresses(holding: .irtfChair) == ["frankie.pellegrini@example.org"])
    #expect(roles.addresses(holding: .secretariat) == ["gale.castellano@example.com"])
    #expect(Self.holders(registry, "iab", .member).count == 3)

    // Bodies: liaison managers (inherited by sub-groups) and authorized individuals.
    let sg15 = try #require(registry.group("itu-t-sg-15"))
    #expect(sg15.type == .sdo && sg15.parent == "itu-t")
    #expect(sg15.liaisonManager == "casey.sorensen@example.com")
    #expect(
      Self.holders(registry, "itu-t-sg-15", .authorizedIndividual)
        == ["gale.galloway@example.net", "harper.nakamura@example.org"])
    #expect(roles.holds("blair.lindqvist@example.org", .liaisonManager, for: "itu-t"))
    #expect(roles.holds("frankie.takahashi@example.com", .liaisonManager, for: "bbf"))

    // Recently concluded groups stay, long concluded ones, teams, BOF roles and the
    // secretariat's group do not; roles the registry has no place for are left out.
    #expect(registry.group("i2nsf")?.state == .concluded)
    #expect(registry.group("i2nsf")?.concludedYear == 2023)
    #expect(registry.group("tsv")?.state == .concluded)
    #expect(registry.group("pwe3") == nil)
    #expect(registry.group("edu") == nil && registry.group("secretariat") == nil)
    #expect(roles.roles(of: "lee.brightwater@example.com").isEmpty)
    #expect(roles.roles(of: "morgan.ingram@example.net").isEmpty)
    #expect(registry.groups.count == 35)
  }

  /// Every listing spans several pages; each is read once, by following `meta.next`.
  @Test func followsThePaging() async throws {
    let pages = RecordingPages(SavedDatatrackerPages(directory: Self.fixture("current")))
    let registry = try await DatatrackerImporter(pages: pages, options: .init(now: Self.now))
      .importRegistry()
    let requests = await pages.requests
    #expect(requests.count == 7, "\(requests)")
    #expect(requests.contains("/api/v1/group/group/?limit=20&offset=20"))
    #expect(requests.contains("/api/v1/group/role/?limit=25&offset=25"))
    #expect(requests.contains("/api/v1/group/role/?limit=25&offset=50"))
    #expect(requests.contains("/api/v1/person/person/?limit=50&offset=50"))
    // From the second group page and the last role and people pages.
    #expect(registry.group("bbf") != nil)
    #expect(Self.holders(registry, "bbf", .liaisonManager) == ["frankie.takahashi@example.com"])
  }

  @Test func aTruncatedPageIsRefusedNamingIt() async throws {
    do {
      _ = try await Self.importing("truncated")
      Issue.record("a cut-off page was imported")
    } catch let error as DatatrackerError {
      guard case .malformedPage(let page, _) = error else {
        Issue.record("\(error)")
        return
      }
      #expect(page.hasSuffix("/api/v1/group/role/?limit=25&offset=25"))
    }
  }

  @Test func pagesThatLoseObjectsAreRefused() async throws {
    let dir = try TemporaryCopy(Self.fixture("current"))
    defer { dir.remove() }
    // The last role page lost its objects, but still claims the listing's total.
    let path = dir.path + "/group/role/50.json"
    var page = try #require(
      try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path)))
        as? [String: Any])
    page["objects"] = []
    try JSONSerialization.data(withJSONObject: page).write(to: URL(fileURLWithPath: path))
    await #expect(
      throws: DatatrackerError.incomplete(resource: "/api/v1/group/role/", expected: 68, got: 50)
    ) {
      _ = try await DatatrackerImporter(
        pages: SavedDatatrackerPages(directory: dir.path), options: .init(now: Self.now)
      ).importRegistry()
    }
  }

  @Test func aBadObjectIsNamed() async throws {
    let dir = try TemporaryCopy(Self.fixture("current"))
    defer { dir.remove() }
    let path = dir.path + "/group/role/25.json"
    let text = try String(contentsOfFile: path, encoding: .utf8)
      .replacingOccurrences(
        of: "\"/api/v1/person/email/harper.lindqvist@example.com/\"",
        with: "\"/api/v1/person/email/nobody/\"")
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    do {
      _ = try await DatatrackerImporter(
        pages: SavedDatatrackerPages(directory: dir.path), options: .init(now: Self.now)
      ).importRegistry()
      Issue.record("a role without an address was imported")
    } catch {
      #expect(
        error
          == .badObject(
            object: "/api/v1/group/role/1036/", field: "email",
            reason: "\"nobody\" is not a mail address"))
    }
  }

  /// The file written is the registry imported: read back, it is the same.
  @Test func theWrittenFileReadsBackAsTheSameRegistry() async throws {
    let registry = try await Self.importing("current")
    let plan = try RegistryImport(imported: registry, overrides: nil, current: nil)
    let dir = try TemporaryCopy(nil)
    defer { dir.remove() }
    let path = dir.path + "/groups.yaml"
    try RegistryImport.write(plan.text(source: "saved pages", overrides: nil), to: path)
    let read = try GroupRegistry.load(path: path)
    #expect(Self.unlined(read) == Self.unlined(registry))
    #expect(read.snapshot == "2026-12-01")
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["groups.yaml"])
  }

  @Test func anInvalidRegistryIsNotWrittenOverTheOldOne() throws {
    let dir = try TemporaryCopy(nil)
    defer { dir.remove() }
    let path = dir.path + "/groups.yaml"
    try RegistryImport.write(RoutingRegistry.embeddedYAML, to: path)
    #expect(throws: DatatrackerError.self) {
      try RegistryImport.write("version: 1\ngroups:\n  - acronym: Bad\n", to: path)
    }
    #expect(try String(contentsOfFile: path, encoding: .utf8) == RoutingRegistry.embeddedYAML)
  }

  static func unlined(_ registry: GroupRegistry) -> [RegisteredGroup] {
    registry.groups.map { group in
      var group = group
      group.line = 0
      group.people = group.people.map {
        RoleHolder(role: $0.role, name: $0.name, emails: $0.emails)
      }
      return group
    }
  }
}

/// A page source that records the requests it answers.
actor RecordingPagesLog {
  var requests: [String] = []
  func add(_ request: String) { requests.append(request) }
}

struct RecordingPages: DatatrackerPages {
  let inner: any DatatrackerPages
  let log = RecordingPagesLog()
  init(_ inner: any DatatrackerPages) { self.inner = inner }
  var label: String { inner.label }
  var requests: [String] { get async { await log.requests } }
  func page(_ request: String) async throws(DatatrackerError) -> [UInt8] {
    await log.add(request)
    return try await inner.page(request)
  }
}

/// A temporary directory, optionally a copy of `source`.
struct TemporaryCopy {
  let path: String
  init(_ source: String?) throws {
    path = NSTemporaryDirectory() + "liaisond-datatracker-\(UUID().uuidString)"
    if let source {
      try FileManager.default.copyItem(atPath: source, toPath: path)
    } else {
      try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
  }
  func remove() { try? FileManager.default.removeItem(atPath: path) }
}
