import Foundation
import Liaison

/// Writes the text of every mail the process sends. Pure: a record in, a `PlannedMail` out.
///
/// Everything taken from a statement is hostile: subjects are reduced to one line of
/// printable text of bounded length (the transport's header encoder does the rest), and
/// bodies are plain text.
public struct NotificationComposer: Sendable {
  public let configuration: ProcessConfiguration

  public init(configuration: ProcessConfiguration) {
    self.configuration = configuration
  }

  /// To the routed receivers, on receipt; their replies come back through the Reply-To.
  public func notification(
    _ record: StatementRecord, dedupeKey: String? = nil, preface: String? = nil
  ) -> PlannedMail {
    let s = record.statement
    var body = ""
    if let preface { body += preface + "\n\n" }
    body += "A liaison statement was received and recorded as \(record.id).\n\n"
    body += summary(record)
    body +=
      "\nReceivers: \(s.route.groups.isEmpty ? "(none)" : s.route.groups.joined(separator: ", "))"
    body += "\nRouting: \(Self.line(s.route.reason))\n"
    body +=
      "\nTo reply on behalf of the group, answer this mail: the gateway records the reply and "
    body += "sends it on to the sender's Send Reply To address only. A reply on behalf of an IETF "
    body += "working group is sent once the responsible AD is copied on it (or approves it).\n"
    return PlannedMail(
      kind: .notification, statementID: record.id, dedupeKey: dedupeKey ?? "notify:\(record.id)",
      to: s.route.recipients, subject: "Liaison statement \(record.id): \(Self.subject(s.title))",
      body: body,
      replyTo: configuration.replyAddress(for: record.id),
      references: [s.messageID].compactMap { $0 })
  }

  /// To the IAB contact: a statement that could not be routed or looks misdirected.
  public func triage(_ record: StatementRecord, to recipients: [String]) -> PlannedMail {
    let s = record.statement
    let what = s.route.misdirected ? "Misdirected" : "Unrouted"
    var body = "\(what) liaison statement \(record.id).\n\n"
    body += "Reason: \(Self.line(s.route.reason))\n\n"
    body += summary(record)
    body += "\nTo route it: liaisond route \(record.id) --to GROUP --note TEXT\n"
    body += "Please give the sender informal feedback about where to address such statements "
    body += "(draft-iab-rfc4053bis, section 3.1).\n"
    return PlannedMail(
      kind: .misdirected, statementID: record.id, dedupeKey: "triage:\(record.id)", to: recipients,
      subject: "\(what) liaison statement \(record.id): \(Self.subject(s.title))", body: body,
      replyTo: configuration.replyAddress(for: record.id),
      references: [s.messageID].compactMap { $0 })
  }

  /// The courtesy thank-you for a For-Information statement (RFC 3834 `auto-replied`).
  public func acknowledgement(_ record: StatementRecord, to address: String) -> PlannedMail {
    let s = record.statement
    var body = "Thank you for your liaison statement \"\(Self.line(s.title ?? "(untitled)"))\".\n\n"
    body +=
      "It was received and recorded by the IETF as \(record.id):\n\(configuration.recordURL(for: record.id))\n\n"
    body += "It was sent for information; no reply is expected. This is an automatic message.\n"
    return PlannedMail(
      kind: .acknowledgement, statementID: record.id, dedupeKey: "ack:\(record.id)", to: [address],
      subject: "Receipt of \(Self.subject(s.title))", body: body, autoSubmitted: "auto-replied",
      inReplyTo: s.messageID, references: [s.messageID].compactMap { $0 })
  }

  /// A deadline reminder to the receivers of a For-Action statement.
  public func reminder(_ record: StatementRecord, occurrence: ReminderSchedule.Occurrence)
    -> PlannedMail
  {
    let s = record.statement
    let deadline = s.deadline ?? "?"
    let when: String
    switch occurrence.offset {
    case ..<0:
      when =
        "is due in \(-occurrence.offset) day\(occurrence.offset == -1 ? "" : "s") (\(deadline))"
    case 0: when = "is due today (\(deadline))"
    default: when = "is \(occurrence.offset) days overdue (deadline \(deadline))"
    }
    var body = "Reminder: a response to liaison statement \(record.id) \(when).\n\n"
    body += summary(record)
    body += "\nAnswer this mail to reply; reminders stop once a response is recorded.\n"
    return PlannedMail(
      kind: .reminder, statementID: record.id, dedupeKey: "remind:\(record.id):\(occurrence.label)",
      to: s.route.recipients,
      subject:
        "Reminder (\(occurrence.label)): response due for \(record.id): \(Self.subject(s.title))",
      body: body,
      replyTo: configuration.replyAddress(for: record.id),
      references: [s.messageID].compactMap { $0 })
  }

  /// The chairs' reply, sent on to the original's Send Reply To (Send To semantics).
  public func relay(reply: StatementRecord, original: StatementRecord, to address: String)
    -> PlannedMail
  {
    let r = reply.statement
    var body = (r.body ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    body +=
      "\n\n-- \nIETF response \(reply.id) to \"\(Self.line(original.statement.title ?? original.id))\""
    body += " (\(original.id)), recorded at \(configuration.recordURL(for: reply.id))\n"
    if !r.attachments.isEmpty {
      body += "Attachments: " + r.attachments.map(\.filename).joined(separator: ", ")
      body += " (\(configuration.recordURL(for: reply.id)))\n"
    }
    let title = r.title.map(Self.subject) ?? "Re: \(Self.subject(original.statement.title))"
    return PlannedMail(
      kind: .relay, statementID: reply.id, dedupeKey: "relay:\(reply.id)", to: [address],
      subject: title,
      body: body, replyTo: configuration.gatewayAddress, inReplyTo: original.statement.messageID,
      references: [original.statement.messageID].compactMap { $0 })
  }

  /// To the responsible ADs: a reply on behalf of a WG waits for their approval.
  public func approvalRequest(
    reply: StatementRecord, original: StatementRecord, ads: [String], destination: String
  ) -> PlannedMail {
    var body =
      "A reply on behalf of \(original.statement.route.groups.joined(separator: ", ")) to liaison "
    body += "statement \(original.id) was received without the responsible AD in copy.\n\n"
    body += "It will be sent to \(destination) once approved. To approve it, reply to this mail "
    body += "(any text). To stop it, do nothing and tell the chairs.\n\n"
    body += "Original statement: \(configuration.recordURL(for: original.id))\n"
    body += "From the reply: \(reply.statement.fromContacts.joined(separator: ", "))\n\n"
    body +=
      "----- reply -----\n\((reply.statement.body ?? "").trimmingCharacters(in: .whitespacesAndNewlines))\n"
    return PlannedMail(
      kind: .approvalRequest, statementID: reply.id, dedupeKey: "approve:\(reply.id)", to: ads,
      subject: "Approval needed: reply \(reply.id) to \(Self.subject(original.statement.title))",
      body: body,
      replyTo: configuration.replyAddress(for: reply.id))
  }

  /// The summary block every mail about a statement carries.
  func summary(_ record: StatementRecord) -> String {
    let s = record.statement
    var lines: [String] = []
    lines.append("Title:         \(Self.line(s.title ?? "(untitled)"))")
    lines.append("From:          \(Self.line(s.from.joined(separator: "; ")))")
    lines.append("To:            \(Self.line(s.to.joined(separator: "; ")))")
    lines.append("Purpose:       \(Self.purposeLabel(s.purpose))")
    if let deadline = s.deadline ?? s.deadlineText {
      lines.append("Deadline:      \(Self.line(deadline))")
    }
    if let reply = s.sendReplyTo { lines.append("Send Reply To: \(reply)") }
    if !s.fromContacts.isEmpty {
      lines.append("From-Contact:  \(s.fromContacts.joined(separator: ", "))")
    }
    for a in s.attachments {
      lines.append("Attachment:    \(Self.line(a.filename)) (\(a.contentType), \(a.size) bytes)")
    }
    lines.append("Record:        \(configuration.recordURL(for: record.id))")
    return lines.joined(separator: "\n") + "\n"
  }

  static func purposeLabel(_ purpose: Purpose?) -> String {
    switch purpose {
    case .some(.information): return "For Information"
    case .some(.action): return "For Action"
    case .some(.response): return "In Response"
    case .some(.comment): return "For Comment"
    case .some(let other): return line(other.rawValue)
    case .none: return "(not stated)"
    }
  }

  /// One line of printable text: controls and line breaks become spaces, runs collapse.
  static func line(_ text: String, limit: Int = 500) -> String {
    var out = ""
    var lastSpace = false
    for scalar in text.unicodeScalars {
      let isSpace =
        scalar.properties.generalCategory == .control || scalar.properties.isWhitespace
        || scalar.properties.generalCategory == .format
      if isSpace {
        if !lastSpace && !out.isEmpty { out.append(" ") }
        lastSpace = true
      } else {
        out.unicodeScalars.append(scalar)
        lastSpace = false
      }
      if out.count >= limit { return out + "..." }
    }
    return out.trimmingCharacters(in: .whitespaces)
  }

  static func subject(_ title: String?) -> String {
    let text = line(title ?? "(untitled)", limit: 160)
    return text.isEmpty ? "(untitled)" : text
  }
}
