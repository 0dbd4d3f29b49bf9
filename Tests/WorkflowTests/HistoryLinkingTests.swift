import Datatracker
import Foundation
import Liaison
import MailTransport
import Store
import Testing

@testable import Workflow

/// The datatracker's history imported by URL from a local HTTP server serving the saved
/// pages and attachment files, then met by the process: a new incoming "In Response"
/// statement is linked to the imported IETF statement it answers, and the imported
/// statements, whose deadlines passed long ago, bring no mail.
@Suite(.serialized) struct HistoryLinkingTests {
  @Test func anIncomingResponseLinksToAnImportedStatement() async throws {
    let server = try FixturePageServer(
      directory: DatatrackerRegistryEndToEndTests.root.appendingPathComponent(
        "fixtures/datatracker/history"
      ).path)
    defer { server.stop() }
    let base = "http://127.0.0.1:\(server.port)"
    let client = HTTPClient(timeout: .seconds(30))
    let result = try await HistoryImporter(
      pages: try LiveDatatrackerPages(base: base, client: client),
      documents: LiveDatatrackerDocuments(base: base + "/documents/LIAISON/", client: client)
    ).importHistory()
    #expect(result.statements.count == 3)
    #expect(result.statements.first { $0.alias == "1802" }?.attachments.count == 1)
    #expect(result.statements.first { $0.alias == "1803" }?.url == "\(base)/liaison/1803/")

    let store = try LiaisonStore.temporary()
    let imported = try store.importHistory(result.statements)
    let slicing = try #require(
      imported.first { if case .imported("1803", _) = $0 { true } else { false } })

    let process = LiaisonProcessTests.makeProcess(
      store: store, gateway: LiaisonProcessTests.gateway)
    // Nothing about the history: its deadlines (2025) passed before liaisond; NETMOD's
    // statement to 3GPP is sent and unanswered until the answer below.
    let historyIDs = Set(imported.map(\.id))
    let reminders = try process.sendReminders(now: LiaisonProcessTests.received)
    #expect(!reminders.contains { $0.statementID.map(historyIDs.contains) == true })
    #expect(try store.dueOutbox(now: .distantFuture, limit: 100).isEmpty)

    var answer = LiaisonProcessTests.statement(
      title: "Reply LS on YANG data models for network slicing", to: ["IETF NETMOD WG"],
      purpose: .response, deadline: nil, sendReplyTo: "3gpp-sa5@example.org")
    answer.from = ["3GPP TSG SA WG5"]
    answer.inResponseTo = "LS on YANG data models for network slicing"
    let id = try LiaisonProcessTests.record(answer, in: store)
    try process.handleRecorded(id: id, now: LiaisonProcessTests.received)

    let record = try #require(try store.statement(id: id))
    #expect(record.answers == slicing.id)
    #expect(record.events.contains { $0.kind == .linked && $0.detail == "answers \(slicing.id)" })
    #expect(try store.statement(id: slicing.id)?.state == .answered)

  }

  /// An imported statement's own mail, coming after the import from an authenticated
  /// sender, is taken for that statement's mail: the process routes, notifies and
  /// acknowledges nothing for it (the history is record, not process).
  @Test func theMailOfAnImportedStatementBringsNoMail() throws {
    let store = try LiaisonStore.temporary()
    var statement = LiaisonProcessTests.statement(purpose: .information, deadline: nil)
    statement.direction = .incoming
    let imported = try store.importHistory([
      HistoryStatement(
        source: LiaisonStore.datatrackerSource, alias: "1901",
        url: "https://datatracker.ietf.org/liaison/1901/", statement: statement,
        submittedAt: LiaisonProcessTests.received.addingTimeInterval(-2 * 86_400))
    ])
    let id = try #require(imported.first?.id)

    let process = LiaisonProcessTests.makeProcess(
      store: store, gateway: LiaisonProcessTests.gateway)
    let mailed = try LiaisonProcessTests.record(statement, in: store)
    #expect(mailed == id, "the mail is the imported statement's")
    #expect(try process.handleRecorded(id: mailed, now: LiaisonProcessTests.received).isEmpty)
    #expect(try store.dueOutbox(now: .distantFuture, limit: 100).isEmpty)
    let record = try #require(try store.statement(id: id))
    #expect(!record.events.contains { [.routed, .notified, .acknowledged].contains($0.kind) })
  }
}
