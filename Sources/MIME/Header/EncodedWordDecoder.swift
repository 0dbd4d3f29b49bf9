/// RFC 2047 decoding of free-text fields, as Python's `UnstructuredHeader` does it.
public enum EncodedWordDecoder {
  /// RFC 2047 decoding of an unstructured value (Subject) as Python policy.default does: adjacent encoded words joined
  /// (whitespace between them dropped), unknown charsets / bad words as Python leaves them.
  public static func decodeUnstructured(_ value: String) -> String {
    // Without "=?" the tree holds only the value's own runs of text and blanks, and renders it
    // unchanged.
    guard mayHoldEncodedWord(value) else { return PythonText.sanitize(value) }
    let tree = HeaderValueParser.getUnstructured(HeaderValueParser.input(value))
    return PythonText.sanitize(tree.str)
  }

  /// Whether "=?" occurs in the value.
  static func mayHoldEncodedWord(_ value: String) -> Bool {
    var previous: UInt8 = 0
    for b in value.utf8 {
      if b == UInt8(ascii: "?") && previous == UInt8(ascii: "=") { return true }
      previous = b
    }
    return false
  }
}
