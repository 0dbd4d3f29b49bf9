import Foundation
import Testing

@testable import Store

/// `LiaisonStore.recordIDs(in:)` scans every statement's body in its transaction; it was
/// rewritten by Unicode scalar for speed. These pin what it finds to what the plain
/// reading (split into words of letters, digits and hyphens by `Character`, each word in
/// capitals without its outer hyphens, kept when it is an id as written) finds.
@Suite struct RecordIDScanTests {
  /// The plain reading, as it was before the rewrite.
  static func reference(_ text: String) -> [String] {
    var ids: [String] = []
    for word in text.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "-") }) {
      let upper = word.uppercased().trimmingCharacters(in: CharacterSet(charactersIn: "-"))
      if let parsed = StatementID.parse(upper),
        StatementID.make(series: parsed.series, year: parsed.year, sequence: parsed.sequence)
          == upper,
        !ids.contains(upper)
      {
        ids.append(upper)
      }
    }
    return ids
  }

  @Test func findsIdsWhereverPunctuationAndOtherScriptsBoundThem() {
    let text =
      "Re: “LS-2026-0042” (see ls-2026-0007, --MSG-2026-0003--) and LS-2026-10000;"
      + " not LS-2026-042, LS-26-0042, LS-2026-00042x, éLS-2026-0001, LS-2026-0001é;"
      + " but—LS-2025-0009—and\u{00A0}LS-2025-0010\u{3000}again LS-2026-0042."
    let found = LiaisonStore.recordIDs(in: text)
    #expect(
      found == [
        "LS-2026-0042", "LS-2026-0007", "MSG-2026-0003", "LS-2026-10000", "LS-2025-0009",
        "LS-2025-0010",
      ])
    #expect(found == Self.reference(text))
  }

  @Test func agreesWithThePlainReadingOnRandomText() {
    // Words an id may touch: ids well and badly formed, letters of other scripts, digits
    // of other scripts, punctuation, spaces of all kinds, hyphens.
    let pieces = [
      "LS-2026-0042", "ls-2024-0001", "MSG-2026-0003", "LS-2026-12345", "LS-2026-0000",
      "LS-2026-042", "LS-2026", "XS-2026-0042", "LS--2026-0042", "-", "--", " ", "\n", "\t",
      "\u{00A0}", "\u{2014}", "“", "”", "(", ")", ".", ",", "é", "Ж", "中", "٣", "½", "a", "Z",
      "9", "0042", "2026", "LS", "msg", "\u{301}", "🙂", "e\u{301}",
    ]
    var generator = SystemRandomNumberGenerator()
    for _ in 0..<2_000 {
      let count = Int.random(in: 0...12, using: &generator)
      let text = (0..<count).map { _ in pieces.randomElement(using: &generator)! }.joined()
      #expect(LiaisonStore.recordIDs(in: text) == Self.reference(text), "\(text.debugDescription)")
    }
  }
}
