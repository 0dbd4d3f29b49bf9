import Liaison
import Testing

@Suite struct CommandTokensTests {
  static let gateway = "liaison-coordination@iab.org"
  static let gateways = [gateway]

  static func key(_ fill: UInt8 = 7, count: Int = 32) throws -> CommandTokenKey {
    try CommandTokenKey(bytes: [UInt8](repeating: fill, count: count), file: "/run/key")
  }

  @Test func respondAddressRoundTripsAndVerifies() throws {
    let tokens = CommandTokens(key: try Self.key())
    let address = tokens.respondAddress(statement: "LS-2026-0042", on: Self.gateway)
    #expect(address.hasPrefix("liaison-coordination+ls-2026-0042."))
    #expect(address.hasSuffix("@iab.org"))
    let parsed = try #require(CommandAddress(parsing: address, gateways: Self.gateways))
    #expect(parsed.purpose == .respond)
    #expect(parsed.id == "ls-2026-0042")
    #expect(parsed.token.count == 13)
    #expect(parsed.token.allSatisfy { "0123456789abcdefghjkmnpqrstvwxyz".contains($0) })
    #expect(tokens.verify(parsed))
    // An MTA or a person may change the case.
    let shouted = try #require(
      CommandAddress(parsing: address.uppercased(), gateways: Self.gateways))
    #expect(tokens.verify(shouted))
  }

  @Test func approveAddressIsBoundToTheDraftsContent() throws {
    let tokens = CommandTokens(key: try Self.key())
    let address = tokens.approveAddress(
      draft: "d-2026-0007", contentHash: "abc123", on: Self.gateway)
    #expect(address.hasPrefix("liaison-coordination+approve-d-2026-0007."))
    let parsed = try #require(CommandAddress(parsing: address, gateways: Self.gateways))
    #expect(parsed.purpose == .approve)
    #expect(parsed.id == "d-2026-0007")
    #expect(tokens.verify(parsed, contentHash: "abc123"))
    #expect(!tokens.verify(parsed, contentHash: "abc124"), "a changed draft needs a new approval")
    #expect(!tokens.verify(parsed), "an approve address never verifies without the content")
  }

  @Test func tokensDependOnPurposeIdAndKey() throws {
    let tokens = CommandTokens(key: try Self.key())
    let respond = tokens.commandAddress(.respond, id: "ls-2026-0042", contentHash: nil)
    // The same id and token presented for the other purpose, or another id, fails.
    #expect(
      !tokens.verify(
        CommandAddress(purpose: .approve, id: respond.id, token: respond.token), contentHash: ""))
    #expect(
      !tokens.verify(CommandAddress(purpose: .respond, id: "ls-2026-0043", token: respond.token)))
    let other = CommandTokens(key: try Self.key(8))
    #expect(!other.verify(respond))
    #expect(
      other.commandAddress(.respond, id: "ls-2026-0042", contentHash: nil).token != respond.token)
    // Neighbouring ids give unrelated tokens.
    let next = tokens.commandAddress(.respond, id: "ls-2026-0043", contentHash: nil)
    #expect(next.token != respond.token)
  }

  @Test func aPreviousKeyStillVerifiesAfterRotation() throws {
    let old = CommandTokens(key: try Self.key(1))
    let address = old.commandAddress(.respond, id: "ls-2026-0001", contentHash: nil)
    let rotated = CommandTokens(key: try Self.key(2), previousKeys: [try Self.key(1)])
    #expect(rotated.verify(address))
    #expect(!CommandTokens(key: try Self.key(2)).verify(address))
    #expect(rotated.commandAddress(.respond, id: "ls-2026-0001", contentHash: nil) != address)
  }

  @Test func wrongTokensAreRefused() throws {
    let tokens = CommandTokens(key: try Self.key())
    let good = tokens.commandAddress(.respond, id: "ls-2026-0042", contentHash: nil)
    var flipped = Array(good.token)
    flipped[12] = flipped[12] == "0" ? "1" : "0"
    #expect(!tokens.verify(CommandAddress(purpose: .respond, id: good.id, token: String(flipped))))
    #expect(!tokens.verify(CommandAddress(purpose: .respond, id: good.id, token: "0000000000000")))
    #expect(!tokens.verify(CommandAddress(purpose: .respond, id: good.id, token: "")))
  }

  @Test(arguments: [
    "liaison-coordination+ls-2026-0042@iab.org",  // the bare, guessable form
    "liaison-coordination@iab.org",
    "liaison-coordination+ls-2026-0042.@iab.org",
    "liaison-coordination+.k7q3x9m2fpwdq@iab.org",
    "liaison-coordination+ls-2026-0042.k7q3x9m2fpwd@iab.org",  // 12 characters
    "liaison-coordination+ls-2026-0042.k7q3x9m2fpwdqq@iab.org",  // 14 characters
    "liaison-coordination+ls-2026-0042.k7q3x9m2fpwdu@iab.org",  // u is not in the alphabet
    "liaison-coordination+approve-.k7q3x9m2fpwdq@iab.org",
    "liaison-coordination+ls_2026.k7q3x9m2fpwdq@iab.org",
    "liaison-coordination+ls-2026-0042.k7q3x9m2fpwdq@example.org",  // another domain
    "someone-else+ls-2026-0042.k7q3x9m2fpwdq@iab.org",
    "liaison-coordination+ls-2026-0042.k7q3x9m2fpwdq@iab.org@iab.org",
    "",
  ])
  func refusesAddressesNotOfTheCommandForm(address: String) {
    #expect(CommandAddress(parsing: address, gateways: Self.gateways) == nil)
  }

  @Test func theExampleFormParses() throws {
    let parsed = try #require(
      CommandAddress(
        parsing: "Liaison-Coordination+LS-2026-0042.K7Q3X9M2FPWDQ@IAB.org", gateways: Self.gateways)
    )
    #expect(parsed == CommandAddress(purpose: .respond, id: "ls-2026-0042", token: "k7q3x9m2fpwdq"))
    #expect(
      parsed.address(on: Self.gateway) == "liaison-coordination+ls-2026-0042.k7q3x9m2fpwdq@iab.org")
  }

  @Test(arguments: [0, 1, 16, 31])
  func shortKeysAreRefusedNamingTheFileAndSize(count: Int) {
    #expect {
      try CommandTokenKey(bytes: [UInt8](repeating: 1, count: count), file: "/run/creds/token-key")
    } throws: { error in
      let text = "\(error)"
      return text.hasPrefix("/run/creds/token-key:") && text.contains("is \(count) bytes")
        && text.contains("at least 32")
    }
  }

  @Test func theKeyNeverPrints() throws {
    let key = try Self.key(0x41, count: 40)
    #expect("\(key)" == "<redacted>")
    #expect(String(reflecting: key) == "CommandTokenKey(<redacted>)")
    #expect(!"\(key)".contains("AAAA"))
  }
}
