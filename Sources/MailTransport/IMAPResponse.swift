import Foundation

/// Parsing of the few untagged IMAP responses liaisond reads (RFC 3501 section 7).
///
/// Server lines come from a server that may be broken or hostile: anything that does not
/// match is ignored rather than trusted, and numbers that overflow are rejected.
enum IMAPResponse {
  /// `* STATUS "INBOX" (MESSAGES 3 UIDNEXT 9 UIDVALIDITY 17)`
  static func status(in lines: [String]) -> MailboxStatus? {
    for line in lines where line.hasPrefix("* STATUS ") {
      guard let open = line.lastIndex(of: "("), let close = line.lastIndex(of: ")"), open < close
      else { continue }
      let items = line[line.index(after: open)..<close].split(separator: " ")
      var values: [String: UInt64] = [:]
      var index = 0
      while index + 1 < items.count {
        if let value = UInt64(items[index + 1]) { values[items[index].uppercased()] = value }
        index += 2
      }
      guard let validity = values["UIDVALIDITY"], let next = values["UIDNEXT"],
        let validity32 = UInt32(exactly: validity), let next32 = UInt32(exactly: next)
      else { continue }
      return MailboxStatus(
        uidValidity: validity32, uidNext: next32, messages: Int(values["MESSAGES"] ?? 0))
    }
    return nil
  }

  /// `* SEARCH 4 7 9` (several lines possible); sorted, without duplicates.
  static func searchUIDs(in lines: [String]) -> [UInt32] {
    var uids = Set<UInt32>()
    for line in lines where line.hasPrefix("* SEARCH") {
      for word in line.dropFirst("* SEARCH".count).split(separator: " ") {
        if let uid = UInt32(word), uid > 0 { uids.insert(uid) }
      }
    }
    return uids.sorted()
  }

  /// `* ESEARCH (TAG "A5") UID ALL 1:5,9`: the UIDs of the set, ascending; an empty
  /// answer (`* ESEARCH (TAG "A5") UID`, or no ESEARCH line) is no UIDs; nil when the set
  /// is malformed or holds more than `limit` UIDs.
  static func esearchUIDs(in lines: [String], limit: Int) -> [UInt32]? {
    guard let line = lines.first(where: { $0.uppercased().hasPrefix("* ESEARCH") }) else {
      return []
    }
    let words = line.split(separator: " ")
    guard let index = words.firstIndex(where: { $0.uppercased() == "ALL" }), index + 1 < words.count
    else {
      return []
    }
    var uids: [UInt32] = []
    for range in words[index + 1].split(separator: ",") {
      let bounds = range.split(separator: ":")
      guard (1...2).contains(bounds.count), let low = UInt32(bounds[0]),
        let high = UInt32(bounds[bounds.count - 1])
      else { return nil }
      let (a, b) = (min(low, high), max(low, high))
      guard uids.count + Int(b - a) + 1 <= limit else { return nil }
      uids.append(contentsOf: a...b)
    }
    return Array(Set(uids)).sorted()
  }

  /// `* 3 FETCH (UID 7 RFC822.SIZE 1234)`, items in any order.
  static func sizes(in lines: [String]) -> [UInt32: Int] {
    var sizes: [UInt32: Int] = [:]
    for line in lines where line.hasPrefix("* ") && line.contains(" FETCH (") {
      guard let open = line.firstIndex(of: "("), let close = line.lastIndex(of: ")"), open < close
      else { continue }
      let items = line[line.index(after: open)..<close].split(separator: " ")
      var uid: UInt32?
      var size: Int?
      var index = 0
      while index + 1 < items.count {
        switch items[index].uppercased() {
        case "UID": uid = UInt32(items[index + 1])
        case "RFC822.SIZE": size = Int(items[index + 1])
        default: break
        }
        index += 2
      }
      if let uid, let size, size >= 0 { sizes[uid] = size }
    }
    return sizes
  }

  /// `* CAPABILITY IMAP4rev1 MOVE IDLE` or an `[CAPABILITY ...]` response code; upper-cased.
  /// The number of an untagged `* 12 EXISTS` (or `EXPUNGE`, `RECENT`) line, nil for
  /// any other line.
  static func untaggedNumber(_ line: String, _ name: String) -> UInt32? {
    let parts = line.split(separator: " ", omittingEmptySubsequences: true)
    guard parts.count == 3, parts[0] == "*", parts[2].uppercased() == name else { return nil }
    return UInt32(parts[1])
  }

  static func capabilities(in lines: [String]) -> Set<String> {
    var capabilities = Set<String>()
    for line in lines {
      let words: [Substring]
      if line.hasPrefix("* CAPABILITY ") {
        words = line.dropFirst("* CAPABILITY ".count).split(separator: " ")
      } else if let range = line.range(of: "[CAPABILITY ") {
        let rest = line[range.upperBound...]
        words = rest.prefix(while: { $0 != "]" }).split(separator: " ")
      } else {
        continue
      }
      capabilities.formUnion(words.map { $0.uppercased() })
    }
    return capabilities
  }

  /// `1:5,7,9:10` for a sorted list of UIDs.
  static func sequenceSet(_ uids: some Collection<UInt32>) -> String {
    var ranges: [String] = []
    var index = 0
    let sorted = uids.sorted()
    while index < sorted.count {
      let start = sorted[index]
      var end = start
      while index + 1 < sorted.count && sorted[index + 1] == end + 1 {
        index += 1
        end = sorted[index]
      }
      ranges.append(start == end ? "\(start)" : "\(start):\(end)")
      index += 1
    }
    return ranges.joined(separator: ",")
  }
}
