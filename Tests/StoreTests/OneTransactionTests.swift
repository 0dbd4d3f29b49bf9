import Foundation
import GRDB
import Liaison
import Logging
import Synchronization
import Testing

@testable import Store

/// `LiaisonStore.inOneTransaction`: what intake does for one message is committed whole or
/// not at all, while each write inside still fails alone, as it did on its own.
@Suite struct OneTransactionTests {
  struct Refused: Error, Equatable {}

  @Test func everythingInsideIsCommittedTogetherAndSeenInside() throws {
    let store = try LiaisonStore.temporary()
    let reader = try LiaisonStore(directory: store.directory)
    let changesBefore = try store.changeCount()
    let result = try store.inOneTransaction("test") { () throws -> String in
      let id = try StoreFixtures.recordSample(store, uid: 1)
      try store.appendEvent(
        id: id, kind: .duplicate, detail: "inside", at: StoreFixtures.date("2026-11-24T00:00:00Z"))
      // A read inside sees the writes before it, uncommitted as they are.
      #expect(try store.statement(id: id)?.events.contains { $0.detail == "inside" } == true)
      // Another connection does not see them yet.
      let outside = try reader.pool.read { db in
        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM statement")
      }
      #expect(outside == 0)
      return id
    }
    let id = try result.get()
    #expect(try store.statement(id: id)?.events.contains { $0.detail == "inside" } == true)
    #expect(try store.changeCount() == changesBefore + 1, "one commit, counted once")
  }

  /// The lines a store logs, kept for the test to read.
  final class LogLines: Sendable {
    let messages = Mutex<[String]>([])

    struct Handler: LogHandler {
      let lines: LogLines
      var metadata: Logger.Metadata = [:]
      var logLevel: Logger.Level = .trace
      subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
      }
      func log(event: LogEvent) {
        lines.messages.withLock { $0.append("\(event.message)") }
      }
    }
  }

  @Test func aRecordInsideIsNotAnnouncedUntilItCommits() throws {
    let lines = LogLines()
    let directory = (NSTemporaryDirectory() as NSString)
      .appendingPathComponent("liaisond-store-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let store = try LiaisonStore(
      directory: directory, logger: Logger(label: "test") { _ in LogLines.Handler(lines: lines) })
    let result = try store.inOneTransaction("test") { () throws(Refused) -> Void in
      _ = try? StoreFixtures.recordSample(store, uid: 1)
      throw Refused()
    }
    #expect(result.map { _ in 0 } == .failure(Refused()))
    #expect(
      !lines.messages.withLock { $0 }.contains("message recorded"),
      "a record the rollback took back was never recorded")
    // Alone, the store's own commit is what makes it recorded: it says so.
    _ = try StoreFixtures.recordSample(store, uid: 2)
    #expect(lines.messages.withLock { $0 }.filter { $0 == "message recorded" }.count == 1)
  }

  @Test func workThatThrowsLeavesNothing() throws {
    let store = try LiaisonStore.temporary()
    let result = try store.inOneTransaction("test") { () throws(Refused) -> Void in
      _ = try? StoreFixtures.recordSample(store, uid: 1)
      throw Refused()
    }
    #expect(result.map { _ in 0 } == .failure(Refused()))
    #expect(try store.export().isEmpty, "the record made inside was rolled back with the work")
    #expect(try store.seen(StoreFixtures.imap(1)) == nil)
  }

  @Test func aWriteThatFailsInsideFailsAloneAndTheRestCommits() throws {
    let store = try LiaisonStore.temporary()
    let result = try store.inOneTransaction("test") { () throws -> String in
      let id = try StoreFixtures.recordSample(store, uid: 1)
      // An event on a statement that does not exist: refused, and only it.
      #expect(throws: StoreError.self) {
        try store.appendEvent(
          id: "LS-1999-0001", kind: .duplicate, detail: "nowhere",
          at: StoreFixtures.date("2026-11-24T00:00:00Z"))
      }
      try store.appendEvent(
        id: id, kind: .duplicate, detail: "after the failure",
        at: StoreFixtures.date("2026-11-24T00:00:00Z"))
      return id
    }
    let id = try result.get()
    let events = try #require(try store.statement(id: id)).events.map(\.detail)
    #expect(events.contains("after the failure"))
    #expect(!events.contains("nowhere"))
  }

  @Test func aTransactionOfAnotherStoreIsNotJoined() throws {
    let store = try LiaisonStore.temporary()
    let other = try LiaisonStore.temporary()
    let result = try store.inOneTransaction("test") { () throws(Refused) -> String in
      // Its own transaction on its own file: committed at once, whatever this one does.
      guard let id = try? StoreFixtures.recordSample(other, uid: 1) else { throw Refused() }
      return id
    }
    let id = try result.get()
    #expect(try other.statement(id: id) != nil)
    #expect(try store.statement(id: id) == nil)
  }

  @Test func nestedTransactionsJoinTheOuterOne() throws {
    let store = try LiaisonStore.temporary()
    let result = try store.inOneTransaction("outer") { () throws(Refused) -> Void in
      let inner = try? store.inOneTransaction("inner") { () throws(Refused) -> String in
        guard let id = try? StoreFixtures.recordSample(store, uid: 1) else { throw Refused() }
        return id
      }
      #expect(inner.flatMap { try? $0.get() } != nil)
      throw Refused()
    }
    #expect(result.map { _ in 0 } == .failure(Refused()))
    #expect(try store.export().isEmpty, "the inner work went with the outer")
  }
}
