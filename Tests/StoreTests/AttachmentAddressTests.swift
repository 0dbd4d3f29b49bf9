import Foundation
import Liaison
import Testing

@testable import Store

@Suite struct AttachmentAddressTests {
  @Test(arguments: [
    "../../../../etc/passwd", "", "ab", String(repeating: "A", count: 64),
    String(repeating: "g", count: 64), String(repeating: "a", count: 63),
    String(repeating: "a", count: 65), "../" + String(repeating: "a", count: 61),
    String(repeating: "a", count: 62) + "/.", "tmp/" + String(repeating: "a", count: 60),
    String(repeating: "a", count: 63) + "\u{0}",
  ])
  func invalidAddressesAreRefusedBeforeTheFileSystem(address: String) throws {
    let store = try LiaisonStore.temporary()
    #expect(throws: StoreError.invalidDigest(address)) { _ = try store.attachment(sha256: address) }
    #expect(store.attachmentPath(sha256: address) == nil)
  }

  @Test func anUnknownValidAddressIsNil() throws {
    let store = try LiaisonStore.temporary()
    #expect(try store.attachment(sha256: String(repeating: "0", count: 64)) == nil)
  }
}
