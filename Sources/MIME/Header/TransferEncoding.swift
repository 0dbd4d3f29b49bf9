/// The Content-Transfer-Encoding mechanism as Python's header parser finds it.
public enum TransferEncoding {
  /// The oracle's CTE token (rule P): first token of the value lowercased, comments/whitespace/anything after ignored;
  /// empty, absent or quoted value -> "7bit". "Base64 " -> "base64", "base64 (x)" -> "base64", "bas e64" -> "bas".
  public static func mechanism(_ headerValue: String?) -> String {
    // `parse_content_transfer_encoding_header`: only the leading token matters; the text after
    // it is recorded as defects, which the oracle does not report.
    guard let headerValue, !headerValue.isEmpty else { return "7bit" }
    do {
      let (token, _) = try HeaderValueParser.getToken(HeaderValueParser.input(headerValue))
      return PythonText.asciiLower(PythonText.strip(PythonText.sanitize(try token.value())))
    } catch {
      return "7bit"
    }
  }
}
