import MIME

/// Tells statements from the mail a liaison gateway must record but never answer:
/// automatic mail (RFC 3834), delivery status notifications, and mail that is not a
/// liaison statement at all.
public enum MessageClassifier {
  /// Why the message is a delivery status notification, or nil.
  public static func bounceReason(_ message: MIMEMessage) -> String? {
    let root = message.root
    if root.contentType == "multipart/report" {
      let reportType = parameter("report-type", of: root.header["content-type"] ?? "")?.lowercased()
      let hasStatus = root.children.contains { $0.contentType == "message/delivery-status" }
      if reportType == "delivery-status" || hasStatus {
        return "multipart/report with a delivery-status part"
      }
    }
    let from = message.header.addresses("from").first?.address.lowercased() ?? ""
    let local = from.split(separator: "@").first.map(String.init) ?? ""
    let subject = (message.header.subject ?? "").lowercased()
    let bounceSubjects = [
      "undelivered mail", "delivery status notification", "returned mail",
      "mail delivery failed", "undeliverable:", "delivery failure",
    ]
    if ["mailer-daemon", "postmaster"].contains(local),
      bounceSubjects.contains(where: { subject.contains($0) })
    {
      return "sent by \(local) about a failed delivery"
    }
    return nil
  }

  /// Why the message is automatic mail that must never be answered (RFC 3834 section 5,
  /// and the de-facto headers mailers use), or nil.
  public static func automaticReason(_ message: MIMEMessage) -> String? {
    let h = message.header
    if let auto = h["auto-submitted"].map(fieldToken), auto != "no", !auto.isEmpty {
      return "Auto-Submitted: \(auto)"
    }
    if let precedence = h["precedence"].map(fieldToken),
      ["bulk", "junk", "list", "auto_reply"].contains(precedence)
    {
      return "Precedence: \(precedence)"
    }
    for name in ["x-autoreply", "x-autorespond", "x-auto-response-suppress"] where h[name] != nil {
      return "\(name.capitalizedHeaderName) header"
    }
    if h["list-id"] != nil { return "List-Id header (mailing-list traffic)" }
    if message.root.contentType == "multipart/report" {
      return "multipart/report (disposition notification)"
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
