/// The steps that conclude from the statement as a whole: the deadline with its text,
/// what it answers, a purpose no label stated, its identifiers, and its defects.
extension FieldStep {
  /// The deadline and its unparsed text come from the same place.
  static let deadline = FieldStep(kinds: statementOrReply) { draft, input in
    for t in input.texts where t.fields.deadline != nil || t.fields.deadlineText != nil {
      draft.statement.deadline = t.fields.deadline
      draft.statement.deadlineText = t.fields.deadlineText
      draft.source(t.fields.deadline != nil ? .deadline : .deadlineText, t.source)
      return
    }
  }

  /// A statement that names no statement it answers answers the mail it replies to.
  static let inReplyToHeader = FieldStep(kinds: statementOnly) { draft, _ in
    if draft.statement.inResponseTo == nil, let id = draft.statement.inReplyTo.first {
      draft.statement.inResponseTo = id
      draft.source(.inResponseTo, .header)
    }
  }

  static let purposeInProse = FieldStep(kinds: statementOnly) { draft, input in
    guard draft.statement.purpose == nil else { return }
    for t in input.texts {
      guard let text = t.source == .body ? input.bodyText : draft.statement.body,
        let p = LabelledFieldParser.purposeInProse(text)
      else { continue }
      draft.statement.purpose = p
      draft.source(.purpose, t.source)
      return
    }
  }

  /// An answer that names no purpose is a response.
  static let purposeOfAnAnswer = FieldStep(kinds: statementOnly) { draft, _ in
    if draft.statement.purpose == nil, let source = draft.source(of: .inResponseTo) {
      draft.statement.purpose = .response
      draft.source(.purpose, source)
    }
  }

  /// Identifiers: the subject's, then the statement texts', never the one answered.
  static let otherIdentifiers = FieldStep(kinds: statementOrReply) { draft, input in
    var identifiers: [(String, FieldSource)] = []
    if let subject = input.subject {
      identifiers += IdentifierScanner.identifiers(in: subject).map { ($0, .header) }
    }
    for t in input.texts { identifiers += t.fields.otherIdentifiers.map { ($0, t.source) } }
    var seen = Set<String>()
    for (id, source) in identifiers
    where id != draft.statement.inResponseTo && seen.insert(id).inserted {
      if draft.statement.otherIdentifiers.isEmpty { draft.source(.otherIdentifiers, source) }
      draft.statement.otherIdentifiers.append(id)
    }
  }

  static let markupInTitle = FieldStep(kinds: statementOrReply) { draft, _ in
    if let title = draft.statement.title, containsMarkup(title) {
      draft.defects.append(
        "title contains HTML markup; kept as plain text, never rendered as HTML")
    }
  }

  static let noLabels = FieldStep(kinds: statementOnly) { draft, input in
    if input.statementDocuments.isEmpty
      && !input.texts.contains(where: { $0.fields.looksLikeStatement })
    {
      draft.defects.append(noLabelsDefect)
    }
  }

  static let noLabelsDefect = "no liaison labels found; metadata taken from the mail headers"

  static func containsMarkup(_ s: String) -> Bool {
    let lower = s.lowercased()
    guard let open = lower.firstIndex(of: "<") else { return false }
    let after = lower[lower.index(after: open)...]
    return (after.first.map { $0.isLetter || $0 == "/" || $0 == "!" } ?? false)
      && after.contains(">")
  }
}
