import Foundation
import Liaison
import MIME
import MailBenchSupport
import Testing

/// The sender-authentication rule against real DKIM: signatures made by dkimpy as a
/// sender's server would, checked by dkimpy's verifier as the receiving MTA would, then
/// read back by liaisond's parser and evaluation.
@Suite struct DKIMAuthenticationTests {
  static let trusted = ["mx.iab.org"]

  static let statement = Array(
    """
    From: SG15 Chair <chair@itu.int>\r
    To: liaison-coordination@iab.org\r
    Subject: LS on OTN network slicing\r
    Date: Mon, 23 Nov 2026 12:00:00 +0000\r
    Message-ID: <ls-123@itu.int>\r
    \r
    Title: LS on OTN network slicing\r
    Purpose: For action\r
    \r
    Please comment by 2027-03-01.\r

    """.utf8)

  func authentication(_ raw: [UInt8]) throws -> SenderAuthentication {
    let message = try MIMEParser().parse(raw)
    return SenderAuthentication.evaluate(message.header, trustedAuthservIDs: Self.trusted)
  }

  @Test func aSignedAndVerifiedMessageIsAuthenticated() throws {
    try DKIMBench.with { bench in
      let record = try bench.keygen(selector: "s2026", domain: "itu.int")
      #expect(record.contains("s2026._domainkey.itu.int"))
      let delivered = try bench.deliver(Self.statement, authservID: "mx.iab.org")
      #expect(
        String(decoding: delivered, as: UTF8.self).hasPrefix(
          "Authentication-Results: mx.iab.org;"))
      #expect(
        try authentication(delivered) == .init(result: .pass, method: .dkim, domain: "itu.int"))
      // The same MTA result is worth nothing when its authserv-id is not configured.
      let message = try MIMEParser().parse(delivered)
      #expect(
        SenderAuthentication.evaluate(message.header, trustedAuthservIDs: ["mx.example.net"])
          == .unauthenticated)
    }
  }

  @Test func aBodyAlteredAfterSigningFails() throws {
    try DKIMBench.with { bench in
      try bench.keygen(selector: "s2026", domain: "itu.int")
      let signed = try bench.sign(Self.statement)
      let text = String(decoding: signed, as: UTF8.self)
      #expect(text.hasPrefix("DKIM-Signature:"))
      let altered = Array(
        text.replacingOccurrences(of: "2027-03-01", with: "2027-01-03").utf8)
      #expect(altered != signed)
      let received = try bench.receive(altered, authservID: "mx.iab.org")
      #expect(
        try authentication(received) == .init(result: .fail, method: .dkim, domain: "itu.int"))
      // The untouched signed message passes through the same verifier.
      let intact = try bench.receive(signed, authservID: "mx.iab.org")
      #expect(try authentication(intact).isAuthenticated)
    }
  }

  @Test func aForgedResultClaimingTheMTAsIdIsRemovedOnTheWay() throws {
    try DKIMBench.with { bench in
      try bench.keygen(selector: "s2026", domain: "itu.int")
      let forged =
        Array("Authentication-Results: mx.iab.org; dmarc=pass header.from=itu.int\r\n".utf8)
        + Self.statement
      #expect(try authentication(forged).isAuthenticated, "the forgery alone would pass")
      let received = try bench.receive(forged, authservID: "mx.iab.org")
      let text = String(decoding: received, as: UTF8.self)
      #expect(!text.contains("dmarc=pass"))
      #expect(text.contains("dkim=none"))
      #expect(try authentication(received) == .unauthenticated)
    }
  }

  @Test func aSignatureByAnotherDomainDoesNotAuthenticateTheFrom() throws {
    try DKIMBench.with { bench in
      try bench.keygen(selector: "s1", domain: "attacker.example")
      // Signed by attacker.example (its From), then the From rewritten to the chair's.
      let own = Array(
        String(decoding: Self.statement, as: UTF8.self)
          .replacingOccurrences(of: "chair@itu.int", with: "x@attacker.example").utf8)
      let signed = String(decoding: try bench.sign(own), as: UTF8.self)
      let spoofed = Array(
        signed.replacingOccurrences(of: "x@attacker.example", with: "chair@itu.int").utf8)
      let received = try bench.receive(spoofed, authservID: "mx.iab.org")
      #expect(try authentication(received).isAuthenticated == false)
    }
  }
}
