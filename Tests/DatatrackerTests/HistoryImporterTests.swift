import Foundation
import Liaison
import Routing
import Store
import Testing

@testable import Datatracker

/// The datatracker's liaison history read from saved API pages (fixtures/datatracker/history)
/// and recorded read-only: specific statements with their fields, paging, attachments, what
/// is left out, idempotence, and linking to the imported statements.
@Suite struct HistoryImporterTests {
  static let history = DatatrackerImporterTests.fixture("history")

  static func importing(_ directory: String = history) async throws -> HistoryImporter.Result {
    try await HistoryImporter(
      pages: SavedDatatrackerPages(directory: directory),
      documents: datatrackerDocuments(source: directory)
    ).importHistory()
  }

  static func entry(_ result: HistoryImporter.Result, _ alias: String) throws -> HistoryStatement {
    try #require(result.statements.first { $0.alias == alias })
  }

  @Test func publishedStatementsWithTheirFieldsAcrossPages() async throws {
    let result = try await Self.importing()
    // Two pages of liaisonstatement; the pending one is left out.
    #expect(result.statements.map(\.alias) == ["1801", "1802", "1803"])
    #expect(result.leftOut == ["liaison 1804: state pending"])

    let incoming = try Self.entry(result, "1801")
    let s = incoming.statement
    #expect(s.direction == .incoming && s.kind == .statement)
    #expect(s.title == "LS on the progress of OTN YANG models (G.709.x)")
    #expect(s.from == ["ITU-T Study Group 15"] && s.to == ["IETF CCAMP WG"])
    #expect(s.fromContacts == ["q14-rapporteur@example.org"])
    #expect(s.sendReplyTo == "tsbsg15@example.org")
    #expect(s.toContacts == ["ccamp-chairs@ietf.org"])
    #expect(s.purpose == .action && s.deadline == "2025-03-31")
    #expect(s.otherIdentifiers == ["SG15-LS123"])
    #expect(s.route.groups == ["ccamp"] && s.route.recipients.isEmpty)
    #expect(s.sources["title"] == .datatracker && s.sources["deadline"] == .datatracker)
    #expect(incoming.url == "https://datatracker.ietf.org/liaison/1801/")
    #expect(incoming.submittedAt == ISO8601DateFormatter().date(from: "2025-01-15T09:30:00Z"))
    #expect(incoming.answers == nil)

    let response = try Self.entry(result, "1802")
    #expect(response.statement.direction == .outgoing)
    #expect(response.statement.purpose == .response && response.answers == "1801")
    #expect(response.statement.route.groups == ["ccamp"])
    #expect(response.statement.cc == ["ccamp@ietf.org", "itu-t-liaison@iab.org"])
    let file = try #require(response.attachments.first)
    #expect(file.info.filename == "file1802.txt" && file.info.contentType == "text/plain")
    #expect(file.text?.contains("RFC 9093") == true)
    #expect(response.attachments.count == 1)
  }

  @Test func anAttachmentOverTheMailLimitIsADefectNotAFailure() async throws {
    let result = try await HistoryImporter(
      pages: SavedDatatrackerPages(directory: Self.history),
      documents: datatrackerDocuments(source: Self.history),
      options: .init(maxAttachmentBytes: 10)
    ).importHistory()
    let response = try Self.entry(result, "1802")
    #expect(response.attachments.isEmpty)
    #expect(
      response.statement.defects.contains { $0.contains("file1802.txt") && $0.contains("10 bytes") }
    )
  }

  @Test func aStatementWithoutItsSubmissionIsRefusedByName() async throws {
    let directory = try Self.copy()
    let events = directory + "/liaisons/liaisonstatementevent/0.json"
    var page =
      try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: events)))
      as! [String: Any]
    page["objects"] = (page["objects"] as! [[String: Any]]).filter {
      ($0["statement"] as? String) != "/api/v1/liaisons/liaisonstatement/1803/"
    }
    var meta = page["meta"] as! [String: Any]
    meta["total_count"] = 3
    page["meta"] = meta
    try JSONSerialization.data(withJSONObject: page).write(to: URL(fileURLWithPath: events))
    await #expect(
      throws: DatatrackerError.badObject(
        object: "/api/v1/liaisons/liaisonstatement/1803/", field: "submitted",
        reason: "no liaisonstatementevent of type submitted with a time")
    ) {
      _ = try await Self.importing(directory)
    }
  }

  @Test func aCutOffPageIsRefused() async throws {
    let directory = try Self.copy()
    let path = directory + "/liaisons/liaisonstatement/2.json"
    let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
    try bytes.prefix(bytes.count / 2).write(to: URL(fileURLWithPath: path))
    await #expect {
      _ = try await Self.importing(directory)
    } throws: { error in
      guard case .malformedPage(let page, _) = error as? DatatrackerError else { return false }
      return page.contains("liaisons/liaisonstatement/?limit=2&offset=2")
    }
  }

  @Test func recordedOnceReadOnlyAndLinked() async throws {
    let store = try LiaisonStore.temporary()
    let result = try await Self.importing()
    let first = try store.importHistory(result.statements)
    #expect(first.map(\.id) == ["LS-2025-0001", "LS-2025-0002", "LS-2025-0003"])
    #expect(first.allSatisfy { if case .imported = $0 { true } else { false } })
    let before = try store.export()

    let second = try store.importHistory(try await Self.importing().statements)
    #expect(second.allSatisfy { if case .unchanged = $0 { true } else { false } })
    #expect(try store.export() == before, "a second import changes nothing")

    let incoming = try #require(try store.statement(id: "LS-2025-0001", scope: .publicRecord))
    #expect(incoming.state == .answered && incoming.responses == ["LS-2025-0002"])
    #expect(incoming.events.map(\.kind) == [.imported, .answered])
    #expect(incoming.events[0].detail.contains("https://datatracker.ietf.org/liaison/1801/"))
    let outgoing = try #require(try store.statement(id: "LS-2025-0003", scope: .publicRecord))
    #expect(outgoing.state == .sent && outgoing.statement.direction == .outgoing)
    #expect(try store.statementID(source: "datatracker", alias: "1803") == "LS-2025-0003")
    #expect(try store.dueOutbox(now: .distantFuture, limit: 100).isEmpty, "no mail of any kind")
    let response = try #require(try store.statement(id: "LS-2025-0002"))
    let digest = try #require(response.statement.attachments.first?.sha256)
    #expect(try store.attachment(sha256: digest) == result.statements[1].attachments[0].data)

    // Another body's answer to an imported IETF statement: by title, or by its page.
    let answer = ExtractedStatement(
      title: "Reply LS on YANG data models for network slicing", from: ["3GPP TSG SA WG5"],
      to: ["IETF NETMOD WG"], purpose: .response)
    #expect(
      try store.findAnsweredIETFRecord(for: answer, sentKinds: ["relay"]) == "LS-2025-0003")
    let byPage = ExtractedStatement(
      title: "LS on slicing", purpose: .response,
      body: "In response to https://datatracker.ietf.org/liaison/1803/ we ...")
    #expect(
      try store.findAnsweredIETFRecord(for: byPage, sentKinds: ["relay"]) == "LS-2025-0003")
    // An incoming imported statement is not one the IETF sent, though its identifier fits.
    let wrong = ExtractedStatement(purpose: .response, inResponseTo: "SG15-LS123")
    #expect(try store.findAnsweredIETFRecord(for: wrong, sentKinds: ["relay"]) == nil)
  }

  @Test func aStatementRecordedByMailGetsTheAliasInsteadOfASecondRecord() async throws {
    let store = try LiaisonStore.temporary()
    let mailed = ExtractedStatement(
      title: "LS on the progress of OTN YANG models (G.709.x)", from: ["ITU-T SG15"],
      to: ["IETF CCAMP WG"], purpose: .action, deadline: "2025-03-31",
      messageID: "<ls123@itu.int>")
    let id = try store.record(
      raw: Array("Message-ID: <ls123@itu.int>\r\n\r\nLS\r\n".utf8),
      extraction: Extraction(statement: mailed), origin: .file(path: "/tmp/ls123.eml"),
      receivedAt: ISO8601DateFormatter().date(from: "2025-01-16T08:00:00Z")!
    ).id
    let outcomes = try store.importHistory(try await Self.importing().statements)
    #expect(outcomes.first == .matched(alias: "1801", id: id))
    #expect(try store.export().count == 3, "1801 was not recorded a second time")
    #expect(try store.statement(id: id)?.responses.isEmpty == false, "1802 answers it")
  }

  /// The other order: the history was imported first, then the statement's mail comes (a
  /// mailbox replayed, or mail held up). An authenticated sender's mail is taken for the
  /// imported statement's mail: no second record, no second notification, and the mail is
  /// kept as its raw message. A stranger who copies the published title gets a record of
  /// their own, and the imported statement is left as it was.
  @Test func aMailAfterItsImportIsTheImportedStatementsMail() async throws {
    let store = try LiaisonStore.temporary()
    let outcomes = try store.importHistory(try await Self.importing().statements)
    guard case .imported(alias: "1801", let imported) = try #require(outcomes.first) else {
      Issue.record("1801 was not imported: \(outcomes)")
      return
    }
    func mail(_ authenticated: Bool, _ tag: String) -> (raw: [UInt8], extraction: Extraction) {
      var statement = ExtractedStatement(
        title: "LS on the progress of OTN YANG models (G.709.x)", from: ["ITU-T SG15"],
        to: ["IETF CCAMP WG"], purpose: .action, deadline: "2025-03-31",
        messageID: "<ls123-\(tag)@itu.int>")
      statement.authentication = SenderAuthentication(
        result: authenticated ? .pass : .none, method: authenticated ? .dmarc : nil,
        domain: "itu.int")
      return (
        Array("Message-ID: <ls123-\(tag)@itu.int>\r\n\r\nLS \(tag)\r\n".utf8),
        Extraction(statement: statement)
      )
    }
    let day = ISO8601DateFormatter().date(from: "2025-01-20T08:00:00Z")!

    let before = try #require(try store.statement(id: imported)).state
    let forged = mail(false, "forged")
    let stranger = try store.record(
      raw: forged.raw, extraction: forged.extraction, origin: .file(path: "/tmp/forged.eml"),
      receivedAt: day)
    #expect(stranger.id != imported, "a stranger's copy is a record of its own")
    #expect(
      try store.rawMessage(id: imported) == nil, "and does not become the imported one's mail")

    let signed = mail(true, "signed")
    let outcome = try store.record(
      raw: signed.raw, extraction: signed.extraction, origin: .file(path: "/tmp/signed.eml"),
      receivedAt: day)
    #expect(outcome == .duplicate(id: imported))
    #expect(try store.rawMessage(id: imported) == signed.raw)
    let record = try #require(try store.statement(id: imported))
    #expect(record.events.contains { $0.kind == .duplicate && $0.detail.contains("imported") })
    #expect(record.state == before, "its state is the history's")
    // Once it has its mail, the next such mail is a new statement's again.
    let again = mail(true, "again")
    #expect(
      try store.record(
        raw: again.raw, extraction: again.extraction, origin: .file(path: "/tmp/again.eml"),
        receivedAt: day
      ).id != imported)
  }

  /// An attachment's text is read by the readers mail's attachments are read with, so an
  /// imported PDF is searchable as a mailed one is. (A double stands in for poppler here;
  /// `PDFTextTests` test the real one.)
  @Test func attachmentsAreReadByTheReadersOfMail() async throws {
    let directory = try Self.copy()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let documents = directory + "/doc/document/0.json"
    let json = try String(contentsOfFile: documents, encoding: .utf8)
    try json.replacingOccurrences(of: "file1802.txt", with: "file1802.pdf")
      .write(toFile: documents, atomically: true, encoding: .utf8)
    let files = directory + "/documents/LIAISON/"
    try FileManager.default.removeItem(atPath: files + "file1802.txt")
    try Data("%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n".utf8).write(
      to: URL(fileURLWithPath: files + "file1802.pdf"))

    let importer = HistoryImporter(
      pages: SavedDatatrackerPages(directory: directory),
      documents: try datatrackerDocuments(source: directory),
      readers: DocumentReaders(pdf: NamingPDFReader()))
    let entry = try Self.entry(try await importer.importHistory(), "1802")
    #expect(entry.attachments.map(\.info.filename) == ["file1802.pdf"])
    #expect(entry.attachments.first?.text == "zebrafinch, the text of file1802.pdf")

    // The default readers read no PDF, and say so.
    let plain = HistoryImporter(
      pages: SavedDatatrackerPages(directory: directory),
      documents: try datatrackerDocuments(source: directory))
    let unread = try Self.entry(try await plain.importHistory(), "1802")
    #expect(unread.attachments.first?.text == nil)
    #expect(
      unread.statement.defects.contains { $0.contains("file1802.pdf") },
      "\(unread.statement.defects)")

    let store = try LiaisonStore.temporary()
    _ = try store.importHistory([entry])
    let found = try store.list(StatementFilter(text: "zebrafinch"))
    #expect(found.items.count == 1, "the imported attachment's text is searched")
  }

  struct NamingPDFReader: DocumentTextReader {
    func read(_ documents: [SourceDocument], options: LiaisonExtractor.Options) async
      -> [DocumentReading]
    {
      documents.map { .text("zebrafinch, the text of \($0.name)", defects: []) }
    }
  }

  static func copy() throws -> String {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("history-\(UUID().uuidString)").path
    try FileManager.default.copyItem(atPath: history, toPath: directory)
    return directory
  }
}
