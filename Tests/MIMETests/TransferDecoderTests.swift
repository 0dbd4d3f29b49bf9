import MIME
import Testing

@Suite("Transfer decoding, text and JSON output")
struct TransferDecoderTests {
  func decode(_ s: String, _ mechanism: String) -> TransferDecoder.Result {
    TransferDecoder.decode(Array(s.utf8), mechanism: mechanism)
  }

  @Test("base64 leniency and defects follow Python's decode_b")
  func base64() {
    #expect(decode("aGVs\r\nbG8=", "base64").bytes == Array("hello".utf8))
    #expect(decode("aGVs\r\nbG8=", "base64").defects.isEmpty)
    #expect(decode("aGVsbG8", "base64").defects == [.invalidBase64Padding])
    #expect(decode("aGVs bG8=", "base64").defects == [.invalidBase64Characters])
    #expect(decode("aGVs bG8=", "base64").bytes == Array("hello".utf8))
    let bad = decode("aGVsb", "base64")
    #expect(bad.defects == [.invalidBase64Length])
    #expect(bad.bytes == Array("aGVsb".utf8))
  }

  @Test("quoted-printable follows binascii.a2b_qp")
  func quotedPrintable() {
    #expect(decode("a=3Db=3db=\r\nc= d=ZZ", "quoted-printable").bytes == Array("a=b=bc= d=ZZ".utf8))
  }

  @Test("uuencode between begin and end; garbage stays raw")
  func uuencode() {
    let enc = "begin 644 f\n#86)C\n`\nend\n"
    #expect(decode(enc, "x-uuencode").bytes == Array("abc".utf8))
    #expect(decode("no begin line", "uue").bytes == Array("no begin line".utf8))
  }

  @Test("HTML bodies are stripped to text, entities resolved once")
  func html() throws {
    let msg = """
      Content-Type: text/html; charset=utf-8

      <html><head><style>p {}</style><script>x<y</script></head>
      <body><p>One &amp;lt; two</p><!-- hidden --><br/>A&#x41;&#0;&nbsp;  \r
      </body></html>
      """
    let m = try MIMEParser().parse(Array(msg.utf8))
    #expect(m.bestText == "\nOne &lt; two\n\nAA\u{FFFD}\u{A0}")
  }

  @Test("JSON strings are escaped like Python's json.dumps(ensure_ascii=False)")
  func jsonEscaping() {
    let v = JSONValue.object(["b": .array([]), "a": .string("q\"\\\n\u{1}é\u{2028}"), "c": .null])
    #expect(v.compact() == "{\"a\":\"q\\\"\\\\\\n\\u0001é\u{2028}\",\"b\":[],\"c\":null}")
    #expect(
      v.pretty() == "{\n  \"a\": \"q\\\"\\\\\\n\\u0001é\u{2028}\",\n  \"b\": [],\n  \"c\": null\n}")
  }

  @Test("base64 line breaks anywhere, in any form, are skipped")
  func base64LineBreaksAnywhere() {
    let encoded = Array("VGhlIGxpYWlzb24gc3RhdGVtZW50IG9mIHRoZSBJVFUtVCBTRzE1IHRvIHRoZSBJRVRG".utf8)
    let expected = Array("The liaison statement of the ITU-T SG15 to the IETF".utf8)
    for breakAt in 0...encoded.count {
      for lineBreak in ["\r\n", "\n", "\r", "\r\n\r\n"] {
        let body = encoded[..<breakAt] + Array(lineBreak.utf8) + encoded[breakAt...]
        let result = TransferDecoder.decode(body, mechanism: "base64")
        #expect(result.bytes == expected, "break at \(breakAt)")
        #expect(result.defects.isEmpty)
      }
    }
  }
}
