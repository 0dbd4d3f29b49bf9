/// Header text as Python's `BytesParser` holds it, for callers that still have the raw bytes.
///
/// Python reads header bytes as ASCII and keeps every other byte as an escape; only at the
/// end are escapes read as UTF-8 with replacement (rule U). A raw 8-bit byte inside an encoded
/// word (`=?iso-8859-1?q?M\xfcller?=`) is therefore decoded in the word's charset, which a value
/// already read as UTF-8 can no longer do. The header APIs accept both forms and always return
/// clean text.
public enum HeaderText {
  /// A raw header value with ASCII kept and every byte >= 0x80 escaped, as Python holds it.
  public static func escaping<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
    var out = String.UnicodeScalarView()
    for b in bytes { out.append(b < 0x80 ? Unicode.Scalar(b) : PythonText.escaped(b)) }
    return String(out)
  }

  /// Rule U: the escaped bytes of a value read as UTF-8 with replacement (`utils._sanitize`).
  public static func clean(_ value: String) -> String { PythonText.sanitize(value) }
}
