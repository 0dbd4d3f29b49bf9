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
  /// The first value of each name; undecodable names are dropped, undecodable values
  /// read as empty (the list page is forgiving).
  static func formFields(_ query: String?) -> [String: String] {
    var fields: [String: String] = [:]
    for pair in formPairs(query) {
      guard let name = pair.name, !name.isEmpty else { continue }
      if fields[name] == nil { fields[name] = pair.value ?? "" }
    }
    return fields
  }

  /// Every pair, in order, with nil where percent-decoding fails (the API refuses those).
  static func formPairs(_ query: String?) -> [(name: String?, value: String?)] {
    guard let query else { return [] }
    return query.split(separator: "&").map { pair in
      let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      return (decode(parts[0]), parts.count > 1 ? decode(parts[1]) : "")
    }
  }

  private static func decode(_ text: Substring) -> String? {
    String(text.replacingOccurrences(of: "+", with: " ")).removingPercentEncoding
  }
}
