import Foundation

/// Percent-encoding for the links the pages build from record values.
enum URLEncoding {
  /// One path segment: everything but RFC 3986 unreserved characters is encoded, so a
  /// value can never add a segment, a query or a scheme.
  static func pathSegment(_ text: String) -> String {
    var out = ""
    for byte in text.utf8 {
      switch byte {
      case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
        UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
        UInt8(ascii: "_"), UInt8(ascii: "~"):
        out.unicodeScalars.append(Unicode.Scalar(byte))
      default:
        let hex = String(byte, radix: 16, uppercase: true)
        out += hex.count == 1 ? "%0" + hex : "%" + hex
      }
    }
    return out
  }

  /// A query string from ordered pairs; empty values are left out.
  static func query(_ pairs: [(String, String)]) -> String {
    pairs.filter { !$0.1.isEmpty }.map { pathSegment($0.0) + "=" + pathSegment($0.1) }
      .joined(separator: "&")
  }

  /// `application/x-www-form-urlencoded` as a GET form sends it (`+` is a space).
  static func formFields(_ query: String?) -> [String: String] {
    guard let query else { return [:] }
    var fields: [String: String] = [:]
    for pair in query.split(separator: "&") {
      let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      guard let key = decode(parts[0]), !key.isEmpty else { continue }
      let value = parts.count > 1 ? decode(parts[1]) ?? "" : ""
      if fields[key] == nil { fields[key] = value }
    }
    return fields
  }

  private static func decode(_ text: Substring) -> String? {
    String(text.replacingOccurrences(of: "+", with: " ")).removingPercentEncoding
  }
}
