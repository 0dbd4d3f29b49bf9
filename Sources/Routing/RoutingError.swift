/// Everything that can go wrong while loading the group registry or re-routing a statement.
///
/// Messages name the file, line and key involved and say what to do, so that
/// `liaisond check-config` can print them as they are.
public enum RoutingError: Error, Hashable, Sendable, CustomStringConvertible {
  /// The registry file could not be read.
  case unreadable(file: String, reason: String)
  /// The YAML itself is malformed.
  case syntax(file: String, line: Int?, reason: String)
  /// A key is missing, unknown, or has a value of the wrong shape.
  case invalid(file: String, line: Int, key: String, reason: String)
  /// `liaisond route --to NAME` named no group of the registry.
  case unknownGroup(String, suggestions: [String])
  /// `liaisond route --to NAME` named a concluded group.
  case concludedGroup(String, successor: String?)
  /// `liaisond route --to NAME` named a body that cannot receive statements (an SDO).
  case notAReceiver(String)

  public var description: String {
    switch self {
    case .unreadable(let file, let reason):
      return "\(file): cannot read the group registry: \(reason)"
    case .syntax(let file, let line, let reason):
      let at = line.map { ":\($0)" } ?? ""
      return "\(file)\(at): not valid YAML: \(reason)"
    case .invalid(let file, let line, let key, let reason):
      return "\(file):\(line): key '\(key)': \(reason)"
    case .unknownGroup(let name, let suggestions):
      let hint =
        suggestions.isEmpty
        ? "check the acronym against the registry"
        : "did you mean \(suggestions.joined(separator: ", "))?"
      return "no group '\(name)' in the registry; \(hint)"
    case .concludedGroup(let name, let successor):
      let hint =
        successor.map { "route to its successor '\($0)' instead" } ?? "pick an active group"
      return "group '\(name)' has concluded; \(hint)"
    case .notAReceiver(let name):
      return
        "'\(name)' is another standards body, not an IETF or IRTF group; route to an IETF/IRTF group"
    }
  }
}
