import Foundation
import GRDB

/// What `/healthz` reads from the record itself, so that it tells the truth also when a
/// loop that should report has stopped.
extension LiaisonStore {
  /// The earliest moment a mail still queued became due, if any is due at `now`: a retry
  /// moves it forward, sending removes it, so an old one is a mail nobody is moving.
  public func oldestDueOutbox(now: Date) throws(StoreError) -> Date? {
    try read("find the oldest due mail") { db in
      try Double.fetchOne(
        try db.cachedStatement(
          sql: "SELECT MIN(next_attempt) FROM outbox WHERE status = 'queued' AND next_attempt <= ?"),
        arguments: [now.timeIntervalSince1970]
      ).map { Date(timeIntervalSince1970: $0) }
    }
  }
}
