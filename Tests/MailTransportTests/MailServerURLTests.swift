import Testing

@testable import MailTransport

/// The one reading of `imap.url` and `smtp.url` (configuration check, clients, probe).
@Suite struct MailServerURLTests {
  @Test(arguments: [
    ("imap://mail.example.org", "imap", "mail.example.org", 143, "INBOX"),
    ("imaps://mail.example.org/", "imaps", "mail.example.org", 993, "INBOX"),
    ("IMAPS://Mail.example.org:1993/Liaisons", "imaps", "Mail.example.org", 1993, "Liaisons"),
    ("imaps://[::1]/Lists/Liaisons", "imaps", "::1", 993, "Lists/Liaisons"),
    ("imap://localhost/My%20Mail", "imap", "localhost", 143, "My Mail"),
  ])
  func imap(text: String, scheme: String, host: String, port: Int, mailbox: String) throws {
    let url = try MailServerURL(text, service: .imap)
    #expect(url.scheme == scheme && url.host == host && url.port == port)
    #expect(url.mailbox == mailbox)
  }

  @Test(arguments: [
    ("smtp://127.0.0.1:2525", "smtp", 2525, "smtp://127.0.0.1:2525"),
    ("smtp://mail.example.org", "smtp", 25, "smtp://mail.example.org"),
    ("smtps://mail.example.org", "smtps", 465, "smtps://mail.example.org"),
    ("smtps://[2001:db8::1]:4465", "smtps", 4465, "smtps://[2001:db8::1]:4465"),
  ])
  func smtp(text: String, scheme: String, port: Int, server: String) throws {
    let url = try MailServerURL(text, service: .smtp)
    #expect(url.scheme == scheme && url.port == port && url.server == server)
    #expect(url.mailbox == nil)
  }

  @Test(arguments: [
    (
      "pop3://mail.example.org", MailServerURL.Service.imap,
      "scheme \"pop3\" is not supported; use imap:// or imaps://"
    ),
    ("imap://mail.example.org", .smtp, "scheme \"imap\" is not supported; use smtp:// or smtps://"),
    (
      "imaps://user:secret@mail.example.org", .imap,
      "must not contain credentials; put them in imap.username and imap.password_file"
    ),
    ("smtp:///", .smtp, "\"smtp:///\" names no server"),
    (
      "imaps://mail.example.org/INBOX?x=1", .imap,
      "\"imaps://mail.example.org/INBOX?x=1\" must not have a query or fragment"
    ),
    (
      "imaps://mail.example.org/Bo%C3%AEte", .imap,
      "mailbox name \"Boîte\" must be non-empty printable ASCII"
    ),
    (
      "imaps://u:secret@[::1", .imap,
      "\"<a URL with credentials>\" is not a URL, such as imaps://mail.example.org"
    ),
    (
      "imaps://mail example.org", .imap,
      "\"imaps://mail example.org\" is not a URL, such as imaps://mail.example.org"
    ),
  ])
  func refused(text: String, service: MailServerURL.Service, reason: String) {
    #expect(
      throws: MailTransportError.invalidConfiguration(field: "\(service).url", reason: reason)
    ) {
      try MailServerURL(text, service: service)
    }
  }

  @Test func theClientsReadTheirURLsThisWay() throws {
    let imap = try IMAPConfiguration(
      url: "imaps://mail.example.org:1993/Liaisons", username: "u", password: "p")
    #expect(
      imap.url == (try MailServerURL("imaps://mail.example.org:1993/Liaisons", service: .imap)))
    #expect(imap.server == "imaps://mail.example.org:1993" && imap.mailbox == "Liaisons")
    #expect(throws: MailTransportError.self) {
      try SMTPConfiguration(url: "smtps://u:p@mail.example.org")
    }
  }
}
