import Foundation

/// Mail as a sender's client writes it, before any MTA, for the tests that play senders:
/// the header fields the process reads, CRLF line ends, a fresh Message-ID.
public enum TestMail {
  public static func text(
    from: String, to: String, cc: String? = nil, subject: String, body: String,
    date: String = "Mon, 23 Nov 2026 12:00:00 +0000",
    messageID: String = "<\(UUID().uuidString)@ietf.org>", inReplyTo: String? = nil,
    references: [String]? = nil
  ) -> [UInt8] {
    var text = "From: \(from)\r\nTo: \(to)\r\n"
    if let cc { text += "Cc: \(cc)\r\n" }
    text += "Subject: \(subject)\r\nMessage-ID: \(messageID)\r\n"
    if let inReplyTo {
      let thread = (references ?? [inReplyTo]).joined(separator: " ")
      text += "In-Reply-To: \(inReplyTo)\r\nReferences: \(thread)\r\n"
    }
    text += "Date: \(date)\r\n\r\n\(body)\r\n"
    return Array(text.utf8)
  }

  /// An `Authentication-Results` field of `authserv` saying `result` for `from`'s domain,
  /// as an MTA (or a forger) writes it.
  public static func authenticationResults(
    _ from: String, _ result: String = "dmarc=pass", authserv: String
  ) -> String {
    let domain = from.split(separator: "@").last ?? ""
    return "Authentication-Results: \(authserv); \(result) header.from=\(domain)\r\n"
  }
}
