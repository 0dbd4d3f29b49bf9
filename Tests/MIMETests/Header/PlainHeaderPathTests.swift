import Testing

@testable import MIME

/// The byte paths for plain Content-Type, Content-Disposition and Content-Transfer-Encoding
/// values skip Python's header grammar: wherever they answer, they must answer exactly what
/// the grammar answers, and they must refuse every value whose grammar takes another path.
@Suite("Plain header values: the byte paths agree with Python's grammar")
struct PlainHeaderPathTests {
  static let heads = [
    "text/plain", "TEXT/HTML", " multipart/mixed ", "text / plain", "text/plain ",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "x-a.b+c/d~e",
    "attachment", "Inline", "inline ",
  ]

  static let parameters = [
    "", ";", "; ", " ;", "; charset=us-ascii", ";\tcharset=\"iso-8859-1\"",
    "; name=\"a b.pdf\"", "; name=\"\"", "; name=\" \"", "; boundary=\"----=_Part_1_2.3\"",
    "; a=1; b=\"2\" ; c=x%41", "; format=flowed;", "; format=flowed; ",
    "; filename=\"(x) <y>@[z]:;,.txt\"", "; Name=a; name=b", "; a = b ;c= \"d\"",
    "; charset=UTF-8; format=flowed; delsp=yes", ";charset=\"utf-8\";name=\"x\"",
  ]

  /// Values whose grammar takes a path the byte reader does not follow.
  static let nearMisses = [
    "text/plain; name=\"a\\\"b\"", "text/plain; name*=utf-8''x", "text/plain; name*0=a",
    "text/plain; name=\"=?utf-8?q?x?=\"", "text/plain (comment)", "text/plain; a=1; a=2",
    "text/plain;; a=1", "text/plain; a", "text/plain; a=", "text/plain; a=\"x",
    "text/plain; a=\"x\"y", "text/", "/plain", "text/plain/x", "téxt/plain", "text/plain; a=b c",
    "text/plain; a=b\u{01}", "text/plain; a=\"b\u{01}\"", "text/plain; a='b'", "", " ",
    "text/plain; =b", "text/plain; a=b=c", "text/plain; a==?x?=", "\"text\"/plain",
    "text/plain a=b",
  ]

  /// Every field a caller can observe, the parameters included.
  static func observed(_ p: MIMEParameters) -> [String] {
    [p.value, p.rendered, p.dispositionToken ?? "<nil>", "\(p.parserRaised)"]
      + p.params.map { "\($0.name)=\($0.value)" }
  }

  @Test("Every plain value is read without the grammar, with the grammar's answer")
  func plainValuesAgree() {
    var compared = 0
    for head in Self.heads {
      for parameters in Self.parameters {
        let value = head + parameters
        for asDisposition in [false, true] {
          let plain = MIMEParameters.plainRendering(value, asDisposition: asDisposition)
          let grammar = MIMEParameters.parseWithGrammar(value, asDisposition: asDisposition)
          let slashInDisposition = asDisposition && head.contains("/")
          #expect((plain == nil) == slashInDisposition, "\(value) (disposition: \(asDisposition))")
          #expect(
            Self.observed(MIMEParameters.parse(value, asDisposition: asDisposition))
              == Self.observed(grammar), "\(value) (disposition: \(asDisposition))")
          compared += 1
        }
      }
    }
    #expect(compared == Self.heads.count * Self.parameters.count * 2)
  }

  @Test("Near misses go through the grammar", arguments: nearMisses)
  func nearMissesUseTheGrammar(_ value: String) {
    for asDisposition in [false, true] {
      #expect(MIMEParameters.plainRendering(value, asDisposition: asDisposition) == nil)
      #expect(
        Self.observed(MIMEParameters.parse(value, asDisposition: asDisposition))
          == Self.observed(MIMEParameters.parseWithGrammar(value, asDisposition: asDisposition)))
    }
  }

  static let transferEncodings = [
    "base64", "Base64 ", " 7bit", "\tQuoted-Printable\t", "x-uuencode", "8BIT", "binary",
    "x.y+z~",
  ]

  static let transferEncodingNearMisses = [
    "bas e64", "base64 (x)", "(c) base64", "\"base64\"", "base64;", "bäse64", " ", "\t",
    "base64/x", "a\u{01}b",
  ]

  @Test("A plain transfer encoding is the grammar's token")
  func plainTransferEncodingsAgree() {
    for value in Self.transferEncodings {
      #expect(TransferEncoding.plainToken(value) != nil, "\(value)")
      #expect(TransferEncoding.mechanism(value) == TransferEncoding.mechanismWithGrammar(value))
    }
    for value in Self.transferEncodingNearMisses {
      #expect(TransferEncoding.plainToken(value) == nil, "\(value)")
      #expect(TransferEncoding.mechanism(value) == TransferEncoding.mechanismWithGrammar(value))
    }
  }

  static let mailboxes = [
    "a@b", "john.doe@example.com", " x-y+z@sub.example.org ", "<a@b.c>", "John <j@d.com>",
    "John   Doe\t<j@d.com>", "\"Doe, John\" <j@d.com>", "\"  spaced  (x) <y> \"<j@d.com>",
    "\"\" <j@d.com>", "Ann<a@b.c>", "!#$%&'*+-/=^_`{|}~ <a@b.c>", "O'Brien <o@b.ie>",
  ]

  static let mailboxNearMisses = [
    "", " ", "a", "a@", "@b", "a@b.", "a..b@c", ".a@b", "a@b (comment)", "J. Doe <j@d.com>",
    "<>", "< a@b.c >", "John <j@d.com> x", "g: a@b;", "undisclosed-recipients:;",
    "a@[127.0.0.1]", "<@route:a@b>", "\"a\\\"b\" <a@b>", "=?utf-8?q?J?= <j@d.com>",
    "\"=?utf-8?q?J?=\" <j@d.com>", "a@b,", ",a@b", "a@b,,c@d", "Jöhn <j@d.com>",
    "\"x\" y <a@b>", "a\u{01}@b", "\"John\" <a@b.c>>", "a@b c@d",
  ]

  @Test("A plain address list is read without the grammar, with the grammar's mailboxes")
  func plainAddressListsAgree() {
    for first in Self.mailboxes {
      for second in [nil] + Self.mailboxes {
        for separator in [",", ", ", " ,\t", ",  "] {
          let value = second.map { first + separator + $0 } ?? first
          #expect(AddressParser.plainMailboxes(value) != nil, "\(value)")
          #expect(AddressParser.parse(value) == AddressParser.parseWithGrammar(value), "\(value)")
        }
      }
    }
  }

  @Test("Near-miss address lists go through the grammar", arguments: mailboxNearMisses)
  func addressNearMissesUseTheGrammar(_ value: String) {
    #expect(AddressParser.plainMailboxes(value) == nil)
    #expect(AddressParser.parse(value) == AddressParser.parseWithGrammar(value))
  }

  @Test(
    "Unstructured text without \"=?\" renders unchanged",
    arguments: [
      "", "Hello", "  Re:  [x]  hello\tworld  ", "a=b?c", "=", "?=", "tail=", "caf\u{E9}",
      "a\u{3000}b\u{A0}c", "x \u{10FFE9} y", "(not a comment) \"not quoted\"",
    ])
  func unstructuredWithoutEncodedWords(_ value: String) {
    #expect(!EncodedWordDecoder.mayHoldEncodedWord(value))
    let tree = HeaderValueParser.getUnstructured(HeaderValueParser.input(value))
    #expect(EncodedWordDecoder.decodeUnstructured(value) == PythonText.sanitize(tree.str))
  }
}
