import Testing

@testable import Store

/// Content keys are stored: `ContentKey.fold` must give what it always gave, or a statement
/// resent after an upgrade would no longer be recognised. ASCII texts now take a byte path.
@Suite struct ContentKeyFoldTests {
  static func reference(_ text: String) -> String {
    text.lowercased().split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
  }

  @Test func asciiTextFoldsAsItAlwaysDid() {
    // Every ASCII byte, controls and DEL included, and runs of whitespace.
    let pieces = (0..<128).map { String(UnicodeScalar(UInt8($0))) } + ["\r\n", "  ", "Word"]
    var generator = SystemRandomNumberGenerator()
    for _ in 0..<2_000 {
      let count = Int.random(in: 0...30, using: &generator)
      let text = (0..<count).map { _ in pieces.randomElement(using: &generator)! }.joined()
      #expect(ContentKey.fold(text) == Self.reference(text), "\(text.debugDescription)")
    }
  }

  @Test func otherTextFoldsAsItAlwaysDid() {
    for text in ["  Straße\u{00A0}ÉTÉ \u{301}x\r\n İstanbul ", "e\u{301}  \u{2003}Ω", ""] {
      #expect(ContentKey.fold(text) == Self.reference(text), "\(text.debugDescription)")
    }
  }
}
