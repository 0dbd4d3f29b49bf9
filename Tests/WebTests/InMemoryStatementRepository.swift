import Liaison
import Web

/// A `StatementRepository` over an array, with the filter semantics the pages rely on;
/// the SQLite store is checked against the same tests through its adapter.
struct InMemoryStatementRepository: StatementRepository {
  var records: [StatementRecord]
  var rawMessages: [String: [UInt8]] = [:]
  var attachments: [String: [UInt8]] = [:]

  func statements(matching query: StatementQuery) async throws -> StatementListPage {
    let matching = records.filter { matches($0, query) }.sorted {
      ($0.receivedAt, $0.id) > ($1.receivedAt, $1.id)
    }
    let page = matching.dropFirst(query.offset).prefix(query.limit)
    return StatementListPage(items: Array(page), total: matching.count)
  }

  func statement(id: String) async throws -> StatementRecord? {
    records.first { $0.id == id }
  }

  func rawMessage(id: String) async throws -> [UInt8]? { rawMessages[id] }

  func attachment(sha256: String) async throws -> [UInt8]? { attachments[sha256] }

  func export() async throws -> [StatementRecord] { records }

  private func matches(_ record: StatementRecord, _ query: StatementQuery) -> Bool {
    let s = record.statement
    func contains(_ haystack: String?, _ needle: String) -> Bool {
      haystack?.lowercased().contains(needle.lowercased()) ?? false
    }
    if let from = query.from, !s.from.contains(where: { contains($0, from) }) { return false }
    if let to = query.to,
      !s.to.contains(where: { contains($0, to) })
        && !s.route.groups.contains(where: { $0.lowercased() == to.lowercased() })
    {
      return false
    }
    if let purpose = query.purpose, s.purpose != purpose { return false }
    if let state = query.state, record.state != state { return false }
    if let kind = query.kind, s.kind != kind { return false }
    if let before = query.deadlineBefore, !(s.deadline.map { $0 < before } ?? false) {
      return false
    }
    if let after = query.deadlineOnOrAfter, !(s.deadline.map { $0 >= after } ?? false) {
      return false
    }
    if let after = query.receivedOnOrAfter, record.receivedAt < after { return false }
    if let before = query.receivedBefore, record.receivedAt >= before { return false }
    if let text = query.text,
      !(contains(s.title, text) || contains(s.body, text)
        || s.attachments.contains { contains($0.filename, text) })
    {
      return false
    }
    return true
  }
}
