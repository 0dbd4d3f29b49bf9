import Testing

@testable import MIME

/// The memo of decoded encoded words (bound by `AddressParser.mailboxes`) must not change a
/// single node of the tree Python's grammar builds: every case is parsed with and without it
/// and the two trees compared node by node (class, token type, text, defects).
@Suite("EncodedWordMemo: the address tree is the same with and without the memo")
struct EncodedWordMemoTests {
  static let word = "=?utf-8?Q?date=3E2017-08-20T10:08:28.617=3C/pr?="

  static let values: [String] = [
    // mimekit's stack-overflow.txt in small: one phrase of the same word, read as a group's
    // display name, a name-addr's, an obsolete local part and an invalid mailbox's phrase.
    "\"test\" <test@test.com>,\t" + Array(repeating: word, count: 300).joined(separator: "\t"),
    "=?utf-8?q?J=C3=BCrgen?= =?utf-8?q?J=C3=BCrgen?= <j@example.com>",
    "=?utf-8?q?Team?=: =?utf-8?q?Team?= <a@b>, c@d;",
    // A word followed by text (a defect that depends on what follows, not on the word).
    "=?utf-8?q?a?=x =?utf-8?q?a?= <a@b>",
    // Blanks inside the undecoded word, and decoded blanks (fws terminals).
    "=?utf-8?q?a b?= =?utf-8?q?a b?= <a@b>",
    "=?utf-8?q?a_b__c?= =?utf-8?q?a_b__c?= <a@b>",
    // Malformed words (a CTE Python does not know, too many fields), twice each.
    "=?utf-8?x?abc?= =?utf-8?x?abc?= <a@b>",
    "=?utf-8?q?a?b?= =?utf-8?q?a?b?= <a@b>",
    // The hex continuation after "?=", and an undecodable charset.
    "=?utf-8?q?=41?=42?= =?utf-8?q?=41?=42?= <a@b>",
    "=?x-unknown?q?=E9?= =?x-unknown?q?=E9?= <a@b>",
    // Words in a local part, reparsed as an obsolete local part from a fresh array.
    "=?utf-8?q?x?=.=?utf-8?q?x?= =?utf-8?q?x?=@example.com",
    "=?utf-8?q?x?= =?utf-8?q?x?=@=?utf-8?q?x?=",
    "\"=?utf-8?q?J=C3=BCrgen?=\" =?utf-8?q?J=C3=BCrgen?= <j@example.com>",
  ]

  /// Every node, depth first: enough to tell any two trees apart.
  static func dump(_ token: HeaderToken, _ out: inout [String]) {
    out.append("\(token.kind) \(token.type) \(token.text.debugDescription) \(token.defects)")
    for child in token.children { dump(child, &out) }
    out.append("end")
  }

  static func tree(_ value: String, memo: Bool) -> [String] {
    let input = HeaderValueParser.input(value)
    let parse = { () -> Result<HeaderToken, HeaderParseFailure> in
      Result { () throws(HeaderParseFailure) -> HeaderToken in
        try HeaderValueParser.getAddressList(input)
      }
    }
    let result =
      memo ? EncodedWordMemo.$current.withValue(EncodedWordMemo(), operation: parse) : parse()
    switch result {
    case .success(let list):
      var out: [String] = []
      dump(list, &out)
      return out
    case .failure(let failure):
      return ["failed: \(failure)"]
    }
  }

  @Test(arguments: values)
  func sameTree(value: String) {
    let plain = Self.tree(value, memo: false)
    #expect(plain.count > 2)
    #expect(Self.tree(value, memo: true) == plain)
  }

  @Test func theHostilePhraseGivesItsMailboxes() {
    // The mailboxes come out of `mailboxes` (memo bound) as from the grammar alone.
    let value = Self.values[0]
    let plain = Self.tree(value, memo: false)
    #expect(plain.contains { $0.hasPrefix("encodedWord") })
    let found = AddressParser.parse(value)
    #expect(found.first == MIMEAddress(name: "test", address: "test@test.com"))
    // What Python reports for mimekit's stack-overflow.txt: the phrase ends as the address
    // "date" (its first word's decoded text, read as a local part).
    #expect(found.count == 2)
    #expect(found.last == MIMEAddress(name: "", address: "date"))
  }

  @Test func theMemoDecodesEachDistinctWordOnce() {
    let memo = EncodedWordMemo()
    var calls = 0
    let word = Array("utf-8?q?a".unicodeScalars)
    for _ in 0..<3 {
      _ = memo.entry(for: word) { w in
        calls += 1
        return HeaderValueParser.decodeEncodedWord(w)
      }
    }
    _ = memo.entry(for: Array("utf-8?q?b".unicodeScalars)) { w in
      calls += 1
      return HeaderValueParser.decodeEncodedWord(w)
    }
    #expect(calls == 2)
  }
}
