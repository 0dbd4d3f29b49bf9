import Liaison

/// The words the pages use for the record's vocabularies; unknown values show as recorded.
enum Labels {
  static func purpose(_ purpose: Purpose?) -> String {
    guard let purpose else { return "Not stated" }
    switch purpose {
    case .information: return "For information"
    case .action: return "For action"
    case .response: return "In response"
    case .comment: return "For comment"
    default: return purpose.rawValue
    }
  }

  static func state(_ state: StatementState) -> String {
    switch state {
    case .open: return "Open"
    case .unrouted: return "Unrouted"
    case .misdirected: return "Misdirected"
    case .answered: return "Answered"
    case .awaitingApproval: return "Awaiting approval"
    case .closed: return "Closed"
    case .quarantined: return "Quarantined"
    case .heldBack: return "Held back"
    case .pending: return "Pending approval"
    case .approved: return "Approved"
    case .sent: return "Sent"
    case .rejected: return "Rejected"
    case .lapsed: return "Lapsed"
    default: return state.rawValue
    }
  }

  /// A CSS class suffix: only known states get one, so a stored value never reaches markup
  /// structure (it is escaped anyway; this keeps the class list predictable).
  static func stateClass(_ state: StatementState) -> String {
    switch state {
    case .open, .unrouted, .misdirected, .answered, .closed, .quarantined: return state.rawValue
    case .awaitingApproval, .pending: return "awaiting"
    case .sent, .approved: return "open"
    case .rejected, .lapsed: return "closed"
    default: return "other"
    }
  }

  static func direction(_ direction: Direction) -> String {
    switch direction {
    case .incoming: return "Received"
    case .outgoing: return "Sent by the IETF"
    default: return direction.rawValue
    }
  }

  /// What the statement's first time stamp is: when its mail reached us, or, for one of
  /// ours, when it was submitted.
  static func arrival(_ direction: Direction) -> String {
    direction == .outgoing ? "Submitted" : "Received"
  }

  /// The statement page's words: which way the statement went.
  static func directionLong(_ direction: Direction) -> String {
    switch direction {
    case .outgoing: return "Outgoing, sent by the IETF"
    default: return "Incoming, received by the IETF"
    }
  }

  /// Who forwarded a statement to the gateway, when, in which mail: one value per line.
  static func forwarding(_ forward: Forwarding) -> [String] {
    let who = forward.by.isEmpty ? "an unnamed sender" : forward.by
    var values = [forward.name.map { "\($0) <\(who)>" } ?? who]
    if let at = forward.at { values.append("on " + Timestamp.display(at)) }
    values.append(
      forward.form == .attached
        ? "as an attached message (the original is an attachment)" : "inline, in the mail's text")
    if let id = forward.messageID { values.append("forward's Message-ID " + id) }
    if let id = forward.originalMessageID { values.append("original's Message-ID " + id) }
    return values
  }

  static func kind(_ kind: MessageKind) -> String {
    switch kind {
    case .statement: return "Liaison statement"
    case .replyToStatement: return "Reply to a statement"
    case .autoReply: return "Automatic reply"
    case .bounce: return "Delivery failure notice"
    case .notLiaison: return "Not a liaison statement"
    }
  }

  /// A history entry's kind in words; a kind this version does not know shows as recorded.
  static func event(_ kind: EventKind) -> String {
    eventLabel(kind) ?? kind.rawValue
  }

  /// The words for each kind of `EventKind.allCases` (a test holds them to it).
  static func eventLabel(_ kind: EventKind) -> String? {
    switch kind {
    case .received: "Received"
    case .duplicate: "Received again"
    case .quarantined: "Quarantined"
    case .messageIDReused: "Message-ID reused"
    case .processFailed: "Processing failed"
    case .routed: "Routed"
    case .rerouted: "Re-routed"
    case .notified: "Notified"
    case .triage: "Sent for triage"
    case .acknowledged: "Acknowledged"
    case .notAcknowledged: "Not acknowledged"
    case .reminded: "Reminded"
    case .replyPending: "Reply awaiting approval"
    case .approvalRequested: "Approval requested"
    case .approved: "Approved"
    case .relayed: "Reply sent"
    case .linked: "Linked as a response"
    case .answered: "Answered"
    case .unverifiedAnswer: "Says it answers (not verified)"
    case .commandRefused: "Command refused"
    case .rejected: "Draft rejected"
    case .commented: "Comment forwarded"
    case .lapsed: "Draft lapsed"
    case .actionTaken: "Action taken"
    case .deadlineChanged: "Deadline changed"
    case .superseded: "Draft superseded by a newer one"
    case .mailHeldBack: "Mail about it held back"
    case .reclassified: "Reclassified as a statement"
    case .deadlineUnclear: "Deadline unclear; IAB told"
    case .imported: "Imported from the datatracker (read-only history; no mail sent)"
    case .unrouted: "Unrouted"
    case .awaitingApproval: "Awaiting approval"
    case .closed: "Closed"
    case .heldBack: "Held back"
    case .submitted: "Submitted"
    case .sent: "Sent"
    case .sentOutsideTheTool: "Sent outside the tool"
    case .copyOfOutgoing: "Copy of a sent statement"
    default: nil
    }
  }

  /// Where a field came from, in words (`attachment:LS-123.pdf` -> `attachment LS-123.pdf`).
  /// What the receiving MTA said of the sender, in words a reader understands.
  /// The sender line of a statement imported from the datatracker, which had no mail.
  static let importedSender = "imported from the datatracker (no mail was received)"

  static func authentication(_ verdict: SenderAuthentication?) -> String {
    guard let verdict else { return "not recorded (received before liaisond kept it)" }
    let how = [verdict.method?.rawValue.uppercased(), verdict.domain].compactMap { $0 }
      .joined(separator: ", ")
    switch verdict.result {
    case .pass: return "authenticated by the receiving mail server (\(how))"
    case .fail: return "authentication failed" + (how.isEmpty ? "" : " (\(how))")
    default: return "not authenticated"
    }
  }

  static func source(_ source: FieldSource?) -> String? {
    guard let source else { return nil }
    switch source {
    case .header: return "mail header"
    case .body: return "mail body"
    case .manual: return "entered by hand"
    default:
      if source.rawValue.hasPrefix("attachment:") {
        return "attachment " + source.rawValue.dropFirst("attachment:".count)
      }
      return source.rawValue
    }
  }

  static func size(_ bytes: Int) -> String {
    if bytes < 1024 { return "\(bytes) bytes" }
    if bytes < 1024 * 1024 { return "\((bytes + 512) / 1024) KB" }
    let tenths = (bytes * 10 + 512 * 1024) / (1024 * 1024)
    return "\(tenths / 10).\(tenths % 10) MB"
  }

  static func count(_ n: Int) -> String {
    let digits = String(n)
    var out = ""
    for (i, c) in digits.enumerated() {
      if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
      out.append(c)
    }
    return out
  }
}
