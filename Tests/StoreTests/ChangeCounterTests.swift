import Foundation
import Liaison
import Synchronization
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

  @Test func onCommittedChangeIsToldOfEachCommittedWriteOfThisStoreOnly() throws {
    let store = try LiaisonStore.temporary()
    let other = try LiaisonStore(directory: store.directory)
    let told = Mutex(0)
    store.onCommittedChange { told.withLock { $0 += 1 } }
    let id = try StoreFixtures.recordSample(store, uid: 1)
    let afterRecording = told.withLock { $0 }
    #expect(afterRecording >= 1)
    try store.setState(
      id: id, state: .closed, detail: "by hand", at: StoreFixtures.date("2026-11-24T09:00:00Z"))
    #expect(told.withLock { $0 } == afterRecording + 1)

    #expect(throws: StoreError.self) {
      try store.setState(
        id: "LS-1999-0001", state: .closed, detail: "unknown",
        at: StoreFixtures.date("2026-11-24T09:00:00Z"))
    }
    #expect(told.withLock { $0 } == afterRecording + 1, "a failed write is no change")
    try other.setState(
      id: id, state: .closed, detail: "another process",
      at: StoreFixtures.date("2026-11-24T10:00:00Z"))
    #expect(told.withLock { $0 } == afterRecording + 1, "another store's write is its own")
  }
}
