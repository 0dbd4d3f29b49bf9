/// Whitespace folding and small text helpers shared by the parsers.
enum TextFolding {
  /// Runs of whitespace (including newlines and tabs) become one space; ends trimmed.
  static func fold(_ s: some StringProtocol) -> String {
    var out = ""
    var pendingSpace = false
    for ch in s {
      if ch.isWhitespace || ch == "\u{00A0}" {
        pendingSpace = !out.isEmpty
      } else {
        if pendingSpace { out.append(" ") }
        pendingSpace = false
        out.append(ch)
      }
    }
    return out
  }
}

extension StringProtocol {
  func trimmingLiteral(_ set: String) -> String {
    var s = Substring(self)
    while let f = s.first, set.contains(f) || f.isWhitespace { s = s.dropFirst() }
    while let l = s.last, set.contains(l) || l.isWhitespace { s = s.dropLast() }
    return String(s)
  }
}
