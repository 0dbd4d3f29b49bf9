import Foundation
import MailTransport
import Testing

@testable import Daemon

/// `check-config` applies the rules the daemon runs with: `MailAddress` for addresses and
/// `MailServerURL` for server URLs, so nothing it accepts fails later when mail is sent.
@Suite struct ConfigurationMailRulesTests {
  @Test(arguments: [
    ("ROUTING_IAB_CONTACT", "a..b@iab.org", "routing.iab_contact"),
    ("ROUTING_IAB_CONTACT", "j\u{fc}rgen@iab.org", "routing.iab_contact"),
    ("ROUTING_IRTF_CONTACT", "\"irtf chair\"@irtf.org", "routing.irtf_contact"),
    ("SMTP_FROM", "Liaison <a..b@iab.org>", "smtp.from"),
    ("SMTP_FROM", "Liaison <liaison@iab.org", "smtp.from"),
    ("IMAP_URL", "imaps://mail.example.org/INBOX?x=1", "imap.url"),
    ("IMAP_URL", "imaps://mail.example.org/Bo%C3%AEte", "imap.url"),
    ("SMTP_URL", "smtp:///", "smtp.url"),
    ("SMTP_URL", "imap://mail.example.org", "smtp.url"),
  ])
  func refused(variable: String, value: String, key: String) async throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    try dir.write("imap.pass", "pw")
    let path = try dir.write("liaisond.yaml", ConfigurationLoaderTests.validYAML(dir))
    let outcome = await ConfigurationLoader(environment: [variable: value]).check(path: path)
    #expect(outcome.issues.compactMap(\.key) == [key], "\(outcome.issues.map(\.description))")
  }

  @Test func acceptedValuesAreNormalisedByTheSameRules() async throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    try dir.write("imap.pass", "pw")
    let path = try dir.write("liaisond.yaml", ConfigurationLoaderTests.validYAML(dir))
    let environment = [
      "ROUTING_IAB_CONTACT": "IAB-Liaisons@IAB.org", "SMTP_FROM": "Liaisons <Gateway@IAB.Org>",
      "IMAP_URL": "IMAPS://mail.example.org:1993/Liaisons",
    ]
    let outcome = await ConfigurationLoader(environment: environment).check(path: path)
    #expect(outcome.issues.isEmpty, "\(outcome.issues.map(\.description))")
    let c = outcome.configuration
    #expect(c.routing.iabContact == "iab-liaisons@iab.org")
    #expect(c.smtp.fromAddress == "gateway@iab.org")
    #expect(c.imap.mailbox == "Liaisons")
    let imap = try c.imapConfiguration()
    #expect(imap.url.scheme == "imaps" && imap.url.port == 1993 && imap.mailbox == "Liaisons")
    #expect(try c.smtpConfiguration().url.port == 2525)
  }
}
