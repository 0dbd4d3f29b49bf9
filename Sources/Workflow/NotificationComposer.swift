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
    if let text = s.body.map(Self.excerpt), !text.isEmpty {
      let whole =
        text.utf8.count >= (s.body?.trimmingCharacters(in: .whitespacesAndNewlines).utf8.count ?? 0)
      body +=
        "\n----- The statement's text" + (whole ? "" : " (the start; all of it in the record)")
      body += " -----\n\(text)\n----- End of the statement's text -----\n"
    }
    body += "\nAnswering this mail reaches the receivers above, for discussion; it is never sent "
    body += "on. To respond on behalf of the group, write to the address in the X-Liaison-Respond "
    body += "header field: the response is sent to the sender's Send Reply To once the "
    body += "responsible AD (or IETF, IAB, IRTF Chair) approves it.\n"
    return PlannedMail(
      kind: .notification, statementID: record.id, dedupeKey: dedupeKey ?? "notify:\(record.id)",
      to: s.route.recipients, subject: "Liaison statement \(record.id): \(Self.subject(s.title))",
      body: body, replyTo: s.route.recipients, references: [s.messageID].compactMap { $0 },
      headers: respondHeader(record.id))
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
      kind: s.route.misdirected ? .misdirected : .unrouted, statementID: record.id,
      dedupeKey: "triage:\(record.id)", to: recipients,
      subject: "\(what) liaison statement \(record.id): \(Self.subject(s.title))", body: body,
      references: [s.messageID].compactMap { $0 })
  }

  /// The courtesy thank-you for a For-Information statement (RFC 3834 `auto-replied`).
  /// `copy`: the role holder who forwarded the statement to the gateway, copied so that
  /// the original sender sees who passed it on.
  public func acknowledgement(_ record: StatementRecord, to address: String, copy: String? = nil)
    -> PlannedMail
  {
    let s = record.statement
    var body = "Thank you for your liaison statement \"\(Self.line(s.title ?? "(untitled)"))\".\n\n"
    if let copy {
      body += "It was forwarded to the IETF liaison coordination by \(Self.line(copy)).\n"
    }
    body +=
      "It was received and recorded by the IETF as \(record.id):\n\(configuration.recordURL(for: record.id))\n\n"
    body += "It was sent for information; no reply is expected. This is an automatic message.\n"
    return PlannedMail(
      kind: .acknowledgement, statementID: record.id, dedupeKey: "ack:\(record.id)", to: [address],
      cc: [copy].compactMap { $0 }, subject: "Receipt of \(Self.subject(s.title))", body: body,
      autoSubmitted: "auto-replied",
      inReplyTo: s.messageID, references: [s.messageID].compactMap { $0 })
  }

  /// A deadline reminder to the receivers of a For-Action statement.
  public func reminder(_ record: StatementRecord, occurrence: ReminderSchedule.Occurrence)
    -> PlannedMail
  {
    let s = record.statement
    let deadline = s.deadline ?? "?"
    let when: String
    let days = occurrence.daysLeft
    switch days {
    case 1...: when = "is due in \(days) day\(days == 1 ? "" : "s") (\(deadline))"
    case 0: when = "is due today (\(deadline))"
    default: when = "is overdue by \(-days) day\(days == -1 ? "" : "s") (deadline \(deadline))"
    }
    var body = "Reminder: a response to liaison statement \(record.id) \(when).\n\n"
    body += summary(record)
    body += "\nRespond through the address in the X-Liaison-Respond header field; reminders stop "
    body += "once a response is sent, or on ACTION TAKEN or NO RESPONSE NEEDED.\n"
    return PlannedMail(
      kind: .reminder, statementID: record.id, dedupeKey: "remind:\(record.id):\(occurrence.label)",
      to: s.route.recipients,
      subject:
        "Reminder (\(occurrence.label)): response due for \(record.id): \(Self.subject(s.title))",
      body: body, replyTo: s.route.recipients, references: [s.messageID].compactMap { $0 },
      headers: respondHeader(record.id))
  }

  /// To the liaison manager and the IAB, once: a statement that asks for a response names
  /// no day it is due, so nobody will be reminded of it.
  public func deadlineUnclear(_ record: StatementRecord, to recipients: [String]) -> PlannedMail {
    let s = record.statement
    let written = s.deadlineText ?? s.deadline ?? "(none stated)"
    var body = "Liaison statement \(record.id) asks for a response, but its deadline is unclear: "
    body += "\(Self.line(written)).\n\n"
    body += "No reminders can be sent until it names a day. Set one with DEADLINE YYYY-MM-DD "
    body += "to the statement's respond address, or ask the sender.\n\n"
    body += summary(record)
    return PlannedMail(
      kind: .deadlineUnclear, statementID: record.id, dedupeKey: "unclear:\(record.id)",
      to: recipients,
      subject:
        "Deadline unclear: \(Self.line(written, limit: 60)) (\(record.id): \(Self.subject(s.title)))",
      body: body, references: [s.messageID].compactMap { $0 })
  }

  /// `X-Liaison-Respond` with the statement's secret respond address, when there is a key.
  func respondHeader(_ id: String) -> [String: String] {
    configuration.respondAddress(for: id).map { ["X-Liaison-Respond": $0] } ?? [:]
  }

  /// An approved response, to the original's Send Reply To only (Send To semantics), as a
  /// statement written by people: the metadata block, then the response text without the
  /// quoted history.
  public func response(
    draft: StatementRecord, original: StatementRecord, to address: String, cc: [String],
    replyTo: String, attachments: [PlannedMail.Attachment] = []
  ) -> PlannedMail {
    let o = original.statement
    let d = draft.statement
    // A subject that only repeats the original's title says "Re:" again.
    let title =
      d.title.flatMap { $0 == o.title ? nil : Self.subject($0) } ?? "Re: \(Self.subject(o.title))"
    var body = "Title: \(title)\n"
    body += "From: \(Self.line(o.to.isEmpty ? "IETF" : o.to.joined(separator: ", ")))\n"
    body += "To: \(Self.line(o.from.joined(separator: ", ")))\n"
    body += "Purpose: In response\n"
    if let deadline = d.deadline { body += "Deadline: \(deadline)\n" }
    body += "In response to: \(Self.line(o.title ?? original.id)) (\(original.id))\n"
    body += "Send Reply To: \(replyTo)\n\n"
    body += Self.withoutQuotedHistory(d.body ?? "") + "\n"
    if !attachments.isEmpty {
      body += "\nAttached: " + attachments.map { Self.line($0.filename) }.joined(separator: ", ")
      body += "\n"
    }
    return PlannedMail(
      kind: .relay, statementID: draft.id, dedupeKey: "relay:\(draft.id)", to: [address], cc: cc,
      subject: title, body: body, replyTo: [replyTo], autoSubmitted: nil,
      inReplyTo: o.messageID, references: [o.messageID].compactMap { $0 },
      attachments: attachments)
  }

  /// The text without quoted lines (`>`) and the "On ... wrote:" line that introduces them.
  public static func withoutQuotedHistory(_ text: String) -> String {
    // `\r\n` is one Character: split on any line break, not on "\n".
    text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map {
      $0.trimmingCharacters(in: .whitespacesAndNewlines)
    }.filter { line in
      if line.hasPrefix(">") { return false }
      if line.hasPrefix("On "), line.hasSuffix("wrote:") { return false }
      return true
    }.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
  }

  /// To the approvers: a draft response waits for one of them. Answering with APPROVE or
  /// REJECT goes to the draft's approve address, which is bound to this exact text.
  ///
  /// `replaces`: the submitter's earlier drafts for the same statement, superseded by this
  /// one; the request names them and their dates, so that an approver who saw an earlier
  /// request knows its approve address approves nothing any more.
  public func approvalRequest(
    draft: StatementRecord, original: StatementRecord, approvers: [String], copied: [String],
    destination: String, approveAddress: String, replaces: [StatementRecord] = []
  ) -> PlannedMail {
    var body = "A response on behalf of "
    body += "\(original.statement.route.groups.joined(separator: ", ")) to liaison statement "
    body += "\(original.id) waits for your approval (seed 004, section 4.1).\n\n"
    if !replaces.isEmpty {
      let earlier = replaces.map { "\($0.id) submitted \($0.receivedAt)" }
      body += "It replaces the earlier draft\(replaces.count == 1 ? "" : "s") "
      body += "\(earlier.joined(separator: ", ")), which can no longer be approved.\n\n"
    }
    body += "It will be sent to \(destination) once approved. Answer this mail with APPROVE on "
    body += "the first line to approve it, or REJECT and a reason to stop it; anything else is "
    body += "forwarded to the submitter as a comment.\n\n"
    body += "Original statement: \(configuration.recordURL(for: original.id))\n"
    body += "Submitted by: \(draft.statement.fromContacts.joined(separator: ", "))\n\n"
    body += "----- draft -----\n\(Self.withoutQuotedHistory(draft.statement.body ?? ""))\n"
    return PlannedMail(
      kind: .approvalRequest, statementID: draft.id, dedupeKey: "approve:\(draft.id)",
      to: approvers, cc: copied,
      subject: "Approval needed: response \(draft.id) to \(Self.subject(original.statement.title))",
      body: body, replyTo: [approveAddress], headers: ["X-Liaison-Approve": approveAddress])
  }

  /// Inside the IETF, to a draft's submitter: rejected, commented on, or lapsed.
  public func toSubmitter(
    _ record: StatementRecord, submitter: String, what: String, text: String, key: String
  ) -> PlannedMail {
    let outgoing = record.statement.direction == .outgoing
    var body = "Your \(outgoing ? "outgoing liaison statement" : "draft response") \(record.id) "
    body += "\(what).\n\n"
    if !text.isEmpty { body += text + "\n" }
    return PlannedMail(
      kind: .commandReply, statementID: record.id, dedupeKey: "\(key):\(record.id)",
      to: [submitter],
      subject: "\(outgoing ? "Outgoing statement" : "Draft response") \(record.id) \(what)",
      body: body)
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
    for (index, a) in s.attachments.enumerated() {
      lines.append(
        "Attachment:    \(Self.line(a.filename)) (\(a.contentType), \(a.size) bytes) "
          + "\(configuration.recordURL(for: record.id))/attachments/\(index)")
    }
    lines.append("Record:        \(configuration.recordURL(for: record.id))")
    return lines.joined(separator: "\n") + "\n"
  }

  /// Bytes of a statement's text a notification carries.
  static let excerptLimit = 8_192

  /// The start of a statement's text, at most `excerptLimit` UTF-8 bytes, cut after the last
  /// whole line that fits (a single line longer than that is cut at a character).
  static func excerpt(_ text: String) -> String {
    let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
    guard trimmed.utf8.count > excerptLimit else { return trimmed }
    var out = ""
    var bytes = 0
    for line in trimmed.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
      let size = line.utf8.count + 1
      if bytes + size > excerptLimit { break }
      out += line + "\n"
      bytes += size
    }
    if out.isEmpty {
      for character in trimmed {
        let size = String(character).utf8.count
        if bytes + size > excerptLimit { break }
        out.append(character)
        bytes += size
      }
    }
    return out.trimmingCharacters(in: .newlines)
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
    var scalars = 0
    for scalar in text.unicodeScalars {
      let isSpace =
        scalar.properties.generalCategory == .control || scalar.properties.isWhitespace
        || scalar.properties.generalCategory == .format
      if isSpace {
        if !lastSpace && !out.isEmpty {
          out.append(" ")
          scalars += 1
        }
        lastSpace = true
      } else {
        out.unicodeScalars.append(scalar)
        scalars += 1
        lastSpace = false
      }
      // Counting characters walks the whole text: only once there are `limit` scalars
      // can there be `limit` characters, and a run of accents piled on a few characters
      // (four scalars each, on average) ends the line too.
      if scalars >= limit, scalars >= 4 * limit || out.count >= limit { return out + "..." }
    }
    // Spaces are folded to one and never lead: only one can trail.
    if out.unicodeScalars.last == " " { out.unicodeScalars.removeLast() }
    return out
  }

  static func subject(_ title: String?) -> String {
    let text = line(title ?? "(untitled)", limit: 160)
    return text.isEmpty ? "(untitled)" : text
  }
}
