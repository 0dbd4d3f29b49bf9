/// The gateway's command addresses (respond, approve and new-statement addresses: a `+` tag
/// on the gateway's own local part), as found in hostile text so that no public page,
/// answer, feed, export, search or raw view shows one (SPEC: tokens never are public). The
/// one rule for it: the store's public reads and search index, the raw view and `/iab`
/// all cut with it.
///
/// An address is a command address when its local part has a `+` and either the part
/// before the `+` at its domain is a gateway address (`smtp.from`), or its tag is one the
/// gateway hands out (`ls-...`, `msg-...`, `approve-...`, `new`): the latter also holds where the
/// configuration is not known (`liaisond serve` without one).
public struct CommandAddresses: Sendable, Hashable {
  /// Lower-cased bare gateway addresses, `liaison-coordination@iab.org`.
  public var gateways: Set<String>

  /// What stands where a command address was.
  public static let placeholder = "[command address removed]"

  /// How the tags of the gateway's command addresses begin (`CommandAddress` in Liaison).
  static let gatewayTags = ["ls-", "msg-", "approve-"]

  public init(gateways: [String] = []) {
    self.gateways = Set(gateways.map { $0.lowercased() })
  }

  /// `text` with every command address replaced by `placeholder`.
  public func redact(_ text: String) -> String {
    let bytes = Array(text.utf8)
    let ranges = self.ranges(in: bytes[...])
    guard !ranges.isEmpty else { return text }
    return String(decoding: Self.replacing(ranges, in: bytes[...]), as: UTF8.self)
  }

  /// Where command addresses stand in `bytes`, in order, not overlapping.
  public func ranges(in bytes: ArraySlice<UInt8>) -> [Range<Int>] {
    var found: [Range<Int>] = []
    var index = bytes.startIndex
    while index < bytes.endIndex {
      guard bytes[index] == UInt8(ascii: "+"), let range = commandAddress(around: index, in: bytes)
      else {
        index += 1
        continue
      }
      if let last = found.last, last.upperBound > range.lowerBound {
        found[found.count - 1] = last.lowerBound..<max(last.upperBound, range.upperBound)
      } else {
        found.append(range)
      }
      index = range.upperBound
    }
    return found
  }

  /// `bytes` with each of `ranges` (from `ranges(in:)`) replaced by `placeholder`.
  public static func replacing(_ ranges: [Range<Int>], in bytes: ArraySlice<UInt8>) -> [UInt8] {
    var result: [UInt8] = []
    result.reserveCapacity(bytes.count)
    var cursor = bytes.startIndex
    for range in ranges {
      result += bytes[cursor..<range.lowerBound]
      result += placeholder.utf8
      cursor = range.upperBound
    }
    result += bytes[cursor...]
    return result
  }

  /// The address whose local part holds the `+` at `plus`, when it is a command address.
  private func commandAddress(around plus: Int, in bytes: ArraySlice<UInt8>) -> Range<Int>? {
    var start = plus
    while start > bytes.startIndex, Self.isLocal(bytes[start - 1]) { start -= 1 }
    var at = plus + 1
    while at < bytes.endIndex, Self.isLocal(bytes[at]) { at += 1 }
    guard start < plus, at < bytes.endIndex, bytes[at] == UInt8(ascii: "@") else { return nil }
    var end = at + 1
    while end < bytes.endIndex, Self.isDomain(bytes[end]) { end += 1 }
    while end > at + 1, bytes[end - 1] == UInt8(ascii: ".") { end -= 1 }
    guard end > at + 1 else { return nil }
    // The first `+` of the local part splits base and tag.
    let firstPlus = bytes[start..<at].firstIndex(of: UInt8(ascii: "+")) ?? plus
    let base = Self.lower(bytes[start..<firstPlus]) + "@" + Self.lower(bytes[(at + 1)..<end])
    let tag = Self.lower(bytes[(firstPlus + 1)..<at])
    guard
      gateways.contains(base) || Self.gatewayTags.contains(where: tag.hasPrefix) || tag == "new"
    else { return nil }
    return start..<end
  }

  private static func lower(_ bytes: ArraySlice<UInt8>) -> String {
    String(decoding: bytes, as: UTF8.self).lowercased()
  }

  /// RFC 5322 atext and `.`: what a dot-atom local part is made of.
  private static func isLocal(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
      UInt8(ascii: "0")...UInt8(ascii: "9"):
      return true
    default:
      return Array("!#$%&'*+-/=?^_`{|}~.".utf8).contains(byte)
    }
  }

  private static func isDomain(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
      UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."):
      return true
    default:
      return false
    }
  }
}
