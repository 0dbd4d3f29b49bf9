import Foundation
import Liaison
import Store

/// The SQLite record serves the web directly; its reads witness the repository's other
/// requirements as they are.
extension LiaisonStore: StatementRepository {
  public func statements(matching query: StatementQuery) async throws -> StatementListPage {
    let filter = StatementFilter(
      from: query.from, to: query.to, purpose: query.purpose, state: query.state, kind: query.kind,
      deadlineBefore: query.deadlineBefore, deadlineAfter: query.deadlineOnOrAfter,
      receivedAfter: query.receivedOnOrAfter.flatMap(CalendarDay.date(from:)),
      receivedBefore: query.receivedBefore.flatMap(CalendarDay.date(from:)), text: query.text,
      limit: max(1, min(query.limit, StatementFilter.maximumLimit)), offset: max(0, query.offset))
    let page = try list(filter)
    return StatementListPage(items: page.items, total: page.total)
  }
}
