import Foundation
import Store

extension StatementRepository {
  /// A repository without a process (the in-memory one of the web tests) withheld nothing.
  public func withheldAcknowledgements(since: Date, limit: Int) async throws
    -> WithheldAcknowledgementPage
  { .empty }
}

extension LiaisonStore {
  public func withheldAcknowledgements(since: Date, limit: Int) async throws
    -> WithheldAcknowledgementPage
  {
    try listWithheldAcknowledgements(
      since: since, limit: max(1, min(limit, StatementFilter.maximumLimit)))
  }
}
