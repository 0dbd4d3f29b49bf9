import ArgumentParser
import Foundation
import Liaison
import Store

/// `liaisond list`: statements matching the filters, newest first.
struct ListCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "list",
    abstract: "List recorded statements, newest first.",
    discussion: """
      Filters combine. --text searches title, body and attachment text; its words are \
      searched as words (quotes and operators are not query syntax). On a terminal the \
      output is a table; into a pipe it is one tab-separated line per statement (id, \
      received, state, purpose, deadline, from, title); --json prints the records as \
      `export --json` does.
      """
  )

  @OptionGroup var storeOptions: StoreOptions

  @Option(help: "A sending body or sender address contains this text.")
  var from: String?
  @Option(help: "Routed to this group acronym, or addressed to a body containing this text.")
  var to: String?
  @Option(help: "information, action, response or comment.")
  var purpose: String?
  @Option(
    help: """
      open, unrouted, misdirected, answered, awaiting_approval, closed, quarantined, \
      held_back; outgoing: pending, approved, sent, rejected, lapsed.
      """)
  var state: String?
  @Option(help: "statement, reply_to_statement, auto_reply, bounce or not_liaison.")
  var kind: String?
  @Option(help: "Deadline before this day (YYYY-MM-DD).")
  var deadlineBefore: String?
  @Option(help: "Deadline on or after this day (YYYY-MM-DD).")
  var deadlineAfter: String?
  @Option(help: "Received on or after this day or ISO 8601 time (UTC).")
  var receivedAfter: String?
  @Option(help: "Received before this day or ISO 8601 time (UTC).")
  var receivedBefore: String?
  @Option(help: "Words to find in title, body and attachment text.")
  var text: String?
  @Option(help: "At most this many statements (1-\(StatementFilter.maximumLimit)).")
  var limit: Int = 50
  @Option(help: "Skip this many statements first.")
  var offset: Int = 0
  @Flag(help: "Print a JSON array of statement records.")
  var json = false

  func run() async throws {
    try await reportingFailures("list") {
      var filter = StatementFilter(
        from: from, to: to, deadlineBefore: deadlineBefore, deadlineAfter: deadlineAfter,
        text: text, limit: limit, offset: offset)
      filter.purpose = try purpose.map {
        Purpose(rawValue: try Self.oneOf($0, option: "--purpose", Purpose.known.map(\.rawValue)))
      }
      filter.state = try state.map {
        StatementState(
          rawValue: try Self.oneOf($0, option: "--state", StatementState.known.map(\.rawValue)))
      }
      filter.kind = try kind.map {
        MessageKind(
          rawValue: try Self.oneOf($0, option: "--kind", MessageKind.allCases.map(\.rawValue)))!
      }
      filter.receivedAfter = try receivedAfter.map {
        try Self.instant($0, option: "--received-after")
      }
      filter.receivedBefore = try receivedBefore.map {
        try Self.instant($0, option: "--received-before")
      }

      let store = try await storeOptions.openExisting(command: "list")
      let page = try store.list(filter)
      if json {
        try writeJSON(page.items)
      } else if isatty(STDOUT_FILENO) == 1 {
        let width = ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init) ?? 120
        if !page.items.isEmpty { print(StatementText.table(page.items, width: width)) }
        let shown = page.items.isEmpty ? 0 : offset + 1
        print("\(shown)-\(offset + page.items.count) of \(page.total) statements")
      } else if !page.items.isEmpty {
        print(StatementText.tabSeparated(page.items))
      }
    }
  }

  /// `value` when it is one of `allowed`; otherwise a usage error (64) listing them, as the
  /// API's 400 does: a filter that matches nothing must not look like an empty record.
  static func oneOf(_ value: String, option: String, _ allowed: [String]) throws -> String {
    guard allowed.contains(value) else {
      throw CommandFailure(
        command: "list",
        message:
          "\(option) \(StatementText.clean(value).debugDescription): expected one of "
          + allowed.joined(separator: ", "),
        code: SysExit.usage)
    }
    return value
  }

  /// A day (`2026-11-23`, midnight UTC) or a full ISO 8601 time.
  static func instant(_ text: String, option: String) throws -> Date {
    let candidates = text.count == 10 ? [text + "T00:00:00Z"] : [text]
    for candidate in candidates {
      if let date = try? Date(candidate, strategy: .iso8601) { return date }
    }
    throw CommandFailure(
      command: "list",
      message: "\(option) \(text.debugDescription): expected YYYY-MM-DD or an ISO 8601 time",
      code: SysExit.dataError)
  }
}
