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
}
