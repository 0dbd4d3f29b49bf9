// Expected values were produced by CPython 3.11.7's email package (policy.default), the
// oracle of the MIME corpus, on exactly these inputs.
import Testing

@testable import MIME

@Suite("AddressParser: mailboxes as Python's AddressHeader finds them")
struct AddressParserTests {
  static let cases: [(String, [(String, String)])] = [
    ("alice@example.com", [("", "alice@example.com")]),
    ("Alice <alice@example.com>", [("Alice", "alice@example.com")]),
    ("\"Smith, John\" <js@example.com>", [("Smith, John", "js@example.com")]),
    ("a@b, c@d", [("", "a@b"), ("", "c@d")]),
    ("undisclosed-recipients:;", []),
    ("Team: a@b, \"C D\" <c@d>;, e@f", [("", "a@b"), ("C D", "c@d"), ("", "e@f")]),
    ("<>", [("", "")]),
    ("<@route,@r2:x@y>", [("", "x@y")]),
    ("alice", [("", "alice")]),
    ("\"quoted local\"@example.com", [("", "\"quoted local\"@example.com")]),
    ("a.b.c@example.com", [("", "a.b.c@example.com")]),
    ("a . b@example.com", [("", "a.b@example.com")]),
    ("(comment) a@b (c)", [("", "a@b")]),
    ("John (the man) Doe <jd@example.com>", [("John Doe", "jd@example.com")]),
    ("=?utf-8?q?J=C3=BCrgen?= <j@example.com>", [("Jürgen", "j@example.com")]),
    ("\"=?utf-8?q?J=C3=BCrgen?=\" <j@example.com>", [("Jürgen", "j@example.com")]),
    ("a@[1.2.3.4]", [("", "a@[1.2.3.4]")]),
    ("a@[1.2.3.4", []),
    ("foo <", []),
    ("foo <a@b", [("foo", "a@b")]),
    ("Joe Q. Public <john.q.public@example.com>", [("Joe Q. Public", "john.q.public@example.com")]),
    ("a@b c@d", [("", "a@b")]),
    (",,a@b,,", [("", "a@b")]),
    ("@", [("", "")]),
    ("a@", []),
    ("a@b@c", [("", "")]),
    ("\"unterminated <a@b>", [("", "\"unterminated <a@b>\"")]),
    ("x: a@b", [("", "a@b")]),
    ("g:(c);", []),
    ("(c):;", []),
    ("a.:lice@iantern", []),
    ("<a@b> junk", [("", "a@b")]),
    ("Bob \\ Smith <b@s>", [("", "\"Bob \\\\ Smith\"")]),
    ("\"a\\\"b\" <c@d>", [("a\"b", "c@d")]),
    ("\"a\\\\b\"@c", [("", "\"a\\\\b\"@c")]),
    (
      "Mary Smith <mary@x.test>, jdoe@example.org, Who? <one@y.test>",
      [("Mary Smith", "mary@x.test"), ("", "jdoe@example.org"), ("Who?", "one@y.test")]
    ),
    (
      "<boss@nil.test>, \"Giant; \\\"Big\\\" Box\" <sysservices@example.net>",
      [("", "boss@nil.test"), ("Giant; \"Big\" Box", "sysservices@example.net")]
    ),
    (
      "Pete(A nice \\) chap) <pete(his account)@silly.test(his host)>",
      [("Pete", "pete@silly.test")]
    ),
    (
      "A Group:Ed Jones <c@a.test>,joe@where.test,John <jdoe@one.test>;",
      [("Ed Jones", "c@a.test"), ("", "joe@where.test"), ("John", "jdoe@one.test")]
    ),
    (
      "\"Joe Q. Public\" <john.q.public@example.com>, Mary Smith <@node.test:mary@example.net>, , jdoe@test  . example",
      [
        ("Joe Q. Public", "john.q.public@example.com"), ("Mary Smith", "mary@example.net"),
        ("", "jdoe@test.example"),
      ]
    ),
    ("=?utf-8?q?a=0Ab?= <x@y>", []),
    (
      "=?iso-8859-1?q?Andr=E9?= Pirard <PIRARD@vm1.ulg.ac.be>",
      [("André Pirard", "PIRARD@vm1.ulg.ac.be")]
    ),
    (".foo <a@b>", []),
    ("a..b@c", [("", "a..b@c")]),
    (".a@b", [("", ".a@b")]),
    ("a.@b", [("", "a.@b")]),
  ]

  @Test("Parses like Python, recovery included", arguments: cases)
  func parsesLikePython(_ testCase: (String, [(String, String)])) {
    let expected = testCase.1.map { MIMEAddress(name: $0.0, address: $0.1) }
    #expect(AddressParser.parse(testCase.0) == expected)
  }

  @Test(
    "Comments nested 10,000 deep give no stack overflow and an empty list, as Python's RecursionError"
  )
  func deeplyNestedComments() {
    let deep = String(repeating: "(", count: 10_000) + String(repeating: ")", count: 10_000) + "a@b"
    #expect(AddressParser.parse(deep) == [])
    let unclosed = String(repeating: "(", count: 10_000) + "a@b"
    #expect(AddressParser.parse(unclosed) == [])
  }

  @Test("Comments nested within Python's limit are skipped")
  func moderatelyNestedComments() {
    let value = String(repeating: "(", count: 400) + String(repeating: ")", count: 400) + "a@b"
    #expect(AddressParser.parse(value) == [MIMEAddress(name: "", address: "a@b")])
  }

  @Test("A long list parses in order")
  func longList() {
    let value = (0..<5_000).map { "u\($0)@example.com" }.joined(separator: ", ")
    let parsed = AddressParser.parse(value)
    #expect(parsed.count == 5_000)
    #expect(parsed.last == MIMEAddress(name: "", address: "u4999@example.com"))
  }

  @Test("Unterminated quote swallowing the rest of a huge value")
  func unterminatedQuote() {
    let value = "\"" + String(repeating: "a, b <c@d> ", count: 10_000)
    let parsed = AddressParser.parse(value)
    #expect(parsed.count == 1)
    #expect(parsed.first?.name == "")
  }
}
