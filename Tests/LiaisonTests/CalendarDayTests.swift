import Foundation
import Testing

@testable import Liaison

/// `CalendarDay.string` counts days by arithmetic in the years people use: it must give
/// Foundation's Gregorian calendar's answer (UTC) everywhere, the edges of that range too.
@Suite struct CalendarDayTests {
  static let calendar: Calendar = {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC")!
    return calendar
  }()

  static func reference(_ date: Date) -> String {
    let c = calendar.dateComponents([.year, .month, .day], from: date)
    return String(format: "%04d-%02d-%02d", c.year!, c.month!, c.day!)
  }

  static func date(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }

  @Test(
    "days around leap days, century rules, the epoch and the range's edges",
    arguments: [
      "1600-01-01T00:00:00Z", "1600-02-29T12:00:00Z", "1699-12-31T23:59:59Z",
      "1700-02-28T23:59:59Z", "1700-03-01T00:00:00Z", "1900-02-28T00:00:00Z",
      "1900-03-01T00:00:00Z", "1969-12-31T23:59:59Z", "1970-01-01T00:00:00Z",
      "2000-02-29T00:00:00Z", "2000-03-01T00:00:00Z", "2024-12-31T23:59:59Z",
      "2026-12-07T15:00:00Z", "2100-02-28T23:00:00Z", "2100-03-01T01:00:00Z",
      "9999-12-31T23:59:59Z", "1599-12-31T23:59:59Z", "1582-10-15T00:00:00Z",
      "1500-03-01T00:00:00Z",
    ])
  func knownDays(text: String) {
    let date = Self.date(text)
    #expect(CalendarDay.string(from: date) == Self.reference(date))
    #expect(CalendarDay.string(from: date) == String(text.prefix(10)) || text.hasPrefix("15"))
  }

  @Test("a fraction of a second before midnight, before and after 1970")
  func fractionsBeforeMidnight() {
    for text in ["1969-12-31T00:00:00Z", "2026-12-07T00:00:00Z", "1601-06-30T00:00:00Z"] {
      let midnight = Self.date(text).addingTimeInterval(86_400)
      let justBefore = midnight.addingTimeInterval(-0.001)
      #expect(CalendarDay.string(from: justBefore) == String(text.prefix(10)))
      #expect(CalendarDay.string(from: justBefore) == Self.reference(justBefore))
      #expect(CalendarDay.string(from: midnight) == Self.reference(midnight))
    }
  }

  @Test("20,000 instants from 1600 to 9999 agree with the calendar")
  func agreesWithTheCalendar() {
    var generator = SystemRandomNumberGenerator()
    let range = CalendarDay.arithmeticRange
    for _ in 0..<20_000 {
      let seconds = Double.random(in: range, using: &generator)
      let date = Date(timeIntervalSince1970: seconds)
      #expect(CalendarDay.string(from: date) == Self.reference(date), "\(seconds)")
    }
  }

  @Test func onlyRealDaysInTheOneShape() {
    #expect(CalendarDay.isValid("2026-02-28"))
    #expect(!CalendarDay.isValid("2026-02-30"))
    #expect(!CalendarDay.isValid("2026-2-3"))
    #expect(!CalendarDay.isValid("27-02-01"))
    #expect(!CalendarDay.isValid("2027-13-01"))
    #expect(CalendarDay.date(from: "2027-03-01")?.timeIntervalSince1970 == 1_803_859_200)
    #expect(CalendarDay.string(from: Date(timeIntervalSince1970: 1_803_945_599)) == "2027-03-01")
  }
}
