import Foundation
import Liaison
import MIME
import Testing

@Suite struct SenderAuthenticationTests {
  static let trusted = ["mx.iab.org"]

  struct Case: CustomTestStringConvertible, Sendable {
    var name: String
    var from: String
    var fields: [String]
    var trusted: [String] = SenderAuthenticationTests.trusted
    var expected: SenderAuthentication
    var testDescription: String { name }
  }

  static func pass(_ method: SenderAuthentication.Method, _ domain: String) -> SenderAuthentication
  {
    SenderAuthentication(result: .pass, method: method, domain: domain)
  }

  static func fail(_ method: SenderAuthentication.Method, _ domain: String) -> SenderAuthentication
  {
    SenderAuthentication(result: .fail, method: method, domain: domain)
  }

  static let cases: [Case] = [
    Case(
      name: "dmarc pass for the From domain", from: "Chair <chair@itu.int>",
      fields: ["mx.iab.org; dmarc=pass (p=reject) header.from=itu.int"],
      expected: pass(.dmarc, "itu.int")),
    Case(
      name: "dkim pass for the From domain", from: "chair@itu.int",
      fields: ["mx.iab.org; dkim=pass header.d=itu.int header.s=s1"],
      expected: pass(.dkim, "itu.int")),
    Case(
      name: "dkim pass for a parent domain", from: "chair@lists.itu.int",
      fields: ["mx.iab.org; dkim=pass header.d=itu.int"],
      expected: pass(.dkim, "lists.itu.int")),
    Case(
      name: "dkim pass for a sibling domain", from: "chair@lists.itu.int",
      fields: ["mx.iab.org; dkim=pass header.d=mail.itu.int"],
      expected: .unauthenticated),
    Case(
      name: "dkim pass for a subdomain of the From domain", from: "chair@itu.int",
      fields: ["mx.iab.org; dkim=pass header.d=mail.itu.int"],
      expected: .unauthenticated),
    Case(
      name: "dkim pass for a domain that only ends with the same letters",
      from: "chair@evilitu.int",
      fields: ["mx.iab.org; dkim=pass header.d=itu.int"],
      expected: .unauthenticated),
    Case(
      name: "dkim pass for a public suffix alone", from: "chair@itu.int",
      fields: ["mx.iab.org; dkim=pass header.d=int"],
      expected: .unauthenticated),
    Case(
      name: "dkim pass for another domain", from: "chair@itu.int",
      fields: ["mx.iab.org; dkim=pass header.d=attacker.example"],
      expected: .unauthenticated),
    Case(
      name: "dmarc pass for another domain", from: "chair@itu.int",
      fields: ["mx.iab.org; dmarc=pass header.from=attacker.example"],
      expected: .unauthenticated),
    Case(
      name: "forged field with a foreign authserv-id", from: "chair@itu.int",
      fields: ["attacker.example; dmarc=pass header.from=itu.int; dkim=pass header.d=itu.int"],
      expected: .unauthenticated),
    Case(
      name: "forged field whose authserv-id only contains the trusted one", from: "chair@itu.int",
      fields: ["mx.iab.org.attacker.example; dmarc=pass header.from=itu.int"],
      expected: .unauthenticated),
    Case(
      name: "no field at all", from: "chair@itu.int", fields: [], expected: .unauthenticated),
    Case(
      name: "no trusted authserv-id configured", from: "chair@itu.int",
      fields: ["mx.iab.org; dmarc=pass header.from=itu.int"], trusted: [],
      expected: .unauthenticated),
    Case(
      name: "spf pass alone", from: "chair@itu.int",
      fields: ["mx.iab.org; spf=pass smtp.mailfrom=chair@itu.int"],
      expected: .unauthenticated),
    Case(
      name: "none", from: "chair@itu.int", fields: ["mx.iab.org; none"],
      expected: .unauthenticated),
    Case(
      name: "dkim neutral and temperror are not failures", from: "chair@itu.int",
      fields: ["mx.iab.org; dkim=neutral header.d=itu.int; dkim=temperror header.d=itu.int"],
      expected: .unauthenticated),
    Case(
      name: "dkim fail", from: "chair@itu.int",
      fields: ["mx.iab.org; dkim=fail reason=\"bad signature\" header.d=itu.int"],
      expected: fail(.dkim, "itu.int")),
    Case(
      name: "dmarc fail is named before dkim fail", from: "chair@itu.int",
      fields: ["mx.iab.org; dkim=fail header.d=itu.int; dmarc=fail header.from=itu.int"],
      expected: fail(.dmarc, "itu.int")),
    Case(
      name: "dkim fail for another domain says nothing", from: "chair@itu.int",
      fields: ["mx.iab.org; dkim=fail header.d=other.example"],
      expected: .unauthenticated),
    Case(
      name: "a forged pass beside the MTA's fail", from: "chair@itu.int",
      fields: [
        "attacker.example; dmarc=pass header.from=itu.int",
        "mx.iab.org; dmarc=fail header.from=itu.int",
      ],
      expected: fail(.dmarc, "itu.int")),
    Case(
      name: "one of two signatures passes", from: "chair@itu.int",
      fields: ["mx.iab.org; dkim=fail header.d=itu.int; dkim=pass header.d=itu.int"],
      expected: pass(.dkim, "itu.int")),
    Case(
      name: "several fields, the trusted one second", from: "chair@itu.int",
      fields: [
        "other.example; dkim=fail header.d=itu.int",
        "mx.iab.org; spf=pass smtp.mailfrom=itu.int",
        "MX.IAB.ORG; dkim=pass header.d=itu.int",
      ],
      expected: pass(.dkim, "itu.int")),
    Case(
      name: "dmarc wins over dkim when both pass", from: "chair@itu.int",
      fields: ["mx.iab.org; dkim=pass header.d=itu.int; dmarc=pass header.from=itu.int"],
      expected: pass(.dmarc, "itu.int")),
    Case(
      name: "second trusted authserv-id", from: "chair@itu.int",
      fields: ["mx2.iab.org; dmarc=pass header.from=itu.int"],
      trusted: ["mx.iab.org", "MX2.iab.org"], expected: pass(.dmarc, "itu.int")),
    Case(
      name: "case-insensitive everywhere", from: "Chair@ITU.Int",
      fields: ["Mx.Iab.Org; DMARC=PASS Header.From=Itu.INT."],
      expected: pass(.dmarc, "itu.int")),
    Case(
      name: "comments do not change the meaning", from: "chair@itu.int",
      fields: [
        "mx.iab.org (dmarc=fail header.from=itu.int); dkim (x) = pass (good) header.d=itu.int (y)"
      ],
      expected: pass(.dkim, "itu.int")),
    Case(
      name: "a pass hidden in a quoted value", from: "chair@itu.int",
      fields: [
        #"mx.iab.org; dkim=pass header.d=evil.example header.i="; dmarc=pass header.from=itu.int""#
      ],
      expected: .unauthenticated),
    Case(
      name: "a malformed trusted field is not read at all", from: "chair@itu.int",
      fields: ["mx.iab.org; dmarc=pass header.from=itu.int; dkim=pass header.d=(unterminated"],
      expected: .unauthenticated),
    Case(
      name: "dkim without header.d", from: "chair@itu.int",
      fields: ["mx.iab.org; dkim=pass header.i=@itu.int"],
      expected: .unauthenticated),
  ]

  func raw(from: String, fields: [String]) -> [UInt8] {
    var text = fields.map { "Authentication-Results: \($0)\r\n" }.joined()
    text += "From: \(from)\r\nTo: liaison-coordination@iab.org\r\nSubject: LS\r\n\r\nText.\r\n"
    return Array(text.utf8)
  }

  func message(from: String, fields: [String]) throws -> MIMEMessage {
    try MIMEParser().parse(raw(from: from, fields: fields))
  }

  @Test(arguments: cases)
  func evaluates(_ c: Case) throws {
    let m = try message(from: c.from, fields: c.fields)
    #expect(SenderAuthentication.evaluate(m.header, trustedAuthservIDs: c.trusted) == c.expected)
  }

  @Test func aFoldedFieldIsReadWhole() throws {
    let m = try message(
      from: "chair@itu.int", fields: ["mx.iab.org;\r\n\tdkim=pass\r\n header.d=itu.int"])
    #expect(
      SenderAuthentication.evaluate(m.header, trustedAuthservIDs: Self.trusted)
        == Self.pass(.dkim, "itu.int"))
  }

  @Test(arguments: [
    "From: a@itu.int, b@itu.int\r\n",
    "From: a@itu.int\r\nFrom: b@itu.int\r\n",
    "From: undisclosed-recipients:;\r\n",
    "From: no-domain\r\n",
    "",
  ])
  func withoutExactlyOneFromMailboxNobodyIsAuthenticated(fromLines: String) throws {
    let text =
      "Authentication-Results: mx.iab.org; dmarc=pass header.from=itu.int; dkim=pass header.d=itu.int\r\n"
      + fromLines + "Subject: LS\r\n\r\nText.\r\n"
    let m = try MIMEParser().parse(Array(text.utf8))
    #expect(
      SenderAuthentication.evaluate(m.header, trustedAuthservIDs: Self.trusted) == .unauthenticated)
  }

  @Test func extractionCarriesItAndTheJSONShowsIt() async throws {
    let raw = raw(from: "Chair <chair@itu.int>", fields: ["mx.iab.org; dkim=pass header.d=itu.int"])
    let m = try MIMEParser().parse(raw)
    let trusting = LiaisonExtractor(options: .init(trustedAuthservIDs: Self.trusted))
    let statement = await trusting.extract(m, raw: raw).statement
    #expect(statement.authentication == Self.pass(.dkim, "itu.int"))
    let untrusting = await LiaisonExtractor().extract(m, raw: raw).statement
    #expect(untrusting.authentication == .unauthenticated)

    let json = try #require(
      try JSONSerialization.jsonObject(with: JSONEncoder().encode(statement)) as? [String: Any])
    let object = try #require(json["authentication"] as? [String: Any])
    #expect(object["result"] as? String == "pass")
    #expect(object["method"] as? String == "dkim")
    #expect(object["domain"] as? String == "itu.int")

    let none = try #require(
      try JSONSerialization.jsonObject(
        with: JSONEncoder().encode(SenderAuthentication.unauthenticated)) as? [String: Any])
    #expect(none["result"] as? String == "none")
    #expect(none["method"] is NSNull)
    #expect(none["domain"] is NSNull)
  }
}
