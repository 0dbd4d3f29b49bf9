import MIME
import Testing

/// The one address rule (extraction, configuration and composing all use `MailAddress`).
@Suite struct MailAddressTests {
  struct Case: Sendable, CustomTestStringConvertible {
    let text: String
    /// The normalised address, or nil when the text must be refused.
    let accepted: String?
    var testDescription: String { text.debugDescription }
  }

  static let longLocal = String(repeating: "l", count: 64)
  static let longLabel = String(repeating: "d", count: 63)

  static let table: [Case] = [
    // Good.
    Case(text: "liaison-coordination@iab.org", accepted: "liaison-coordination@iab.org"),
    Case(text: "j.doe+ls@Example.ORG", accepted: "j.doe+ls@example.org"),
    Case(text: "Jane.Doe@example.org", accepted: "Jane.Doe@example.org"),
    Case(
      text: "o'brien!#$%&*/=?^_`{|}~-@example.org", accepted: "o'brien!#$%&*/=?^_`{|}~-@example.org"
    ),
    Case(text: "postmaster@localhost", accepted: "postmaster@localhost"),
    Case(text: "\(longLocal)@example.org", accepted: "\(longLocal)@example.org"),
    // Dots: only single dots between atoms.
    Case(text: "a..b@example.org", accepted: nil),
    Case(text: ".a@example.org", accepted: nil),
    Case(text: "a.@example.org", accepted: nil),
    Case(text: "a@example..org", accepted: nil),
    Case(text: "a@example.org.", accepted: nil),
    // Quoted local parts and other specials.
    Case(text: "\"a b\"@example.org", accepted: nil),
    Case(text: "\"a..b\"@example.org", accepted: nil),
    Case(text: "a\"b@example.org", accepted: nil),
    Case(text: "a b@example.org", accepted: nil),
    Case(text: "<a@example.org>", accepted: nil),
    Case(text: "a(comment)@example.org", accepted: nil),
    // No local part, no domain, no @.
    Case(text: "no-at-sign", accepted: nil),
    Case(text: "a@", accepted: nil),
    Case(text: "@example.org", accepted: nil),
    Case(text: "", accepted: nil),
    // Domains.
    Case(text: "a@-example.org", accepted: nil),
    Case(text: "a@example-.org", accepted: nil),
    Case(text: "a@exa_mple.org", accepted: nil),
    Case(text: "a@exa mple.org", accepted: nil),
    // IP literals: IPv4 or tagged IPv6, nothing else.
    Case(text: "postmaster@[192.0.2.1]", accepted: "postmaster@[192.0.2.1]"),
    Case(text: "postmaster@[IPv6:2001:DB8::1]", accepted: "postmaster@[ipv6:2001:db8::1]"),
    Case(text: "a@[300.0.2.1]", accepted: nil),
    Case(text: "a@[192.0.2]", accepted: nil),
    Case(text: "a@[example.org]", accepted: nil),
    Case(text: "a@[192.0.2.1", accepted: nil),
    // Unicode: internationalised addresses are refused, in the local part and the domain.
    Case(text: "j\u{fc}rgen@example.org", accepted: nil),
    Case(text: "a@b\u{fc}cher.example", accepted: nil),
    Case(text: "a@example.org\u{200B}", accepted: nil),
    // CR, LF, NUL: never into a header or an SMTP command.
    Case(text: "a@example.org\r\nRCPT TO:<b@example.org>", accepted: nil),
    Case(text: "a@example.org\n", accepted: nil),
    Case(text: "a\r@example.org", accepted: nil),
    Case(text: "a@example.org\u{0}", accepted: nil),
    // Over-long: local part over 64 bytes, label over 63, address over 254.
    Case(text: "\(longLocal)x@example.org", accepted: nil),
    Case(text: "a@\(longLabel)x.example.org", accepted: nil),
    Case(text: "a@\(longLabel).example.org", accepted: "a@\(longLabel).example.org"),
    Case(
      text: "a@" + Array(repeating: longLabel, count: 4).joined(separator: ".") + ".org",
      accepted: nil),
  ]

  @Test(arguments: table)
  func theOneRule(_ item: Case) {
    let parsed = try? MailAddress(item.text)
    #expect(parsed?.address == item.accepted)
    if !item.text.hasPrefix("<") {  // `<a@example.org>` is a fine mailbox, not an addr-spec
      #expect((try? MailAddress(parsing: item.text))?.address == item.accepted)
    }
    if let accepted = item.accepted {
      let named = try? MailAddress(parsing: "Liaison Manager <\(item.text)>")
      #expect(named?.address == accepted)
      #expect(named?.displayName == "Liaison Manager")
    }
  }

  @Test func refusalsSayWhy() {
    #expect(
      throws: MailAddressError(
        "a..b@example.org",
        "has a local part that is not a plain dot-atom (letters, digits, !#$%&'*+-/=?^_`{|}~ and single inner dots)"
      )
    ) {
      try MailAddress("a..b@example.org")
    }
    #expect(throws: MailAddressError("a@", "has no domain")) { try MailAddress("a@") }
  }

  @Test func displayNamesAreParsedAndCheckedForLineBreaks() throws {
    let plain = try MailAddress(parsing: "liaison-coordination@iab.org")
    #expect(plain.displayName == nil)
    #expect(plain.description == "liaison-coordination@iab.org")
    let named = try MailAddress(parsing: "IETF Liaison Coordination <liaison-coordination@IAB.org>")
    #expect(named.address == "liaison-coordination@iab.org")
    #expect(named.displayName == "IETF Liaison Coordination")
    #expect(named.description == "IETF Liaison Coordination <liaison-coordination@iab.org>")
    let quoted = try MailAddress(parsing: "\"Doe, \\\"J\\\"\" <j.doe+ls@example.org>")
    #expect(quoted.displayName == "Doe, \"J\"")
    #expect(quoted.angleAddress == "<j.doe+ls@example.org>")
    #expect(try MailAddress("a@example.org", displayName: "  ").displayName == nil)
    for value in ["Hello\r\nBcc: victim@example.org", "Hello\nBcc: x", "Hello\rX: y", "nul\u{0}"] {
      #expect(throws: MailAddressError.self) {
        try MailAddress("a@example.org", displayName: value)
      }
      #expect(throws: MailAddressError.self) {
        try MailAddress(parsing: value + " <a@example.org>")
      }
    }
    #expect(throws: MailAddressError.self) { try MailAddress(parsing: "Name <a@example.org") }
  }
}
