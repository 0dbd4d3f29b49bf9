/// Presentation of the record's ISO 8601 UTC timestamps (`2026-11-23T12:00:00Z`).
enum Timestamp {
  /// True for the exact shape the store writes; Atom's `updated` must be RFC 3339.
  static func isRFC3339(_ text: String) -> Bool {
    let bytes = Array(text.utf8)
    guard bytes.count >= 20, bytes.last == UInt8(ascii: "Z") || bytes.count >= 25 else {
      return false
    }
    let digits: Set<Int> = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18]
    for i in digits where !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[i]) {
      return false
    }
    return bytes[4] == UInt8(ascii: "-") && bytes[7] == UInt8(ascii: "-")
      && bytes[10] == UInt8(ascii: "T") && bytes[13] == UInt8(ascii: ":")
      && bytes[16] == UInt8(ascii: ":")
  }

  /// `2026-11-23 12:00 UTC`; anything else is shown as it is.
  static func display(_ text: String) -> String {
    guard isRFC3339(text) else { return text }
    let chars = Array(text)
    return String(chars[0..<10]) + " " + String(chars[11..<16]) + " UTC"
  }

  /// The day part, `2026-11-23`.
  static func day(_ text: String) -> String {
    isRFC3339(text) ? String(text.prefix(10)) : text
  }
}
