import Foundation

/// ISO `YYYY-MM-DD` days in UTC: deadlines are days, and "today" is the same for everyone.
/// The one reading of a deadline day, for the web record, the digest and the reminders.
public enum CalendarDay {
  private static let calendar: Calendar = {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC")!
    return calendar
  }()

  /// The UTC day of `date`.
  public static func string(from date: Date) -> String {
    let c = calendar.dateComponents([.year, .month, .day], from: date)
    return String(format: "%04d-%02d-%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0)
  }

  /// The date at midnight UTC, or nil when `text` is not a real `YYYY-MM-DD` day.
  public static func date(from text: String) -> Date? {
    let parts = text.split(separator: "-", omittingEmptySubsequences: false)
    guard text.utf8.count == 10, parts.count == 3, parts[0].count == 4, parts[1].count == 2,
      parts[2].count == 2, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2])
    else { return nil }
    let components = DateComponents(year: y, month: m, day: d)
    guard components.isValidDate(in: calendar), let date = calendar.date(from: components) else {
      return nil
    }
    return date
  }

  public static func isValid(_ text: String) -> Bool { date(from: text) != nil }

  public static func adding(days: Int, to text: String) -> String? {
    guard let date = date(from: text),
      let moved = calendar.date(byAdding: .day, value: days, to: date)
    else { return nil }
    return string(from: moved)
  }

  /// Whole days from `earlier` to `later` (positive when `later` is after).
  public static func days(from earlier: String, to later: String) -> Int? {
    guard let a = date(from: earlier), let b = date(from: later) else { return nil }
    return calendar.dateComponents([.day], from: a, to: b).day
  }
}
