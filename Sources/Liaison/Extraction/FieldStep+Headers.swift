import MIME

/// The steps that read the mail itself: what kind of mail it is, its ids, its body, and
/// the header values a statement's own texts may later overrule.
extension FieldStep {
  /// Automatic mail and bounces are recorded, never read as statements; a mail to a
  /// statement's plus-address is a reply to it; the rest is a statement when its texts
  /// carry liaison labels or its subject names a liaison. List mail is a statement only by
  /// its texts (a list's discussion of a liaison is not one), and then carries the
  /// list-mail defect. What is not a statement says in its route why it was not routed.
  static let kind = FieldStep(kinds: every) { draft, input in
    let notRouted = { (why: String) in RouteDecision(reason: "not routed: " + why) }
    let ownDomains = input.options.gatewayAddresses.compactMap {
      $0.split(separator: "@").last.map(String.init)
    }
    let statementText = input.texts.contains {
      $0.fields.looksLikeStatement || $0.fields.labelCount >= 2
    }
    if let decided = input.decidedKind {
      draft.statement.kind = decided
    } else if let why = MessageClassifier.bounceReason(input.message, ownDomains: ownDomains) {
      draft.statement.kind = .bounce
      draft.statement.route = notRouted("bounce: " + why)
    } else if let why = MessageClassifier.automaticReason(input.message) {
      draft.statement.kind = .autoReply
      draft.statement.route = notRouted("automatic mail: " + why)
    } else if !input.gatewayIDs.isEmpty || input.isSubmission {
      // A reply, a command or a submission of the IETF's own: private, for the process.
      draft.statement.kind = .replyToStatement
    } else if let list = MessageClassifier.listMarker(input.message) {
      if statementText {
        draft.statement.kind = .statement
        draft.defects.append(MessageClassifier.listMailDefect(list))
      } else {
        draft.statement.kind = .autoReply
        draft.statement.route = notRouted("mailing-list traffic (\(list)) with no liaison labels")
      }
    } else {
      let liaisonSubject = input.subject.map(MessageClassifier.subjectNamesLiaison) ?? false
      if statementText || liaisonSubject {
        draft.statement.kind = .statement
      } else {
        draft.statement.kind = .notLiaison
        draft.statement.route = notRouted(
          "no liaison labels, and the subject names no liaison statement")
      }
    }
  }

  static let messageIDs = FieldStep(kinds: every) { draft, input in
    draft.statement.messageID = input.header.messageID
    draft.statement.inReplyTo = replyIDs(input.header)
  }

  /// Who the sender is, by the receiving MTA's `Authentication-Results` only.
  static let authentication = FieldStep(kinds: every) { draft, input in
    draft.statement.authentication = SenderAuthentication.evaluate(
      input.header, trustedAuthservIDs: input.options.trustedAuthservIDs)
  }

  static let mailBody = FieldStep(kinds: every) { draft, input in
    draft.statement.body = input.bodyText
    if input.bodyText != nil { draft.source(.body, .body) }
  }

  static let subjectTitle = FieldStep(kinds: every) { draft, input in
    if let title = input.subject.map(cleanSubject), !title.isEmpty {
      draft.statement.title = title
      draft.source(.title, .header)
    }
  }

  static let fromHeader = FieldStep(kinds: every) { draft, input in
    if let from = input.fromAddress {
      draft.statement.fromContacts = [from]
      draft.source(.fromContacts, .header)
    }
  }

  /// The text of the first attached document that is the statement, over the mail body.
  static let statementDocumentBody = FieldStep(kinds: statementOrReply) { draft, input in
    if let doc = input.statementDocuments.first,
      let text = input.documents.first(where: { FieldSource.attachment($0.name) == doc.source })?
        .text
    {
      draft.statement.body = text
      draft.source(.body, doc.source)
    }
  }

  static let gatewayReply = FieldStep(kinds: [.replyToStatement]) { draft, input in
    draft.statement.inResponseTo = input.gatewayIDs.first
    draft.source(.inResponseTo, .header)
  }

  static let replyToHeader = FieldStep(kinds: statementOrReply) { draft, input in
    if let replyTo = input.replyToAddresses.first ?? input.fromAddress {
      draft.statement.sendReplyTo = replyTo
      draft.source(.sendReplyTo, .header)
    }
  }

  static let toHeader = FieldStep(kinds: statementOrReply) { draft, input in
    let to = input.toAddresses.filter { !input.isGateway($0) }
    if !to.isEmpty {
      draft.statement.toContacts = to
      draft.source(.toContacts, .header)
    }
  }

  static let ccHeader = FieldStep(kinds: statementOrReply) { draft, input in
    let to = input.toAddresses.filter { !input.isGateway($0) }
    let cc = input.ccAddresses.filter { !input.isGateway($0) && !to.contains($0) }
    if !cc.isEmpty {
      draft.statement.cc = cc
      draft.source(.cc, .header)
    }
  }

  /// The gateway address the statement was sent to.
  static let sendToHeader = FieldStep(kinds: statementOnly) { draft, input in
    if let gateway = (input.toAddresses + input.ccAddresses).first(where: {
      input.options.gatewayAddresses.contains($0)
    }) {
      draft.statement.sendTo = gateway
      draft.source(.sendTo, .header)
    }
  }

  /// The Message-IDs of `In-Reply-To`; its folded text when it holds none.
  static func replyIDs(_ header: MIMEHeader) -> [String] {
    guard let value = header.inReplyTo else { return [] }
    var ids: [String] = []
    var current: String?
    for ch in value {
      if ch == "<" {
        current = "<"
      } else if ch == ">", var c = current {
        c.append(">")
        ids.append(c)
        current = nil
      } else if current != nil {
        current!.append(ch)
      }
    }
    return ids.isEmpty ? [TextFolding.fold(value)].filter { !$0.isEmpty } : ids
  }

  /// `Re: Fwd: [ccamp] LS on X` -> `LS on X`; `New Liaison Statement, "X"` -> `X`.
  static func cleanSubject(_ subject: String) -> String {
    var s = Substring(TextFolding.fold(subject))
    var changed = true
    while changed {
      changed = false
      for prefix in ["re:", "fw:", "fwd:", "aw:", "wg:", "tr:", "sv:", "antw:"]
      where
        s.lowercased().hasPrefix(prefix)
      {
        s = s.dropFirst(prefix.count).drop(while: { $0 == " " })
        changed = true
      }
      if s.first == "[", let close = s.firstIndex(of: "]"),
        s.distance(from: s.startIndex, to: close) < 40
      {
        s = s[s.index(after: close)...].drop(while: { $0 == " " })
        changed = true
      }
    }
    let notice = "new liaison statement, "
    if s.lowercased().hasPrefix(notice) {
      s = s.dropFirst(notice.count)
      if s.count >= 2, let f = s.first, let l = s.last, "\"“".contains(f), "\"”".contains(l) {
        s = s.dropFirst().dropLast()
      }
    }
    return TextFolding.fold(s)
  }
}
