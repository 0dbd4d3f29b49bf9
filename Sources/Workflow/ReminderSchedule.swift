import Foundation
import Liaison

/// When the receivers of a statement are reminded of its deadline: at the configured offsets
/// before it (default 14, 7, 1 and 0 days), then every `overdueEvery` days after it, for at
/// most `overdueLimit` days. Which statements are reminded at all is `ResponseRule`'s.
/// Pure: the caller says what time it is and what was sent.
public struct ReminderSchedule: Hashable, Sendable {
  /// One reminder: `offset` is days relative to the deadline (-14 before, +7 after).
  public struct Occurrence: Hashable, Sendable, Comparable {
    public var offset: Int
    public var at: Date
    /// Whole UTC days from the day the reminder is sent to the deadline day: negative once
    /// it has passed. It differs from `-offset` when the reminder goes later than its day
    /// (a statement received ten days before its deadline gets the T-14 reminder, due in
    /// 10 days). The text says this; the label names the occurrence.
    public var daysLeft: Int

    public init(offset: Int, at: Date, daysLeft: Int? = nil) {
      self.offset = offset
      self.at = at
      self.daysLeft = daysLeft ?? -offset
    }
    /// `T-14`, `T`, `T+7`: stable, so it can name the reminder in dedupe keys and events.
    public var label: String {
      offset == 0 ? "T" : offset < 0 ? "T\(offset)" : "T+\(offset)"
    }
    public static func < (a: Occurrence, b: Occurrence) -> Bool { a.at < b.at }
  }

  public var offsetsBefore: [Int]
  public var overdueEvery: Int
  public var overdueLimit: Int

  public init(offsetsBefore: [Int] = [14, 7, 1, 0], overdueEvery: Int = 7, overdueLimit: Int = 56) {
    self.offsetsBefore = offsetsBefore
    self.overdueEvery = overdueEvery
    self.overdueLimit = overdueLimit
  }

  /// Every reminder for a deadline, in time order. Reminders fall at 00:00 UTC of their day.
  public func occurrences(deadline: Date) -> [Occurrence] {
    var offsets = Set(offsetsBefore.filter { $0 >= 0 }.map { -$0 })
    if overdueEvery > 0 {
      var day = overdueEvery
      while day <= overdueLimit {
        offsets.insert(day)
        day += overdueEvery
      }
    }
    return offsets.sorted().map {
      Occurrence(offset: $0, at: deadline.addingTimeInterval(Double($0) * 86_400))
    }
  }

  /// The reminder due at `now`: the latest occurrence at or before `now` that was not sent.
  ///
  /// When liaisond was down across several occurrences it sends only the latest of them:
  /// three reminders at once for the same deadline help nobody. Earlier ones are passed
  /// over, never sent late; and since `sent` comes from the durable record, a restart never
  /// repeats one.
  public func due(deadline: Date, now: Date, sent: Set<String>) -> Occurrence? {
    guard let latest = occurrences(deadline: deadline).last(where: { $0.at <= now }) else {
      return nil
    }
    guard !sent.contains(latest.label) else { return nil }
    var due = latest
    if let days = CalendarDay.days(
      from: CalendarDay.string(from: now), to: CalendarDay.string(from: deadline))
    {
      due.daysLeft = days
    }
    return due
  }

  /// The reminder due at `now` for `record`: none unless `ResponseRule` calls it remindable;
  /// what was sent is read from its `reminded` events (`T-7 to ...`).
  public func due(for record: StatementRecord, now: Date) -> Occurrence? {
    guard ResponseRule.isRemindable(record),
      let deadline = ResponseRule.deadline(of: record).flatMap(CalendarDay.date(from:))
    else { return nil }
    let sent = Set(
      record.events.filter { $0.kind == .reminded }.compactMap {
        $0.detail.split(separator: " ").first.map(String.init)
      })
    return due(deadline: deadline, now: now, sent: sent)
  }
}
