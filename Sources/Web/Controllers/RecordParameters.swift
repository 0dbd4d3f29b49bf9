import Foundation
import Hummingbird

/// Path parameters, decoded and bounded before they reach a repository.
enum RecordParameters {
  static let maximumLength = 200

  /// The decoded parameter, or 404 when it is missing, undecodable, too long or holds
  /// control characters (nothing the record could contain).
  static func decoded(_ name: String, in context: some RequestContext) throws -> String {
    guard let raw = context.parameters.get(name), let value = raw.removingPercentEncoding,
      !value.isEmpty, value.unicodeScalars.count <= maximumLength,
      !value.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F })
    else {
      throw HTTPError(.notFound)
    }
    return value
  }

  /// A content address as the store writes it: 64 lower-case hex digits, so no record
  /// value can ever be turned into a file path by a store that keys files by it.
  static func isContentAddress(_ text: String) -> Bool {
    text.utf8.count == 64
      && text.utf8.allSatisfy {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0)
          || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains($0)
      }
  }
}
