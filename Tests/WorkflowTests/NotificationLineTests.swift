import Foundation
import Testing

@testable import Workflow

/// `NotificationComposer.line` folds a text into one line of at most `limit` characters.
/// It counted the characters of its output after every scalar (quadratic); it now counts
/// them only when they can have reached the limit. These pin it to the plain reading.
@Suite struct NotificationLineTests {
  /// The plain reading, as it was.
  static func reference(_ text: String, limit: Int) -> String {
    var out = ""
    var lastSpace = false
    for scalar in text.unicodeScalars {
      let isSpace =
        scalar.properties.generalCategory == .control || scalar.properties.isWhitespace
        || scalar.properties.generalCategory == .format
      if isSpace {
        if !lastSpace && !out.isEmpty { out.append(" ") }
        lastSpace = true
      } else {
        out.unicodeScalars.append(scalar)
        lastSpace = false
      }
      if out.count >= limit { return out + "..." }
    }
    return out.trimmingCharacters(in: .whitespaces)
  }

  @Test func agreesWithThePlainReadingOnRandomText() {
    let pieces = [
      "a", "Z", "é", "e\u{301}", "中", "🙂", "👩\u{200D}💻", " ", "  ", "\t", "\r\n", "\n",
      "\u{00A0}", "\u{2003}", "\u{200B}", "\u{FEFF}", "\u{7}", "word", "LS-2026-0042", ".",
      "\u{301}", "🇫🇷",
    ]
    var generator = SystemRandomNumberGenerator()
    for _ in 0..<400 {
      let limit = [5, 20, 160, 500].randomElement(using: &generator)!
      let count = Int.random(in: 0...(limit + limit / 2), using: &generator)
      let text = (0..<count).map { _ in pieces.randomElement(using: &generator)! }.joined()
      #expect(
        NotificationComposer.line(text, limit: limit) == Self.reference(text, limit: limit),
        "\(text.debugDescription) limit \(limit)")
    }
  }

  @Test func aPileOfAccentsEndsTheLineAsALongTextDoes() {
    // One character of 100,000 scalars: the plain reading would count it after each.
    let line = NotificationComposer.line("a" + String(repeating: "\u{301}", count: 100_000))
    #expect(line.hasSuffix("..."))
    #expect(line.unicodeScalars.count <= 4 * 500 + 3)
  }
}
