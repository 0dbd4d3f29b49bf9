import Liaison

/// How a response is matched to the statement it answers when no Message-ID links them:
/// by the other body's identifier, then by title. Both sides are folded to keys here; the
/// store keeps every statement's keys in `response_key`, so a match is an index lookup
/// rather than a scan of every statement.
enum ResponseMatcher {
  /// Identifiers shorter than this (folded) are too generic to be found inside longer text.
  static let minimumContainedIdentifier = 6

  /// The keys a recorded statement can be found by.
  static func keys(title: String?, identifiers: [String]) -> (identifiers: [String], title: String?)
  {
    var seen: Set<String> = []
    let folded = identifiers.map(foldIdentifier).filter { !$0.isEmpty && seen.insert($0).inserted }
    return (folded, title.map(foldTitle).flatMap { $0.isEmpty ? nil : $0 })
  }

  /// The identifier a response names as its target ("Response to: SG15-LS 123"), folded.
  static func targetIdentifier(of statement: ExtractedStatement) -> String? {
    statement.inResponseTo.map(foldIdentifier).flatMap { $0.isEmpty ? nil : $0 }
  }

  /// The titles to look for, in order: the "Response to" text, then the response's own title.
  static func targetTitles(of statement: ExtractedStatement) -> [String] {
    [statement.inResponseTo, statement.title].compactMap { $0 }.map(foldTitle)
      .filter { $0.count >= 8 }
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
