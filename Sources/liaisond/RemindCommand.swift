import ArgumentParser
import Foundation
import Liaison
import Workflow

/// `liaisond remind [--now ISO8601] [--dry-run]`: queue (or list) the deadline reminders due.
struct RemindCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "remind",
    abstract: "Send (or list) the deadline reminders due at a given time.",
    discussion: """
      Statements that need a response (For Action or For Comment, unanswered, not closed) \
      are reminded at the configured days before the deadline, on the deadline day, then \
      every reminders.overdue_every for eight weeks. Each reminder is sent once; when \
      several fell due (liaisond was down), only the latest goes out. Reminders are queued \
      in the outbox and delivered by the daemon (or the next `liaisond run --once`).
      """
  )

  @OptionGroup var storeOptions: StoreOptions

  @Option(
    name: .long, help: "The time to act as (ISO 8601, e.g. 2027-02-15T09:00:00Z or 2027-02-15).")
  var now: String?

  @Flag(name: .long, help: "Only list what is due; queue nothing.")
  var dryRun = false

  func run() async throws {
    try await reportingFailures("remind") {
      let instant = try parsedNow()
      let process = try await ProcessSetup.make(storeOptions, command: "remind")
      let reminders = try ProcessSetup.run("remind") { () throws(WorkflowError) -> [PlannedMail] in
        try process.sendReminders(now: instant, dryRun: dryRun)
      }
      let verb = dryRun ? "due" : "queued"
      for mail in reminders {
        let label = mail.dedupeKey.split(separator: ":").last.map(String.init) ?? "?"
        print("\(verb) \(mail.statementID ?? "-") \(label) to \(mail.to.joined(separator: ", "))")
      }
      print(
        "\(reminders.count) reminder\(reminders.count == 1 ? "" : "s") \(verb) at \(Self.format(instant))"
      )
    }
  }

  private func parsedNow() throws -> Date {
    guard let now else { return Date() }
    if let date = Self.parse(now) { return date }
    throw CommandFailure(
      command: "remind",
      message: "--now \(now): not an ISO 8601 time (2027-02-15T09:00:00Z or 2027-02-15)",
      code: SysExit.usage)
  }

  static func parse(_ text: String) -> Date? {
    let full = ISO8601DateFormatter()
    if let date = full.date(from: text) { return date }
    let fractional = ISO8601DateFormatter()
    fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    if let date = fractional.date(from: text) { return date }
    return CalendarDay.date(from: text)
  }

  static func format(_ date: Date) -> String {
    ISO8601DateFormatter().string(from: date)
  }
}
