import Foundation
import Liaison
import Store

/// The SQLite record serves the web through its public scope: the one rule of what is
/// public (`MessageKind.isPublic(kind:direction:state:)`) is applied by the store's queries.
extension LiaisonStore: StatementRepository {
  public func publicStatements(matching query: StatementQuery) async throws -> StatementListPage {
    let filter = StatementFilter(
      from: query.from, to: query.to, purpose: query.purpose, state: query.state, kind: query.kind,
      deadlineBefore: query.deadlineBefore, deadlineAfter: query.deadlineOnOrAfter,
      receivedAfter: query.receivedOnOrAfter.flatMap(CalendarDay.date(from:)),
      receivedBefore: query.receivedBefore.flatMap(CalendarDay.date(from:)), text: query.text,
      limit: max(1, min(query.limit, StatementFilter.maximumLimit)), offset: max(0, query.offset),
      scope: .publicRecord, direction: query.direction)
    let page = try list(filter)
    return StatementListPage(items: page.items, total: page.total)
  }

  public func publicStatement(id: String) async throws -> StatementRecord? {
    try statement(id: id, scope: .publicRecord)
  }

  public func sentMail(id: String) async throws -> [UInt8]? {
    try sentMail(ofOutgoing: id)
  }

  public func publicExport() async throws -> [StatementRecord] {
    try export(scope: .publicRecord)
  }

  public func onWrite(_ action: @escaping @Sendable () -> Void) {
    onCommittedChange(action)
  }

  public func privateMail(limit: Int) async throws -> PrivateMailPage {
    try privateMail(limit: max(1, min(limit, StatementFilter.maximumLimit)), offset: 0)
  }
}
