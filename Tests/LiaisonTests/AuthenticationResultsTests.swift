import Liaison
import Testing

@Suite struct AuthenticationResultsTests {
  typealias Item = AuthenticationResults.MethodResult

  @Test func readsARealGmailField() throws {
    let field = try #require(
      AuthenticationResults(
        parsing: "mx.google.com;\r\n       dkim=pass header.i=@itu.int header.s=20230601"
          + " header.b=Kx5n/+Z2=;\r\n       spf=pass (google.com: domain of x@itu.int designates"
          + " 1.2.3.4 as permitted sender) smtp.mailfrom=x@itu.int;\r\n       dmarc=pass"
          + " (p=NONE sp=QUARANTINE dis=NONE) header.from=itu.int"))
    #expect(field.authservID == "mx.google.com")
    #expect(field.version == nil)
    #expect(field.results.map(\.method) == ["dkim", "spf", "dmarc"])
    #expect(field.results.map(\.result) == ["pass", "pass", "pass"])
    #expect(field.results[0].value("header", "i") == "@itu.int")
    #expect(field.results[0].value("header", "b") == "Kx5n/+Z2=")
    #expect(field.results[1].value("smtp", "mailfrom") == "x@itu.int")
    #expect(field.results[2].value("HEADER", "From") == "itu.int")
  }

  @Test func versionNoneReasonAndQuotedStrings() throws {
    let none = try #require(AuthenticationResults(parsing: "mx.iab.org 1; none"))
    #expect(none.authservID == "mx.iab.org")
    #expect(none.version == 1)
    #expect(none.results.isEmpty)

    let field = try #require(
      AuthenticationResults(
        parsing:
          #""mx.iab.org"; DKIM/1 = FAIL reason="signature \"b\" did not verify" header.d=ITU.int"#
      ))
    #expect(field.authservID == "mx.iab.org")
    #expect(
      field.results == [
        Item(
          method: "dkim", methodVersion: 1, result: "fail",
          reason: #"signature "b" did not verify"#,
          properties: [.init(ptype: "header", property: "d", value: "ITU.int")])
      ])
  }

  @Test func commentsAnywhereAndNested() throws {
    let field = try #require(
      AuthenticationResults(
        parsing:
          "(a (nested) comment) mx.iab.org (x); (c) dkim (d) = (e) pass (f) header (g) . d (h) = example.org (i\\) still) ;"
      ))
    #expect(field.authservID == "mx.iab.org")
    #expect(
      field.results == [
        Item(
          method: "dkim", result: "pass",
          properties: [.init(ptype: "header", property: "d", value: "example.org")])
      ])
  }

  @Test func aSemicolonInsideAQuotedValueOrCommentIsNoSeparator() throws {
    let field = try #require(
      AuthenticationResults(
        parsing:
          #"mx.iab.org; dkim=pass header.d=evil.org header.i="x; dmarc=pass header.from=ietf.org" (; dmarc=pass)"#
      ))
    #expect(field.results.count == 1)
    #expect(field.results[0].value("header", "d") == "evil.org")
    #expect(field.results[0].value("header", "i") == "x; dmarc=pass header.from=ietf.org")
  }

  @Test func quotedLocalPartBeforeTheDomain() throws {
    let field = try #require(
      AuthenticationResults(parsing: #"mx.iab.org; spf=pass smtp.mailfrom="a b"@example.org"#))
    #expect(field.results[0].value("smtp", "mailfrom") == "a b@example.org")
  }

  @Test(arguments: [
    "",
    "   ",
    "; dkim=pass header.d=example.org",
    "mx.iab.org dkim=pass",
    "mx.iab.org; dkim",
    "mx.iab.org; dkim=",
    "mx.iab.org; =pass",
    "mx.iab.org; dkim=pass header",
    "mx.iab.org; dkim=pass header.d",
    "mx.iab.org; dkim=pass header.d=",
    "mx.iab.org; dkim=pass header.d=\"unterminated",
    "mx.iab.org; dkim=pass (unterminated comment",
    "mx.iab.org; dkim=pass ((nested) but open",
    "mx.iab.org; dkim=pass header.d=a.org\\",
    "mx.iab.org; none; dkim=pass header.d=a.org",
    "mx.iab.org; dkim=pass header.d=a.org; none",
    "mx.iab.org; dkim/=pass",
    "mx.iab.org; dkim/99999999999999999999=pass",
    "mx.iab.org 99999999999999999999; none",
    "mx.iab.org; dkim=pass header.d=\"a.org\"header.from=b.org",
    "mx.iab.org; dkim=pass reason=",
    "mx.iab.org; dkim=pass header.d=a.org reason=late",
    "mx.iab.org;; dkim=pass",
    "\"mx.iab.org",
    "mx.iab.org)",
    "(((((((((((((((((((((((((((((((",
  ])
  func malformedFieldsAreNotReadAtAll(value: String) {
    #expect(AuthenticationResults(parsing: value) == nil)
  }

  @Test func hostileBytesNeverCrash() {
    var generator = SplitMix64(seed: 13)
    let alphabet = Array("mx.iab.org;=() \"\\/@dkimpasshead.r1\r\n\t\u{0}\u{7F}é".unicodeScalars)
    var parsed = 0
    for _ in 0..<3_000 {
      var text = ""
      for _ in 0..<Int.random(in: 0..<60, using: &generator) {
        text.unicodeScalars.append(alphabet.randomElement(using: &generator)!)
      }
      if AuthenticationResults(parsing: text) != nil { parsed += 1 }
    }
    // Deep nesting is a counter, not recursion.
    let deep =
      "mx.iab.org " + String(repeating: "(", count: 200_000)
      + String(
        repeating: ")", count: 200_000) + "; none"
    #expect(AuthenticationResults(parsing: deep)?.results == [])
    #expect(parsed < 3_000)
  }
}

/// A seeded generator, so that a failing input can be reproduced.
struct SplitMix64: RandomNumberGenerator {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
