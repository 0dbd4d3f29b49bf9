import Foundation
import MIME

/// ISO `YYYY-MM-DD` days in UTC: deadlines are days, and "today" is the same for everyone.
/// The one reading of a deadline day, for the web record, the digest and the reminders.
public enum CalendarDay {
  private static let calendar: Calendar = {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC")!
    return calendar
  }()

  /// The UTC day of `date`.
  ///
  /// The web record asks for "today" on every request, so the years people use are counted
  /// by arithmetic on days (the Gregorian rules, which Foundation's calendar follows from
  /// 1582); the rest by the calendar. `CalendarDayTests` holds the two to the same answer.
  public static func string(from date: Date) -> String {
    let seconds = date.timeIntervalSince1970
    guard seconds >= arithmeticRange.lowerBound, seconds < arithmeticRange.upperBound else {
      let c = calendar.dateComponents([.year, .month, .day], from: date)
      return String(format: "%04d-%02d-%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0)
    }
    let (year, month, day) = DateParser.civilFromDays(Int((seconds / 86_400).rounded(.down)))
    return padded(year, 4) + "-" + padded(month, 2) + "-" + padded(day, 2)
  }

  /// 1600-01-01 to 9999-12-31 (UTC), in seconds since 1970.
  static let arithmeticRange: Range<TimeInterval> = -11_676_096_000..<253_402_300_800

  private static func padded(_ value: Int, _ width: Int) -> String {
    let digits = String(value)
    return digits.count >= width
      ? digits : String(repeating: "0", count: width - digits.count) + digits
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
