/// Writes a registry in the format `GroupRegistry(yaml:)` reads, so that what an import
/// builds is a file an operator can read, diff and correct.
///
/// Every string is double-quoted: a name such as `"NO"` or `"1.0"` must not come back as a
/// boolean or a number, and the escaping stays one rule.
public struct RegistryFileWriter: Sendable {
  /// Comment lines written above the registry (without `# `).
  public var header: [String]

  public init(header: [String] = []) {
    self.header = header
  }

  public func yaml(_ registry: GroupRegistry) -> String {
    var out = header.map { $0.isEmpty ? "#" : "# \($0)" }
    out.append("version: 1")
    if let snapshot = registry.snapshot { out.append("snapshot: \(Self.quoted(snapshot))") }
    let leadership = Dictionary(grouping: registry.roles, by: \.role)
    if !leadership.isEmpty {
      out.append("roles:")
      let order = Role.leadership + leadership.keys.filter { !Role.leadership.contains($0) }
      for role in order {
        guard let holders = leadership[role] else { continue }
        out.append("  \(role.rawValue):")
        for holder in holders { out += Self.holder(holder, indent: "    ", withRole: false) }
      }
    }
    out.append("groups:")
    for group in registry.groups { out += Self.group(group) }
    return out.joined(separator: "\n") + "\n"
  }

  static func group(_ group: RegisteredGroup) -> [String] {
    var lines = ["  - acronym: \(quoted(group.acronym))"]
    func add(_ key: String, _ value: String?) {
      if let value { lines.append("    \(key): \(quoted(value))") }
    }
    func add(_ key: String, _ values: [String]) {
      if !values.isEmpty { lines.append("    \(key): \(list(values))") }
    }
    add("name", group.name)
    lines.append("    type: \(group.type.rawValue)")
    lines.append("    state: \(group.state.rawValue)")
    if !group.verified { lines.append("    verified: false") }
    add("parent", group.parent)
    add("successor", group.successor)
    if let year = group.concludedYear { lines.append("    concluded: \(year)") }
    add("names", group.names)
    add("chairs", group.chairs)
    add("list", group.list)
    add("ads", group.ads)
    add("addresses", group.addresses)
    add("domains", group.domains)
    if group.formalRelationship { lines.append("    relationship: formal") }
    add("liaison_manager", group.liaisonManager)
    add("source", group.source)
    if !group.people.isEmpty {
      lines.append("    people:")
      for person in group.people { lines += holder(person, indent: "      ", withRole: true) }
    }
    return lines
  }

  static func holder(_ holder: RoleHolder, indent: String, withRole: Bool) -> [String] {
    var lines: [String] = []
    var lead = "\(indent)- "
    if withRole {
      lines.append("\(lead)role: \(holder.role.rawValue)")
      lead = "\(indent)  "
    }
    if let name = holder.name {
      lines.append("\(lead)name: \(quoted(name))")
      lead = "\(indent)  "
    }
    lines.append("\(lead)emails: \(list(holder.emails))")
    return lines
  }

  static func list(_ values: [String]) -> String {
    "[" + values.map(quoted).joined(separator: ", ") + "]"
  }

  /// A YAML double-quoted scalar.
  static func quoted(_ value: String) -> String {
    var out = "\""
    for scalar in value.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\t": out += "\\t"
      default:
        if scalar.value < 0x20 || scalar.value == 0x7F {
          out += "\\x" + (scalar.value < 0x10 ? "0" : "") + String(scalar.value, radix: 16)
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    return out + "\""
  }
}
