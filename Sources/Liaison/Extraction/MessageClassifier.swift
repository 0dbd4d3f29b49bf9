import MIME

/// Tells statements from the mail a liaison gateway must record but never answer:
/// automatic mail (RFC 3834), delivery status notifications, and mail that is not a
/// liaison statement at all.
public enum MessageClassifier {
  /// Why the message is a bounce (a delivery status notification, or a failure notice in
  /// any of the forms mailers write), or nil. A bounce is never a statement and is never
  /// answered: a bounce of our own notification taken for a statement would notify the
  /// chairs again, and loop.
  ///
  /// `ownDomains`: the domains of the gateway's addresses, whose Message-IDs a returned
  /// copy of our own mail carries.
  public static func bounceReason(_ message: MIMEMessage, ownDomains: [String] = []) -> String? {
    let root = message.root
    if root.contentType == "multipart/report" {
      let reportType = parameter("report-type", of: root.header["content-type"] ?? "")?.lowercased()
      return "multipart/report (\(reportType ?? "no report-type"))"
    }
    if let returnPath = message.header["return-path"],
      returnPath.filter({ !$0.isWhitespace }) == "<>"
    {
      return "null return path (Return-Path: <>)"
    }
    let from = message.header.addresses("from").first?.address.lowercased() ?? ""
    let local = from.split(separator: "@").first.map(String.init) ?? ""
    if ["mailer-daemon", "postmaster"].contains(local) {
      return "sent by \(local)"
    }
    let subject = TextFolding.fold(message.header.subject ?? "").lowercased()
    if subject == "failure notice" || subject.hasPrefix("failure notice ") {
      return "failure notice (qmail)"
    }
    if let quoted = quotesOwnMail(message, ownDomains: ownDomains) {
      return "returns our own mail (\(quoted))"
    }
    return nil
  }

  /// Bytes of a message's body searched for a copy of our own mail: a returned message
  /// starts with its header, so the start is enough.
  static let quoteScanLimit = 262_144

  /// What of our own outgoing mail the body quotes: an `X-Liaison-Statement` field, or a
  /// `Message-ID` field in one of our domains, at the start of a line (a returned header
  /// block, as qmail, Exim and many others return it). Only the body is searched: a reply's
  /// own `References` to our mail is no bounce.
  static func quotesOwnMail(_ message: MIMEMessage, ownDomains: [String]) -> String? {
    var texts: [String] = []
    let start = min(max(message.root.bodyOffset, 0), message.bytes.count)
    let end = min(message.bytes.count, start + quoteScanLimit)
    texts.append(String(decoding: message.bytes[start..<end], as: UTF8.self))
    for leaf in message.root.walk() where leaf.contentType.hasPrefix("text/") {
      if let text = leaf.decodedText() { texts.append(String(text.prefix(quoteScanLimit))) }
    }
    let domains = ownDomains.map { $0.lowercased() }.filter { !$0.isEmpty }
    for text in texts {
      for line in text.split(whereSeparator: \.isNewline) {
        let lower = line.drop(while: { $0 == " " || $0 == ">" }).lowercased()
        if lower.hasPrefix("x-liaison-statement:") { return "X-Liaison-Statement" }
        if lower.hasPrefix("message-id:"),
          domains.contains(where: { lower.contains("@\($0)>") })
        {
          return "a Message-ID of ours"
        }
      }
    }
    return nil
  }

  /// Why the message is automatic mail that must never be answered (RFC 3834 section 5,
  /// and the de-facto headers mailers use), or nil. `X-Auto-Response-Suppress` is not among
  /// them: Exchange adds it to ordinary mail a person wrote. Mailing-list traffic is
  /// `listMarker`'s: a statement may reach us through a list.
  public static func automaticReason(_ message: MIMEMessage) -> String? {
    let h = message.header
    if let auto = h["auto-submitted"].map(fieldToken), auto != "no", !auto.isEmpty {
      return "Auto-Submitted: \(auto)"
    }
    if let precedence = h["precedence"].map(fieldToken),
      ["bulk", "junk", "auto_reply"].contains(precedence)
    {
      return "Precedence: \(precedence)"
    }
    for name in ["x-autoreply", "x-autorespond"] where h[name] != nil {
      return "\(name.capitalizedHeaderName) header"
    }
    let subject = (h.subject ?? "").lowercased()
    let autoSubjects = [
      "out of office", "automatic reply", "auto-reply", "autoreply", "abwesenheit",
    ]
    if autoSubjects.contains(where: { subject.hasPrefix($0) }) {
      return "out-of-office subject"
    }
    return nil
  }

  /// The mark of mailing-list traffic (`List-Id: <teas.ietf.org>`, `Precedence: list`), or
  /// nil. List mail that carries a liaison statement is a statement sent to a list instead
  /// of the central address; other list mail is recorded and never answered.
  public static func listMarker(_ message: MIMEMessage) -> String? {
    let h = message.header
    if let id = h["list-id"] { return "List-Id: \(TextFolding.fold(id))" }
    if h["precedence"].map(fieldToken) == "list" { return "Precedence: list" }
    return nil
  }

  /// The defect a statement that came through a mailing list carries; the router reads it
  /// back (`cameThroughList`) to flag the statement, also when it is routed again later.
  public static func listMailDefect(_ marker: String) -> String {
    "\(listMailDefectPrefix) (\(marker))"
  }

  static let listMailDefectPrefix = "sent to a list instead of the central address"

  /// The list-mail defect of a statement, or nil.
  public static func cameThroughList(_ statement: ExtractedStatement) -> String? {
    statement.defects.first { $0.hasPrefix(listMailDefectPrefix) }
  }

  /// The statement id a gateway plus-address carries:
  /// `liaison-coordination+ls-2026-0042@iab.org` -> `LS-2026-0042`, and the same for the
  /// command forms (`+ls-2026-0042.<token>`, `+approve-ls-2026-0043.<token>`). Whether such
  /// a mail may do anything is decided later, by the process, never here.
  public static func statementID(inPlusAddress address: String, gateways: [String]) -> String? {
    if let command = CommandAddress(parsing: address, gateways: gateways) {
      let id = command.id.uppercased()
      // A draft awaiting approval is a private record, of the MSG series.
      return id.hasPrefix("LS-") || id.hasPrefix("MSG-") ? id : nil
    }
    let parts = address.lowercased().split(separator: "@", maxSplits: 1)
    guard parts.count == 2, let plus = parts[0].firstIndex(of: "+") else { return nil }
    let base = parts[0][..<plus] + "@" + parts[1]
    guard gateways.contains(where: { $0.lowercased() == base }) else { return nil }
    let tag = parts[0][parts[0].index(after: plus)...]
    let pieces = tag.split(separator: "-", omittingEmptySubsequences: false)
    // `msg-`: a private record (a chair's draft awaiting approval) is of the MSG series.
    guard pieces.count == 3, pieces[0] == "ls" || pieces[0] == "msg", pieces[1].count == 4,
      pieces[1].allSatisfy(\.isNumber), (1...6).contains(pieces[2].count),
      pieces[2].allSatisfy(\.isNumber)
    else { return nil }
    return "\(pieces[0].uppercased())-\(pieces[1])-\(pieces[2])"
  }

  /// Whether `address` is `LOCAL+new@DOMAIN` of one of `gateways`: where the IETF submits
  /// its own statements. Such a mail is the IETF's business, never an incoming statement.
  public static func isSubmissionAddress(_ address: String, gateways: [String]) -> Bool {
    let parts = address.lowercased().split(separator: "@", maxSplits: 1)
    guard parts.count == 2, parts[0].hasSuffix("+new") else { return false }
    let base = parts[0].dropLast(4) + "@" + parts[1]
    return gateways.contains { $0.lowercased() == base }
  }

  /// Subjects that call themselves a liaison statement.
  public static func subjectNamesLiaison(_ subject: String) -> Bool {
    let lower = subject.lowercased()
    if lower.contains("liaison") { return true }
    let words = lower.split(whereSeparator: { !$0.isLetter && !$0.isNumber })
    return words.contains("ls") || IdentifierScanner.identifiers(in: subject).isEmpty == false
  }

  /// The first token of a header value, lower-cased (`auto-replied; x=1` -> `auto-replied`).
  static func fieldToken(_ value: String) -> String {
    let token =
      value.split(whereSeparator: { $0 == ";" || $0 == " " || $0 == "\t" || $0 == "(" })
      .first ?? ""
    return token.lowercased()
  }

  static func parameter(_ name: String, of value: String) -> String? {
    for piece in value.split(separator: ";").dropFirst() {
      let kv = piece.split(separator: "=", maxSplits: 1)
      guard kv.count == 2, TextFolding.fold(kv[0]).lowercased() == name else { continue }
      return TextFolding.fold(kv[1]).trimmingLiteral("\"")
    }
    return nil
  }
}

extension String {
  fileprivate var capitalizedHeaderName: String {
    split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: "-")
  }
}
