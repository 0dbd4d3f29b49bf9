import Foundation
import Liaison
import Testing

@testable import Store

@Suite struct StatementIDTests {
  @Test func idsCountUpWithinAYearAndRestartInTheNext() throws {
    let store = try LiaisonStore.temporary()
    var ids: [String] = []
    for uid in UInt32(1)...3 {
      ids.append(
        try StoreFixtures.recordSample(
          store, uid: uid, at: StoreFixtures.date("2026-12-31T23:59:59Z")))
    }
    ids.append(
      try StoreFixtures.recordSample(store, uid: 4, at: StoreFixtures.date("2027-01-01T00:00:00Z")))
    ids.append(
      try StoreFixtures.recordSample(store, uid: 5, at: StoreFixtures.date("2027-06-01T00:00:00Z")))
    #expect(
      ids == ["LS-2026-0001", "LS-2026-0002", "LS-2026-0003", "LS-2027-0001", "LS-2027-0002"])
    // A late arrival dated in the old year continues that year's sequence.
    ids.append(
      try StoreFixtures.recordSample(store, uid: 6, at: StoreFixtures.date("2026-12-31T10:00:00Z")))
    #expect(ids.last == "LS-2026-0004")
  }

  @Test func formatAndParse() {
    #expect(StatementID.make(year: 2026, sequence: 42) == "LS-2026-0042")
    #expect(StatementID.make(year: 2026, sequence: 12345) == "LS-2026-12345")
    #expect(StatementID.parse("LS-2026-0042")! == (.statement, 2026, 42))
    #expect(StatementID.parse("LS-2026-12345")! == (.statement, 2026, 12345))
    #expect(StatementID.make(series: .message, year: 2026, sequence: 7) == "MSG-2026-0007")
    #expect(StatementID.parse("MSG-2026-0007")! == (.message, 2026, 7))
    for bad in [
      "LS-2026-42", "LS-26-0042", "ls-2026-0042", "LS-2026-0000", "LS-2026-00a2", "../etc",
      "MS-2026-0001", "msg-2026-0001",
    ] {
      #expect(StatementID.parse(bad) == nil, "\(bad)")
    }
  }
}
