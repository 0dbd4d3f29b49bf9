import Liaison

/// Matches a response to the statement it answers when no Message-ID links them: by the
/// other body's identifier, then by title. Pure, so that the rules are tested on their own.
enum ResponseMatcher {
  struct Candidate {
    var id: String
    var title: String?
    var identifiers: [String]
  }

  /// Identifiers shorter than this (folded) are too generic to be found inside longer text.
  static let minimumContainedIdentifier = 6

  /// `candidates` newest first; the newest match wins.
  static func match(_ statement: ExtractedStatement, among candidates: [Candidate]) -> String? {
    if let target = statement.inResponseTo.map(foldIdentifier), !target.isEmpty {
      if let hit = candidates.first(where: { $0.identifiers.map(foldIdentifier).contains(target) })
      {
        return hit.id
      }
      if let hit = candidates.first(where: { candidate in
        candidate.identifiers.map(foldIdentifier).contains {
          $0.count >= minimumContainedIdentifier && target.contains($0)
        }
      }) {
        return hit.id
      }
    }
    let titles = [statement.inResponseTo, statement.title].compactMap { $0 }.map(foldTitle)
      .filter { $0.count >= 8 }
    for title in titles {
      if let hit = candidates.first(where: { $0.title.map(foldTitle) == title }) {
        return hit.id
      }
    }
    return nil
  }

  /// `SG15-LS 123` and `sg15-ls123` are the same identifier: letters and digits, lower-cased.
  static func foldIdentifier(_ text: String) -> String {
    String(
      text.lowercased().unicodeScalars.filter {
        $0.properties.isAlphabetic || ("0"..."9").contains($0)
      }.map(Character.init))
  }

  /// A title without reply markers and "LS on" prefixes, words only, lower-cased.
  static func foldTitle(_ text: String) -> String {
    var words = text.lowercased()
      .split(whereSeparator: { !($0.isLetter || $0.isNumber) })
      .map(String.init)
    let prefixes: [[String]] = [
      ["re"], ["aw"], ["fw"], ["fwd"], ["reply", "to"], ["response", "to"],
      ["liaison", "response", "to"],
      ["liaison", "statement", "on"], ["liaison", "statement", "to"], ["liaison", "on"],
      ["ls", "on"],
      ["ls", "to"], ["ls"], ["reply", "ls", "on"], ["response", "ls", "on"],
      ["in", "response", "to"],
    ]
    var changed = true
    while changed {
      changed = false
      for prefix in prefixes.sorted(by: { $0.count > $1.count })
      where words.count > prefix.count && Array(words.prefix(prefix.count)) == prefix {
        words.removeFirst(prefix.count)
        changed = true
        break
      }
    }
    return words.joined(separator: " ")
  }
}
