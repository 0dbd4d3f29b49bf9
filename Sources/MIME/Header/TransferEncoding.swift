/// The Content-Transfer-Encoding mechanism as Python's header parser finds it.
public enum TransferEncoding {
  /// The oracle's CTE token (rule P): first token of the value lowercased, comments/whitespace/anything after ignored;
  /// empty, absent or quoted value -> "7bit". "Base64 " -> "base64", "base64 (x)" -> "base64", "bas e64" -> "bas".
  public static func mechanism(_ headerValue: String?) -> String {
    guard let headerValue, !headerValue.isEmpty else { return "7bit" }
    return plainToken(headerValue) ?? mechanismWithGrammar(headerValue)
  }

  /// `parse_content_transfer_encoding_header`: only the leading token matters; the text after
  /// it is recorded as defects, which the oracle does not report.
  static func mechanismWithGrammar(_ headerValue: String) -> String {
    do {
      let (token, _) = try HeaderValueParser.getToken(HeaderValueParser.input(headerValue))
      return PythonText.asciiLower(PythonText.strip(PythonText.sanitize(try token.value())))
    } catch {
      return "7bit"
    }
  }

  /// The answer for the usual value, one token between blanks (`base64`, ` 7bit `), without
  /// the token grammar's tree; nil for anything else.
  static func plainToken(_ value: String) -> String? {
    let utf8 = value.utf8
    var lower: [UInt8] = []
    var sawBlankAfter = false
    for b in utf8 {
      if b == 0x20 || b == 0x09 {
        if !lower.isEmpty { sawBlankAfter = true }
        continue
      }
      guard !sawBlankAfter, b > 0x20, b < 0x7F, !HeaderValueParser.tokenEnds.contains(b) else {
        return nil
      }
      lower.append(ASCII.lower(b))
    }
    return lower.isEmpty ? nil : String(decoding: lower, as: UTF8.self)
  }
}
