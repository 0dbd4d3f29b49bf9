import Foundation
import Liaison
import Testing

@testable import Workflow

@Suite struct ReminderScheduleTests {
  let deadline = CalendarDay.date(from: "2027-03-01")!
  let schedule = ReminderSchedule()

  func day(_ offset: Int, hours: Double = 0) -> Date {
    deadline.addingTimeInterval(Double(offset) * 86_400 + hours * 3600)
  }

  @Test func defaultOccurrences() {
    let labels = schedule.occurrences(deadline: deadline).map(\.label)
    #expect(
      labels == [
        "T-14", "T-7", "T-1", "T", "T+7", "T+14", "T+21", "T+28", "T+35", "T+42", "T+49", "T+56",
      ])
  }

  @Test(arguments: [
    (-15, nil), (-14, "T-14"), (-10, "T-14"), (-7, "T-7"), (-1, "T-1"), (0, "T"), (3, "T"),
    (7, "T+7"), (56, "T+56"), (200, "T+56"),
  ])
  func dueAt(offset: Int, expected: String?) {
    #expect(
      schedule.due(deadline: deadline, now: day(offset, hours: 1), sent: [])?.label == expected)
  }

  @Test func sentRemindersAreNotRepeated() {
    #expect(schedule.due(deadline: deadline, now: day(-7, hours: 5), sent: ["T-14", "T-7"]) == nil)
    #expect(schedule.due(deadline: deadline, now: day(-1), sent: ["T-14", "T-7"])?.label == "T-1")
  }

  @Test func aLongOutageSendsOnlyTheLatestReminder() {
    #expect(schedule.due(deadline: deadline, now: day(8), sent: ["T-14"])?.label == "T+7")
  }

  @Test func overdueRemindersAreBounded() {
    let short = ReminderSchedule(offsetsBefore: [3], overdueEvery: 7, overdueLimit: 14)
    #expect(short.occurrences(deadline: deadline).map(\.offset) == [-3, 7, 14])
    let none = ReminderSchedule(offsetsBefore: [], overdueEvery: 0, overdueLimit: 56)
    #expect(none.occurrences(deadline: deadline).isEmpty)
  }

  func record(
    deadline: String? = "2027-03-01", state: StatementState = .open, events: [StatementEvent] = []
  ) -> StatementRecord {
    StatementRecord(
      id: "LS-2026-0042",
      statement: ExtractedStatement(title: "LS", purpose: .action, deadline: deadline),
      receivedAt: "2027-01-10T08:00:00Z", state: state, events: events)
  }

  @Test func aRecordIsRemindedOnlyWhenResponseRuleSaysSo() {
    #expect(schedule.due(for: record(), now: day(-7, hours: 1))?.label == "T-7")
    #expect(schedule.due(for: record(state: .answered), now: day(-7, hours: 1)) == nil)
    #expect(schedule.due(for: record(state: .closed), now: day(-7, hours: 1)) == nil)
    // Not a real day: nobody can be reminded of it.
    #expect(schedule.due(for: record(deadline: "2027-02-30"), now: day(-7, hours: 1)) == nil)
    #expect(schedule.due(for: record(deadline: nil), now: day(-7, hours: 1)) == nil)
  }

  @Test func whatWasSentIsReadFromTheHistory() {
    let events = [
      StatementEvent(at: "2027-02-15T00:00:00Z", kind: .reminded, detail: "T-14 to a@example.org"),
      StatementEvent(at: "2027-02-22T00:00:00Z", kind: .reminded, detail: "T-7 to a@example.org"),
      // Another kind with the same words is not a reminder.
      StatementEvent(at: "2027-02-28T00:00:00Z", kind: .notified, detail: "T-1 to a@example.org"),
    ]
    #expect(schedule.due(for: record(events: events), now: day(-7, hours: 5)) == nil)
    #expect(schedule.due(for: record(events: events), now: day(-1, hours: 1))?.label == "T-1")
  }
}
