import Testing

@testable import Routing

/// A deployment's role holders and corrections over a registry (`routing.overrides`).
@Suite struct RegistryOverridesTests {
  static let overrides = """
    version: 1
    roles:
      ietf_chair:
        - name: "IETF Chair"
          emails: [chair@ietf.org, alex@personal.example]
      secretariat: [ops@secretariat.example]
    groups:
      - acronym: ccamp
        list: null
        people:
          - role: chair
            name: "Jane Doe"
            emails: [jane@example.com]
      - acronym: teas
        people:
          - role: secretary
            name: "Sam Secretary"
            emails: [sam@example.net]
      - acronym: newwg
        name: "New Work"
        type: wg
        state: active
        parent: rtg
        chairs: newwg-chairs@ietf.org
    """

  @Test func addsAndReplacesRoleHoldersAndGroups() throws {
    let base = RoutingRegistry.embedded
    let registry = try RegistryOverrides(yaml: Self.overrides, file: "overrides.yaml").apply(
      to: base)
    let roles = RoleDirectory(registry: registry)
    #expect(roles.holds("jane@example.com", .chair, for: "ccamp"))
    // The alias still counts; the list was cleared; the rest of ccamp is as it was.
    #expect(roles.holds("ccamp-chairs@ietf.org", .chair, for: "ccamp"))
    #expect(registry.group("ccamp")?.list == nil)
    #expect(registry.group("ccamp")?.parent == base.group("ccamp")?.parent)
    #expect(registry.group("ccamp")?.names == base.group("ccamp")?.names)
    #expect(roles.holds("sam@example.net", .secretary, for: "teas"))
    // Leadership: the holder of the same role and name has their addresses replaced;
    // a nameless holder is added.
    #expect(roles.addresses(holding: .ietfChair) == ["chair@ietf.org", "alex@personal.example"])
    #expect(
      roles.addresses(holding: .secretariat) == ["support@ietf.org", "ops@secretariat.example"])
    #expect(registry.group("newwg")?.chairs == "newwg-chairs@ietf.org")
    #expect(registry.groups.count == base.groups.count + 1)
  }

  @Test func applyingTwiceIsApplyingOnce() throws {
    let overrides = try RegistryOverrides(yaml: Self.overrides, file: "overrides.yaml")
    let once = try overrides.apply(to: RoutingRegistry.embedded)
    let twice = try overrides.apply(to: once)
    #expect(RegistryDiff(from: once, to: twice).isEmpty)
    #expect(twice.groups.count == once.groups.count)
    // A person named again replaces their own addresses, not another's.
    let changed = try RegistryOverrides(
      yaml: """
        groups:
          - acronym: ccamp
            people:
              - role: chair
                name: "jane doe"
                emails: [jane@new.example]
        """, file: "o.yaml"
    ).apply(to: twice)
    #expect(
      changed.group("ccamp")?.people.filter { $0.role == .chair }.flatMap(\.emails) == [
        "jane@new.example"
      ])
  }

  @Test(arguments: [
    (
      "groups:\n  - acronym: ccamp\n    people:\n      - role: ad\n        emails: [x@example.com]\n",
      "o.yaml:4: key 'role': 'ad' is not a role of 'ccamp'"
    ),
    (
      "groups:\n  - acronym: ccamp\n    chiars: x@example.com\n",
      "o.yaml:3: key 'chiars': unknown key"
    ),
    (
      "roles:\n  ietf_chair: [Not An Address]\n",
      "o.yaml:2: key 'emails': 'not an address' is not a mail address"
    ),
    ("groups:\n  - acronym: newwg\n    name: New\n", "o.yaml:2: key 'type': missing"),
    ("group:\n  - acronym: ccamp\n", "o.yaml:1: key 'group': unknown key"),
  ])
  func aBadOverrideIsNamedByFileAndLine(yaml: String, message: String) throws {
    do {
      _ = try RegistryOverrides(yaml: yaml, file: "o.yaml").apply(to: RoutingRegistry.embedded)
      Issue.record("accepted: \(yaml)")
    } catch {
      #expect("\(error)".hasPrefix(message), "\(error)")
    }
  }

  @Test func theWriterRoundTripsTheShippedRegistry() throws {
    let shipped = RoutingRegistry.embedded
    let text = RegistryFileWriter(header: ["test"]).yaml(shipped)
    let read = try GroupRegistry(yaml: text, file: "written")
    func unlined(_ r: GroupRegistry) -> [RegisteredGroup] {
      r.groups.map { g in
        var g = g
        g.line = 0
        g.people = g.people.map { RoleHolder(role: $0.role, name: $0.name, emails: $0.emails) }
        return g
      }
    }
    #expect(unlined(read) == unlined(shipped))
    #expect(read.roles.map(\.emails) == shipped.roles.map(\.emails))
    #expect(read.snapshot == shipped.snapshot)
  }
}
