/// RFC 2047 decoding of free-text fields, as Python's `UnstructuredHeader` does it.
public enum EncodedWordDecoder {
  /// RFC 2047 decoding of an unstructured value (Subject) as Python policy.default does: adjacent encoded words joined
  /// (whitespace between them dropped), unknown charsets / bad words as Python leaves them.
  public static func decodeUnstructured(_ value: String) -> String {
    let tree = HeaderValueParser.getUnstructured(HeaderValueParser.input(value))
    return PythonText.sanitize(tree.str)
  }
}
