/// Durations as a person reads them in a log line: rounded, with units (`800ms`, `1.2s`,
/// `45s`, `2m30s`, `1h5m`), never `0.7972717926402411 seconds`.
public enum DurationText {
  public static func format(_ duration: Duration) -> String {
    let (seconds, attoseconds) = duration.components
    let milliseconds = seconds * 1000 + attoseconds / 1_000_000_000_000_000
    if milliseconds < 1000 { return "\(max(0, milliseconds))ms" }
    if milliseconds < 10_000 {
      let tenths = (milliseconds + 50) / 100
      return tenths % 10 == 0 ? "\(tenths / 10)s" : "\(tenths / 10).\(tenths % 10)s"
    }
    let whole = (milliseconds + 500) / 1000
    if whole < 60 { return "\(whole)s" }
    if whole < 3600 {
      return whole % 60 == 0 ? "\(whole / 60)m" : "\(whole / 60)m\(whole % 60)s"
    }
    let minutes = (whole + 30) / 60
    if minutes < 24 * 60 {
      return minutes % 60 == 0 ? "\(minutes / 60)h" : "\(minutes / 60)h\(minutes % 60)m"
    }
    let hours = (minutes + 30) / 60
    return hours % 24 == 0 ? "\(hours / 24)d" : "\(hours / 24)d\(hours % 24)h"
  }
}
