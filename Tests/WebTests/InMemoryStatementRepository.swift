import Liaison
import Store
import Web

/// A `StatementRepository` over an array, with the filter semantics the pages rely on;
/// the SQLite store is checked against the same tests through its adapter. `records` may
/// hold private ones: the public answers apply `MessageKind.isPublic`, as the store does.
struct InMemoryStatementRepository: StatementRepository {
  var records: [StatementRecord]
  var rawMessages: [String: [UInt8]] = [:]
  var attachments: [String: [UInt8]] = [:]

  private var publicRecords: [StatementRecord] {
    let isPublic = { (record: StatementRecord) in
      MessageKind.isPublic(
        kind: record.statement.kind, direction: record.statement.direction, state: record.state)
    }
    let publicIDs = Set(records.filter(isPublic).map(\.id))
    return records.filter(isPublic).map { record in
      var record = record
      record.responses = record.responses.filter(publicIDs.contains)
      record.answers = record.answers.flatMap { publicIDs.contains($0) ? $0 : nil }
      return record
    }
  }

  func publicStatements(matching query: StatementQuery) async throws -> StatementListPage {
    let matching = publicRecords.filter { matches($0, query) }.sorted {
      ($0.receivedAt, $0.id) > ($1.receivedAt, $1.id)
    }
    let page = matching.dropFirst(query.offset).prefix(query.limit)
    return StatementListPage(items: Array(page), total: matching.count)
  }

  func publicStatement(id: String) async throws -> StatementRecord? {
    publicRecords.first { $0.id == id }
  }

  func rawMessage(id: String) async throws -> [UInt8]? { rawMessages[id] }

  func attachment(sha256: String) async throws -> [UInt8]? { attachments[sha256] }

  func publicExport() async throws -> [StatementRecord] { publicRecords }

  /// A value never changes while it is served: one version for its lifetime.
  func changeCount() async throws -> Int64 { 0 }

  func onWrite(_ action: @escaping @Sendable () -> Void) {}

  func privateMail(limit: Int) async throws -> PrivateMailPage {
    let held = records.filter {
      !MessageKind.isPublic(
        kind: $0.statement.kind, direction: $0.statement.direction, state: $0.state)
    }.sorted {
      ($0.receivedAt, $0.id) > ($1.receivedAt, $1.id)
    }
    return PrivateMailPage(
      items: held.prefix(limit).map { record in
        PrivateMail(
          id: record.id, kind: record.statement.kind.rawValue, state: record.state,
          receivedAt: record.receivedAt, sender: record.statement.fromContacts.first ?? "",
          subject: record.statement.title ?? "")
      }, total: held.count)
  }

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
    if let direction = query.direction, s.direction != direction { return false }
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
