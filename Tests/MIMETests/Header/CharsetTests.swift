// Expected values were produced by CPython 3.11.7: `bytes.decode(name, "replace")`, or nil
// where `codecs.lookup(name)` fails or the codec does not decode bytes to text.
import Testing

@testable import MIME

@Suite("Charset: Python codec names, iconv decoding, replace semantics")
struct CharsetTests {
  static let cases: [([UInt8], String, String?)] = [
    ([0x63, 0x61, 0x66, 0xC3, 0xA9], "utf-8", "café"),
    ([0x63, 0x61, 0x66, 0xE9], "latin1", "café"),
    ([0x63, 0x61, 0x66, 0xE9], " Latin-1 ", "café"),
    ([0x80, 0x81], "cp1252", "€\u{FFFD}"),
    ([0x80, 0x81], "windows-1252", "€\u{FFFD}"),
    ([0xC7, 0xD1, 0xB1, 0xB9], "ks_c_5601-1987", "한국"),
    ([0xD6, 0xD0, 0xCE, 0xC4], "gb2312", "中文"),
    ([0x1B, 0x24, 0x42, 0x24, 0x48, 0x1B, 0x28, 0x42], "iso-2022-jp", "と"),
    ([0x83, 0x65, 0x83, 0x58, 0x83, 0x67], "shift_jis", "テスト"),
    ([0xF0, 0xD2, 0xC9, 0xD7, 0xC5, 0xD4], "koi8-r", "Привет"),
    ([0x61, 0xFF, 0x62], "us-ascii", "a\u{FFFD}b"),
    ([0x61, 0xFF, 0x62], "ascii", "a\u{FFFD}b"),
    ([0xE2, 0x82], "utf-8", "\u{FFFD}"),
    ([0xE2, 0x82, 0x78, 0xC3], "utf8", "\u{FFFD}x\u{FFFD}"),
    ([0xFF, 0xFE, 0x61, 0x00], "utf-16", "a"),
    ([0x61, 0x00], "utf-16", "a"),
    ([0xEF, 0xBB, 0xBF, 0x61], "utf-8-sig", "a"),
    ([0xA4], "iso-8859-15", "€"),
    ([0xC6], "mac-roman", "∆"),
    ([0x48, 0x69, 0x20, 0x2B, 0x41, 0x4F, 0x6B, 0x2D], "utf-7", "Hi é"),
    ([0xA1, 0xA1], "euc-jp", "\u{3000}"),
    ([0xA4, 0x40], "big5", "一"),
    ([0x81, 0x30, 0x81, 0x30], "gb18030", "\u{80}"),
    ([0x61, 0x62, 0x63], "unknown-8bit", nil),
    ([0x61, 0x62, 0x63], "x-user-defined", nil),
    ([0x61, 0x62, 0x63], "base64", nil),
    ([0x61, 0x62, 0x63], "mbcs", nil),
    ([0x61, 0x62, 0x63], "rot13", nil),
    ([0x61, 0x62, 0x63], "", nil),
  ]

  @Test("Decodes like Python's codec of that name", arguments: cases)
  func decodesLikePython(_ testCase: ([UInt8], String, String?)) {
    #expect(Charset.decode(testCase.0, charset: testCase.1) == testCase.2)
  }

  @Test("Accepts any collection of bytes")
  func collections() {
    let bytes: ArraySlice<UInt8> = [0x78, 0xE9, 0x78][1...1]
    #expect(Charset.decode(bytes, charset: "iso-8859-1") == "é")
    #expect(Charset.decode("plain".utf8, charset: "us-ascii") == "plain")
  }

  @Test("Random bytes never crash any codec and give one replacement per bad byte at most")
  func randomBytes() {
    var generator = SystemRandomNumberGenerator()
    let bytes = (0..<4_096).map { _ in UInt8.random(in: 0...255, using: &generator) }
    for name in [
      "utf-8", "gb2312", "iso-2022-jp", "shift_jis", "big5", "euc-kr", "cp1252", "utf-16", "utf-7",
      "cp720",
    ] {
      let text = Charset.decode(bytes, charset: name)
      #expect(text != nil, "\(name)")
      #expect(
        (text?.unicodeScalars.filter { $0 == "\u{FFFD}" }.count ?? 0) <= bytes.count, "\(name)")
    }
  }

  @Test("Concurrent decoding through iconv is safe")
  func concurrentDecoding() async {
    let bytes: [UInt8] = [0xC7, 0xD1, 0xB1, 0xB9]
    let results = await withTaskGroup(of: String?.self) { group in
      for _ in 0..<64 { group.addTask { Charset.decode(bytes, charset: "euc-kr") } }
      var all: [String?] = []
      for await r in group { all.append(r) }
      return all
    }
    #expect(results.count == 64)
    #expect(results.allSatisfy { $0 == "한국" })
  }
}
