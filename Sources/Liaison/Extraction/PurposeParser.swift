/// Normalises the purpose labels statements use ("For action", "For: Action", "ACTION:",
/// "For Comment", "In Response", "For information") to the process's four purposes.
public enum PurposeParser {
  /// The purpose a label value names, or nil when it names none of the four.
  public static func purpose(of value: String) -> Purpose? {
    let words = value.lowercased()
      .split(whereSeparator: { !$0.isLetter })
      .map(String.init)
      .filter { !["for", "the", "purpose", "of", "is", "and"].contains($0) }
    guard let first = words.first else { return nil }
    switch first {
    case "action", "actions": return .action
    case "information", "info", "informational", "fyi", "noting": return .information
    case "comment", "comments", "review": return .comment
    case "response", "reply", "responses": return .response
    case "in" where words.dropFirst().first.map({ ["response", "reply"].contains($0) }) == true:
      return .response
    default: return nil
    }
  }
}
