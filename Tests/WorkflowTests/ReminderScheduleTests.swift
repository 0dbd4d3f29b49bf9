import Foundation
import Testing

@testable import Workflow

@Suite struct ReminderScheduleTests {
  let deadline = ReminderSchedule.date(fromISODay: "2027-03-01")!
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

  @Test func isoDays() {
    #expect(ReminderSchedule.date(fromISODay: "2027-02-30") == nil)
    #expect(ReminderSchedule.date(fromISODay: "27-02-01") == nil)
    #expect(ReminderSchedule.date(fromISODay: "2027-13-01") == nil)
    #expect(ReminderSchedule.date(fromISODay: "2027-03-01")?.timeIntervalSince1970 == 1_803_859_200)
  }
}
