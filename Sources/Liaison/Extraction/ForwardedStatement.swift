import MIME

/// A statement someone forwarded to the gateway (seed 004 section 3.1: a chair who got a
/// statement directly passes it on): as an attached `message/rfc822`, or inline, after a
/// forward marker and the original's header block. The original is what is extracted;
/// the forwarder is kept beside it.
struct ForwardedStatement {
  enum Form: String {
    case attached = "an attached message/rfc822"
    case inline = "an inline forward"
  }

  /// The original message, parsed; `raw` its bytes (attachments are cut from them).
  var message: MIMEMessage
  var raw: [UInt8]
  var form: Form

  /// Lines that open an inline forward: Gmail, Thunderbird, Apple Mail, Outlook.
  static let markers = [
    "---------- forwarded message ---------", "-------- forwarded message --------",
    "begin forwarded message:", "-----original message-----", "-------- original message --------",
  ]

  /// Header fields of the original an inline forward repeats; Outlook writes "Sent".
  static let fields: [String: String] = [
    "from": "From", "date": "Date", "sent": "Date", "subject": "Subject", "to": "To", "cc": "Cc",
    "reply-to": "Reply-To", "message-id": "Message-ID",
  ]

  /// The forwarded original in `message`, when the mail is a forward: an attached
  /// message/rfc822 part (the first), else an inline forward in `bodyText` whose header
  /// block names at least its sender and subject.
  static func find(in message: MIMEMessage, raw: [UInt8], bodyText: String?) -> ForwardedStatement?
  {
    let subject = TextFolding.fold(message.header.subject ?? "").lowercased()
    let forwardSubject = ["fwd:", "fw:", "wg:", "tr:", "enc:", "rv:"].contains {
      subject.hasPrefix($0)
    }
    for entity in message.root.walk() where entity.contentType == "message/rfc822" {
      let bytes = LiaisonExtractor.bytes(of: entity, in: raw)
      guard !bytes.isEmpty, let inner = try? MIMEParser().parse(bytes),
        inner.header["from"] != nil
      else { continue }
      return ForwardedStatement(message: inner, raw: bytes, form: .attached)
    }
    guard let bodyText else { return nil }
    return inline(bodyText, forwardSubject: forwardSubject)
  }

  /// An inline forward: the marker, the original's header block, a blank line, its text.
  /// Outlook writes "Original Message" above a reply's quote as above a forward: there the
  /// subject (`FW:`) must say it is a forward.
  static func inline(_ text: String, forwardSubject: Bool) -> ForwardedStatement? {
    let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
      .map(String.init)
    guard
      let start = lines.firstIndex(where: { line in
        let lower = TextFolding.fold(line).lowercased()
        return markers.contains { lower.hasPrefix($0) }
      })
    else { return nil }
    if TextFolding.fold(lines[start]).lowercased().contains("original message"), !forwardSubject {
      return nil
    }
    var header: [String] = []
    var index = start + 1
    while index < lines.count, lines[index].trimmingLiteral("").isEmpty, header.isEmpty {
      index += 1
    }
    while index < lines.count {
      let line = lines[index].drop(while: { $0 == " " || $0 == "\t" || $0 == ">" })
      if line.trimmingLiteral("").isEmpty { break }
      guard let colon = line.firstIndex(of: ":"),
        let name = fields[TextFolding.fold(line[..<colon]).lowercased()]
      else {
        // A wrapped value (a long To list) continues the field before it.
        if !header.isEmpty, lines[index].first == " " || lines[index].first == "\t" {
          header[header.count - 1] += " " + TextFolding.fold(line)
          index += 1
          continue
        }
        break
      }
      let value = TextFolding.fold(line[line.index(after: colon)...])
      header.append("\(name): \(value)")
      index += 1
    }
    let names = Set(header.map { $0.prefix(while: { $0 != ":" }) })
    guard names.contains("From"), names.contains("Subject") else { return nil }
    let body = lines[index...].joined(separator: "\r\n")
    let composed =
      header.joined(separator: "\r\n")
      + "\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n"
      + "Content-Transfer-Encoding: 8bit\r\n\r\n" + body + "\r\n"
    let bytes = Array(composed.utf8)
    guard let inner = try? MIMEParser().parse(bytes) else { return nil }
    return ForwardedStatement(message: inner, raw: bytes, form: .inline)
  }

  /// The forward as the record keeps it: the forwarding mail's From, Date and Message-ID
  /// (`header`), the original's Message-ID.
  func forwarding(of header: MIMEHeader) -> Forwarding {
    let from = header.addresses("from").first
    return Forwarding(
      by: from?.address ?? "", name: from.flatMap { $0.name.isEmpty ? nil : $0.name },
      at: header.date.map(Forwarding.timestamp), messageID: header.messageID,
      originalMessageID: message.header.messageID,
      form: form == .attached ? .attached : .inline)
  }
}
