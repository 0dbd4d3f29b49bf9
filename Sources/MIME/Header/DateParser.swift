import Foundation

/// The Date field as Python's `email.utils.parsedate_to_datetime` reads it.
public enum DateParser {
  /// The instant of the date in UTC, or nil where Python finds no date or raises on it (a
  /// field out of range, an offset of a day or more). A missing, unknown or "-0000" zone is
  /// taken as UTC.
  public static func parse(_ value: String) -> Date? {
    guard !value.isEmpty, let t = parsedateTZ(value) else { return nil }
    guard (1...9999).contains(t.year), (1...12).contains(t.month),
      (1...daysIn(t.month, t.year)).contains(t.day), (0...23).contains(t.hour),
      (0...59).contains(t.minute), (0...59).contains(t.second)
    else { return nil }
    let offset = t.offset ?? 0
    // `datetime.timezone` accepts only offsets strictly within one day.
    guard offset > -86_400, offset < 86_400 else { return nil }
    let days = daysFromCivil(t.year, t.month, t.day)
    let seconds = days * 86_400 + t.hour * 3600 + t.minute * 60 + t.second - offset
    // The oracle converts to UTC with `astimezone`, which fails outside years 1...9999.
    let minimum = daysFromCivil(1, 1, 1) * 86_400
    let maximum = daysFromCivil(9999, 12, 31) * 86_400 + 86_399
    guard seconds >= minimum, seconds <= maximum else { return nil }
    return Date(timeIntervalSince1970: TimeInterval(seconds))
  }

  /// The oracle's rendering of a date, `strftime("%Y-%m-%dT%H:%M:%SZ")` in UTC: proleptic
  /// Gregorian calendar (no Julian dates before 1582) and, as glibc's `%Y`, the year without
  /// leading zeros ("200-07-11T16:09:27Z").
  public static func oracleString(_ date: Date) -> String {
    let seconds = Int(date.timeIntervalSince1970.rounded(.down))
    let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
    let secondOfDay = seconds - days * 86_400
    let (year, month, day) = civilFromDays(days)
    func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
    return "\(year)-\(two(month))-\(two(day))T\(two(secondOfDay / 3600)):"
      + "\(two(secondOfDay % 3600 / 60)):\(two(secondOfDay % 60))Z"
  }

  /// The proleptic Gregorian date of a day count since 1970-01-01 (H. Hinnant's algorithm):
  /// year, month, day. The one such count (Liaison's `CalendarDay` uses it too).
  public static func civilFromDays(_ z0: Int) -> (Int, Int, Int) {
    let z = z0 + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let day = doy - (153 * mp + 2) / 5 + 1
    let month = mp < 10 ? mp + 3 : mp - 9
    return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
  }

  struct Parsed {
    var year, month, day, hour, minute, second: Int
    /// Seconds east of UTC; nil for "-0000", an unknown zone or none.
    var offset: Int?
  }

  static let monthNames = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
  ]
  static let dayNames = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
  static let zones: [String: Int] = [
    "UT": 0, "UTC": 0, "GMT": 0, "Z": 0, "AST": -400, "ADT": -300, "EST": -500, "EDT": -400,
    "CST": -600, "CDT": -500, "MST": -700, "MDT": -600, "PST": -800, "PDT": -700,
  ]

  /// `email._parseaddr._parsedate_tz`, step by step.
  static func parsedateTZ(_ text: String) -> Parsed? {
    var data = PythonText.split(text)
    guard !data.isEmpty else { return nil }
    if data[0].hasSuffix(",") || dayNames.contains(data[0].lowercased()) {
      data.removeFirst()
    } else if let comma = data[0].unicodeScalars.lastIndex(of: ",") {
      data[0] = String(data[0].unicodeScalars[data[0].unicodeScalars.index(after: comma)...])
    }
    if data.count == 3 {
      let stuff = data[0].split(separator: "-", omittingEmptySubsequences: false).map(String.init)
      if stuff.count == 3 { data = stuff + data.dropFirst() }
    }
    if data.count == 4 {
      let s = data[3]
      let scalars = Array(s.unicodeScalars)
      var i = scalars.firstIndex(of: "+") ?? -1
      if i == -1 { i = scalars.firstIndex(of: "-") ?? -1 }
      if i > 0 {
        data[3] = PythonText.string(scalars[..<i])
        data.append(PythonText.string(scalars[i...]))
      } else {
        data.append("")
      }
    }
    guard data.count >= 5 else { return nil }
    var dd = data[0]
    var mm = data[1]
    var yy = data[2]
    var tm = data[3]
    var tz = data[4]
    guard !dd.isEmpty, !mm.isEmpty, !yy.isEmpty else { return nil }
    mm = mm.lowercased()
    if !monthNames.contains(mm) {
      (dd, mm) = (mm, dd.lowercased())
      guard monthNames.contains(mm) else { return nil }
    }
    var month = monthNames.firstIndex(of: mm)! + 1
    if month > 12 { month -= 12 }
    if dd.hasSuffix(",") { dd.removeLast() }
    if let colon = yy.unicodeScalars.firstIndex(of: ":"), colon != yy.unicodeScalars.startIndex {
      (yy, tm) = (tm, yy)
    }
    if yy.hasSuffix(",") {
      yy = String(yy.unicodeScalars.dropLast())
      if yy.isEmpty { return nil }
    }
    if let first = yy.unicodeScalars.first, !isDigit(first) {
      (yy, tz) = (tz, yy)
    }
    if tm.hasSuffix(",") { tm = String(tm.unicodeScalars.dropLast()) }
    var parts = tm.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
    let thh: String
    let tmm: String
    var tss = "0"
    if parts.count == 2 {
      (thh, tmm) = (parts[0], parts[1])
    } else if parts.count == 3 {
      (thh, tmm, tss) = (parts[0], parts[1], parts[2])
    } else if parts.count == 1, parts[0].contains(".") {
      parts = parts[0].split(separator: ".", omittingEmptySubsequences: false).map(String.init)
      if parts.count == 2 {
        (thh, tmm) = (parts[0], parts[1])
      } else if parts.count == 3 {
        (thh, tmm, tss) = (parts[0], parts[1], parts[2])
      } else {
        return nil
      }
    } else {
      return nil
    }
    guard var year = PythonText.int(yy), let day = PythonText.int(dd),
      let hour = PythonText.int(thh), let minute = PythonText.int(tmm),
      let second = PythonText.int(tss)
    else { return nil }
    if year < 100 { year += year > 68 ? 1900 : 2000 }
    tz = tz.uppercased()
    var offset: Int? = zones[tz] ?? PythonText.int(tz)
    if offset == 0 && tz.hasPrefix("-") { offset = nil }
    if let o = offset, o != 0 {
      let sign = o < 0 ? -1 : 1
      let magnitude = abs(o)
      offset = sign * ((magnitude / 100) * 3600 + (magnitude % 100) * 60)
    }
    return Parsed(
      year: year, month: month, day: day, hour: hour, minute: minute, second: second, offset: offset
    )
  }

  /// Python `str.isdigit()` for one character.
  static func isDigit(_ c: Unicode.Scalar) -> Bool {
    c.properties.numericType == .decimal || c.properties.numericType == .digit
  }

  static func daysIn(_ month: Int, _ year: Int) -> Int {
    switch month {
    case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }

  /// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
  static func daysFromCivil(_ year: Int, _ month: Int, _ day: Int) -> Int {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let mp = (month + 9) % 12
    let doy = (153 * mp + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146_097 + doe - 719_468
  }
}
