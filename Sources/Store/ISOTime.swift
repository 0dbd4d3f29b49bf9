import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// UTC timestamps as the record writes them: `2026-11-23T12:00:00Z`, whole seconds, so that
/// text order is time order and SQL range filters are plain string comparisons.
enum ISOTime {
  static func string(_ date: Date) -> String {
    let parts = components(date)
    return "\(pad(parts.year, 4))-\(pad(parts.month, 2))-\(pad(parts.day, 2))T"
      + "\(pad(parts.hour, 2)):\(pad(parts.minute, 2)):\(pad(parts.second, 2))Z"
  }

  static func year(_ date: Date) -> Int { components(date).year }

  private struct Parts {
    var year, month, day, hour, minute, second: Int
  }

  private static func components(_ date: Date) -> Parts {
    var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
    var broken = tm()
    gmtime_r(&seconds, &broken)
    return Parts(
      year: Int(broken.tm_year) + 1900, month: Int(broken.tm_mon) + 1, day: Int(broken.tm_mday),
      hour: Int(broken.tm_hour), minute: Int(broken.tm_min), second: Int(broken.tm_sec))
  }

  private static func pad(_ value: Int, _ width: Int) -> String {
    let text = String(value)
    return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
  }
}
