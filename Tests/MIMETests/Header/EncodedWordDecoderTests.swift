// Expected values were produced by CPython 3.11.7's email package (policy.default), the
// oracle of the MIME corpus, on exactly these inputs.
import Testing

@testable import MIME

@Suite("EncodedWordDecoder: Subject decoding as Python's UnstructuredHeader")
struct EncodedWordDecoderTests {
  static let cases: [(String, String)] = [
    ("Hello world", "Hello world"),
    ("  leading kept? ", "  leading kept? "),
    ("=?utf-8?q?caf=C3=A9?=", "café"),
    ("=?utf-8?q?a?= =?utf-8?q?b?=", "ab"),
    ("=?utf-8?q?a?=   \t =?utf-8?q?b?= c", "ab c"),
    ("x =?utf-8?q?a?= y", "x a y"),
    ("=?utf-8?b?w6k=?=", "é"),
    ("=?utf-8?b?w6k?=", "é"),
    ("=?utf-8?b?w6?=", "�"),
    ("=?utf-8?b?!!!w6k=?=", "é"),
    ("=?x-unknown?q?a=E9b?=", "a�b"),
    ("=?unknown-8bit?q?a=E9?=", "a�"),
    ("=?utf-8?x?abc?=", "=?utf-8?x?abc?="),
    ("=?utf-8?q?unterminated", "=?utf-8?q?unterminated"),
    ("a=?utf-8?q?b?=c", "abc"),
    ("=?iso-8859-1?q?=E9t=E9?= trailing ", "été trailing "),
    ("=?utf-8?q?=E2=82?= =?utf-8?q?=AC?=", "€"),
    ("=?windows-1252?q?=80?=", "€"),
    ("=?ks_c_5601-1987?b?x9GxuQ==?=", "한국"),
    ("=?gb2312?b?1tDOxA==?=", "中文"),
    ("=?iso-2022-jp?b?GyRCJEgbKEI=?=", "と"),
    ("=?shift_jis?b?g2WDWINn?=", "テスト"),
    ("=?koi8-r?b?8NLJ18XU?=", "Привет"),
    ("=?utf-8*en?q?lang?=", "lang"),
    ("=?utf-8?q?a_b=3F?=", "a b?"),
    ("=?utf-8?q?=?=", "=?utf-8?q?=?="),
    ("=?utf-8?q?x?=?=", "x?="),
    ("=?utf-8?Q?=3D=3F?= x", "=? x"),
    ("=?base64?q?abc?=", "abc"),
    ("=?utf-7?q?Hi_+AOk-?=", "Hi é"),
    ("Re: [list] =?UTF-8?B?5pel5pys6Kqe?=", "Re: [list] 日本語"),
    ("=?utf-8?q?a\tb?=", "a\tb"),
    ("=?utf-8?q??=", ""),
    ("=??q?abc?=", "abc"),
  ]

  @Test("Decodes like Python", arguments: cases)
  func decodesLikePython(_ testCase: (String, String)) {
    #expect(EncodedWordDecoder.decodeUnstructured(testCase.0) == testCase.1)
  }

  @Test("Raw 8-bit bytes inside an encoded word are decoded in the word's charset")
  func rawBytesInsideEncodedWord() {
    // "=?iso-8859-1?Q?M\xfcller?=" with a raw 0xFC: Python decodes it as Latin-1 "ü"; text
    // already read as UTF-8 has lost the byte and gives U+FFFD.
    let raw: [UInt8] = Array("=?iso-8859-1?Q?M".utf8) + [0xFC] + Array("ller?=".utf8)
    #expect(EncodedWordDecoder.decodeUnstructured(HeaderText.escaping(raw)) == "Müller")
    #expect(
      EncodedWordDecoder.decodeUnstructured("=?iso-8859-1?Q?M\u{FFFD}ller?=")
        == "M\u{EF}\u{BF}\u{BD}ller")
  }

  @Test("Raw UTF-8 outside encoded words comes back as UTF-8")
  func rawUTF8OutsideWords() {
    let raw: [UInt8] = Array("caf".utf8) + [0xC3, 0xA9, 0x20, 0xFF]
    #expect(EncodedWordDecoder.decodeUnstructured(HeaderText.escaping(raw)) == "café \u{FFFD}")
  }

  @Test("A huge encoded word decodes completely")
  func hugeEncodedWord() {
    let payload = String(repeating: "QUJD", count: 50_000)
    let decoded = EncodedWordDecoder.decodeUnstructured("=?utf-8?b?" + payload + "?=")
    #expect(decoded.utf8.count == 150_000)
    #expect(decoded.hasPrefix("ABCABC"))
  }

  @Test("Many unterminated encoded-word openers neither hang nor crash")
  func manyOpeners() {
    let value = String(repeating: "=?a?q?", count: 20_000)
    #expect(EncodedWordDecoder.decodeUnstructured(value) == value)
  }
}
