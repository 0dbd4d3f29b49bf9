import Foundation
import Liaison
import Testing

@testable import Store

/// Intake reads on the writer connection (`LiaisonStore.readingOnTheWriter`): what it reads
/// there is what a pooled reader reads, a write by another connection meanwhile included,
/// and a lookup of nothing is nothing, not an error.
@Suite struct WriterReadTests {
  struct Seen: Sendable {
    var onTheWriter: Bool
    var first: StatementRecord?
    var second: StatementRecord?
    var unknownFound: Bool
    var unknownThrew: Bool
  }

  @Test func readsOnTheWriterSeeWhatPooledReadsSee() async throws {
    let store = try LiaisonStore.temporary()
    let other = try LiaisonStore(directory: store.directory)
    let first = try StoreFixtures.recordSample(store, uid: 1)
    #expect(LiaisonStore.readsOnTheWriter == false)
    let seen = await LiaisonStore.readingOnTheWriter { () -> Seen in
      // Read once on the writer, so that its cache holds the pages another connection changes.
      let before = try? store.statement(id: first)
      let second = try? StoreFixtures.recordSample(other, uid: 2)
      var unknownFound = false
      var unknownThrew = false
      do {
        unknownFound = try store.statement(id: "LS-1999-0001") != nil
      } catch {
        unknownThrew = true
      }
      return Seen(
        onTheWriter: LiaisonStore.readsOnTheWriter, first: before,
        second: second.flatMap { try? store.statement(id: $0) }, unknownFound: unknownFound,
        unknownThrew: unknownThrew)
    }
    #expect(seen.onTheWriter)
    #expect(seen.first != nil)
    #expect(seen.first == (try store.statement(id: first)))
    let second = try #require(seen.second)
    #expect(second == (try other.statement(id: second.id)))
    #expect(second.statement.title == "LS number 2")
    #expect(seen.unknownFound == false)
    #expect(seen.unknownThrew == false)
  }
}
