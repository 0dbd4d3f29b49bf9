// Expected values were produced by CPython 3.11.7's email package (policy.default), the
// oracle of the MIME corpus, on exactly these inputs.
import Testing

@testable import MIME

@Suite("TransferEncoding: the CTE token of Python's header parser")
struct TransferEncodingTests {
  static let cases: [(String, String)] = [
    ("base64", "base64"),
    ("Base64 ", "base64"),
    ("base64 (x)", "base64"),
    ("base64; foo", "base64"),
    ("bas e64", "bas"),
    ("", "7bit"),
    ("\"base64\"", "7bit"),
    ("(c) quoted-printable", "quoted-printable"),
    ("8bit", "8bit"),
    ("x-uuencode", "x-uuencode"),
    ("7BIT", "7bit"),
    ("(", "7bit"),
    ("bé", "bé"),
  ]

  @Test("Finds Python's token", arguments: cases)
  func findsPythonsToken(_ testCase: (String, String)) {
    #expect(TransferEncoding.mechanism(testCase.0) == testCase.1)
  }

  @Test("Absent field is 7bit")
  func absent() {
    #expect(TransferEncoding.mechanism(nil) == "7bit")
  }

  @Test("Deeply nested comment before the token does not overflow the stack")
  func deepComment() {
    #expect(TransferEncoding.mechanism(String(repeating: "(", count: 10_000) + "base64") == "7bit")
  }
}
