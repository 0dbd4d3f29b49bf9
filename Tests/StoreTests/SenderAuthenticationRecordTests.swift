import Foundation
import Liaison
import Testing

@testable import Store

/// The receiving MTA's verdict on the sender is kept with the record (migration
/// v5-sender-authentication) and comes back with it, in export too.
@Suite struct SenderAuthenticationRecordTests {
  @Test func theVerdictIsKeptAndReadBack() throws {
    let store = try LiaisonStore.temporary()
    var signed = StoreFixtures.simple(messageID: "signed@itu.int", title: "Signed")
    signed.authentication = SenderAuthentication(result: .pass, method: .dkim, domain: "itu.int")
    let signedID = try StoreFixtures.recordSample(store, uid: 1, statement: signed)
    let plain = StoreFixtures.simple(messageID: "plain@example.org", title: "Plain")
    let plainID = try StoreFixtures.recordSample(store, uid: 2, statement: plain)

    #expect(try store.statement(id: signedID)?.statement.authentication == signed.authentication)
    #expect(try store.statement(id: plainID)?.statement.authentication == nil)
    let exported = try JSONEncoder().encode(try store.export())
    let objects = try #require(
      try JSONSerialization.jsonObject(with: exported) as? [[String: Any]])
    let verdict = objects.first { $0["id"] as? String == signedID }?["authentication"]
    #expect((verdict as? [String: Any])?["result"] as? String == "pass")
  }
}
