import Foundation
import Liaison
import Testing

@testable import Store

/// The change counter the web caches pages by: every committed write raises it, a failed
/// one does not, and another process's store sees the same number.
@Suite struct ChangeCounterTests {
  @Test func everyCommittedWriteRaisesItAndAFailedOneDoesNot() throws {
    let store = try LiaisonStore.temporary()
    let start = try store.changeCount()
    let id = try StoreFixtures.recordSample(store, uid: 1)
    let recorded = try store.changeCount()
    #expect(recorded > start)

    try store.setState(
      id: id, state: .closed, detail: "by hand", at: StoreFixtures.date("2026-11-24T09:00:00Z"))
    let changed = try store.changeCount()
    #expect(changed > recorded)

    #expect(throws: StoreError.self) {
      try store.setState(
        id: "LS-1999-0001", state: .closed, detail: "unknown",
        at: StoreFixtures.date("2026-11-24T09:00:00Z"))
    }
    #expect(try store.changeCount() == changed)
  }

  @Test func aSecondStoreOnTheSameDirectorySeesTheWritesOfTheFirst() throws {
    let writer = try LiaisonStore.temporary()
    let reader = try LiaisonStore(directory: writer.directory)
    let before = try reader.changeCount()
    _ = try StoreFixtures.recordSample(writer, uid: 7)
    #expect(try reader.changeCount() > before)
    #expect(try reader.changeCount() == writer.changeCount())
  }
}
