/// How Message-IDs are compared: without the angle brackets and surrounding blanks, and
/// case-insensitively (mail software is known to change the case of the right-hand side).
enum MessageIDKey {
  static func normalise(_ messageID: String) -> String? {
    var text = Substring(messageID).trimmingBlanks
    if text.hasPrefix("<") { text = text.dropFirst() }
    if text.hasSuffix(">") { text = text.dropLast() }
    text = text.trimmingBlanks
    return text.isEmpty ? nil : text.lowercased()
  }
}

extension Substring {
  var trimmingBlanks: Substring {
    var text = self
    while let first = text.first, first.isWhitespace { text = text.dropFirst() }
    while let last = text.last, last.isWhitespace { text = text.dropLast() }
    return text
  }
}
