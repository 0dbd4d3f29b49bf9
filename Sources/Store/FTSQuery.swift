/// Turns a person's search words into an FTS5 query that cannot be a syntax error.
///
/// Every whitespace-separated word becomes a double-quoted FTS5 string (inner quotes
/// doubled), and the strings are joined by FTS5's implicit AND. Operators (`AND`, `NEAR(`,
/// `*`, `-`, `^`, column filters) are thereby searched as text, never interpreted.
enum FTSQuery {
  /// Words past this many are ignored: a longer query is a mistake or an attack.
  static let maximumWords = 32
  static let maximumWordLength = 200

  static func pattern(_ text: String) -> String? {
    let words = text.split(whereSeparator: { $0.isWhitespace || $0 == "\u{0}" })
      .prefix(maximumWords)
      .map { word in
        let clipped = String(word.prefix(maximumWordLength))
        return "\""
          + clipped.split(separator: "\"", omittingEmptySubsequences: false)
          .joined(separator: "\"\"") + "\""
      }
    return words.isEmpty ? nil : words.joined(separator: " ")
  }
}
