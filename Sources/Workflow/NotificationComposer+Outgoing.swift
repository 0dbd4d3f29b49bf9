import Foundation
import Liaison
import Routing

/// The texts of the IETF's own statements: the statement itself (metadata block of seed
/// 002, "Content of Liaison Statements", then the text), its approval request, and what
/// its submitter is told.
extension NotificationComposer {
  /// The statement's text as it goes out and is recorded: the metadata block, a blank
  /// line, the submitter's text. `replyTo` is the IETF side's Send Reply To.
  public func outgoingText(_ plan: OutgoingPlan, replyTo: String) -> String {
    let s = plan.submission
    var lines: [String] = []
    lines.append("Title: \(Self.line(s.title ?? "(untitled)"))")
    lines.append("From: \(plan.groupName)")
    let contacts = Self.uniqueLines(
      plan.copies.filter { address in
        !s.cc.contains(address) && !s.technicalContacts.contains(address)
      })
    if !contacts.isEmpty { lines.append("From-Contact: \(contacts.joined(separator: ", "))") }
    lines.append("Send Reply To: \(replyTo)")
    lines.append("To: \(Self.line(plan.bodyName))")
    lines.append("Send To: \(plan.sendTo.joined(separator: ", "))")
    if !s.cc.isEmpty { lines.append("Cc: \(s.cc.joined(separator: ", "))") }
    lines.append("Purpose: \(Self.purposeLabel(s.purpose))")
    if let deadline = s.deadline { lines.append("Deadline: \(deadline)") }
    if let inResponseTo = s.inResponseTo {
      lines.append("In Response To: \(Self.line(inResponseTo))")
    }
    if !s.technicalContacts.isEmpty {
      lines.append("Technical Contact: \(s.technicalContacts.joined(separator: ", "))")
    }
    if !s.attachments.isEmpty {
      lines.append(
        "Attachments: " + s.attachments.map { Self.line($0.filename) }.joined(separator: ", "))
    }
    return lines.joined(separator: "\n") + "\n\n" + s.text + "\n"
  }

  /// The statement to the other body: Send To, the copies, Reply-To the liaison manager
  /// (or the central address); written by people, so not `Auto-Submitted`.
  public func outgoingStatement(
    _ record: StatementRecord, cc: [String], messageID: String, inReplyTo: String?,
    attachments: [PlannedMail.Attachment]
  ) -> PlannedMail {
    let s = record.statement
    return PlannedMail(
      kind: .outgoingStatement, statementID: record.id, dedupeKey: "outgoing:\(record.id)",
      to: s.toContacts, cc: cc,
      subject: "Liaison statement \(record.id): \(Self.subject(s.title))", body: s.body ?? "",
      replyTo: [s.sendReplyTo].compactMap { $0 }, autoSubmitted: nil, inReplyTo: inReplyTo,
      references: [inReplyTo].compactMap { $0 }, messageID: messageID, attachments: attachments)
  }

  /// To the approvers: an outgoing statement waits for one of them.
  public func outgoingApprovalRequest(
    _ record: StatementRecord, submitter: String, approvers: [String], copied: [String],
    approveAddress: String
  ) -> PlannedMail {
    let s = record.statement
    var body = "An outgoing liaison statement of \(Self.line(s.from.joined(separator: ", "))) "
    body += "to \(Self.line(s.to.joined(separator: ", "))), submitted by \(submitter), waits "
    body += "for your approval (seed 004, section 4.1).\n\n"
    body += "It will be sent to \(s.toContacts.joined(separator: ", ")) once approved, copied to "
    body += "\(s.cc.isEmpty ? "nobody" : s.cc.joined(separator: ", ")). Answer this mail with "
    body += "APPROVE on the first line to send it, or REJECT and a reason to stop it; anything "
    body += "else is forwarded to the submitter as a comment.\n\n"
    body += "----- statement \(record.id) -----\n\(s.body ?? "")"
    return PlannedMail(
      kind: .approvalRequest, statementID: record.id, dedupeKey: "approve:\(record.id)",
      to: approvers, cc: copied,
      subject: "Approval needed: outgoing liaison statement \(record.id): \(Self.subject(s.title))",
      body: body, replyTo: [approveAddress], headers: ["X-Liaison-Approve": approveAddress])
  }

  /// To a submitter (inside the IETF): every problem of a submission, in one reply.
  public func submissionProblems(
    _ mail: StatementRecord, submitter: String, problems: [SubmissionProblem]
  ) -> PlannedMail {
    var body = "Your liaison statement submission (\(mail.id)) was not accepted: "
    body += "\(problems.count) problem\(problems.count == 1 ? "" : "s") to fix.\n\n"
    for (number, problem) in problems.enumerated() {
      body += "\(number + 1). \(Self.line(problem.description))\n"
    }
    body += "\nNothing was recorded publicly or sent. Correct the submission and send it again "
    body += "to \(configuration.submissionAddress). The fields are: "
    body += SubmissionParser.labelNames.joined(separator: ", ") + "; then a blank line and the "
    body += "text.\n"
    return PlannedMail(
      kind: .commandReply, statementID: mail.id, dedupeKey: "problems:\(mail.id)",
      to: [submitter], subject: "Submission not accepted: \(Self.subject(mail.statement.title))",
      body: body, inReplyTo: mail.statement.messageID,
      references: [mail.statement.messageID].compactMap { $0 })
  }

  /// To the liaison manager: the other body has not answered by our statement's deadline.
  public func outgoingDeadlinePassed(
    _ record: StatementRecord, deadline: String, to address: String
  )
    -> PlannedMail
  {
    var body = "The deadline (\(deadline)) of the outgoing liaison statement \(record.id) has "
    body += "passed and no answer from \(Self.line(record.statement.to.joined(separator: ", "))) "
    body += "is recorded. The other body is not reminded by liaisond; follow up if needed.\n\n"
    body += summary(record)
    return PlannedMail(
      kind: .reminder, statementID: record.id, dedupeKey: "outgoing-deadline:\(record.id)",
      to: [address],
      subject: "No answer by \(deadline) to \(record.id): \(Self.subject(record.statement.title))",
      body: body)
  }

  /// To the IAB: a statement the IETF sent elsewhere without this tool, copied to us.
  public func sentOutsideTheTool(_ record: StatementRecord, sender: String) -> PlannedMail {
    var body = "A liaison statement the IETF sent without liaisond was copied to the central "
    body += "address. It is recorded as the outgoing statement \(record.id) and was not "
    body += "acknowledged.\n\nSent by: \(sender)\n\n"
    body += summary(record)
    return PlannedMail(
      kind: .sentOutsideTheTool, statementID: record.id, dedupeKey: "outside:\(record.id)",
      to: [configuration.iabContact],
      subject: "Outgoing statement sent outside the tool: \(Self.subject(record.statement.title))",
      body: body, references: [record.statement.messageID].compactMap { $0 })
  }

  static func uniqueLines(_ addresses: [String]) -> [String] {
    var seen: Set<String> = []
    return addresses.filter { seen.insert($0.lowercased()).inserted }
  }
}
