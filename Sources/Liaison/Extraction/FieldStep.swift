/// One step of extraction: it reads what the message says (`ExtractionInput`) and fills
/// its part of the statement, recording in `sources` where each value it sets came from.
///
/// `pipeline` is the whole extraction after the documents are read, in order. A new field
/// is one step here (usually `labelled`, the first statement text that states it).
struct FieldStep: Sendable {
  /// The kinds of message the step reads; for the others it does nothing.
  var kinds: Set<MessageKind>
  var fill: @Sendable (inout StatementDraft, ExtractionInput) -> Void

  static let every = Set(MessageKind.allCases)
  static let statementOrReply: Set<MessageKind> = [.statement, .replyToStatement]
  static let statementOnly: Set<MessageKind> = [.statement]

  /// Headers first, then the statement's own texts over them: the texts win.
  static let pipeline: [FieldStep] = [
    .kind,
    .messageIDs,
    .authentication,
    .mailBody,
    .subjectTitle,
    .fromHeader,
    .statementDocumentBody,
    .gatewayReply,
    .replyToHeader,
    .toHeader,
    .ccHeader,
    .sendToHeader,
    .labelled(.title, \.title, into: \.title),
    .labelled(.from, \.from, into: \.from),
    .labelled(.fromContacts, \.fromContacts, into: \.fromContacts),
    .labelled(.sendReplyTo, \.sendReplyTo, into: \.sendReplyTo),
    .labelled(.to, \.to, into: \.to),
    .labelled(.toContacts, \.toContacts, into: \.toContacts),
    .labelled(.sendTo, \.sendTo, into: \.sendTo),
    .labelled(.cc, \.cc, into: \.cc),
    .labelled(.purpose, \.purpose, into: \.purpose),
    .deadline,
    .labelled(.inResponseTo, \.inResponseTo, into: \.inResponseTo, for: statementOnly),
    .inReplyToHeader,
    .purposeInProse,
    .purposeOfAnAnswer,
    .otherIdentifiers,
    .markupInTitle,
    .noLabels,
  ]

  /// The first of the statement's texts (most authoritative first) that states the field
  /// gives it, and its source.
  static func labelled<T: Sendable>(
    _ key: ExtractedStatement.CodingKeys,
    _ value: any KeyPath<LabelledFields, T?> & Sendable,
    into field: any WritableKeyPath<ExtractedStatement, T?> & Sendable,
    for kinds: Set<MessageKind> = statementOrReply
  ) -> FieldStep {
    FieldStep(kinds: kinds) { draft, input in
      for text in input.texts {
        if let v = text.fields[keyPath: value] {
          draft.statement[keyPath: field] = v
          draft.source(key, text.source)
          return
        }
      }
    }
  }

  /// The same for a list: an empty list states nothing.
  static func labelled(
    _ key: ExtractedStatement.CodingKeys,
    _ value: any KeyPath<LabelledFields, [String]> & Sendable,
    into field: any WritableKeyPath<ExtractedStatement, [String]> & Sendable,
    for kinds: Set<MessageKind> = statementOrReply
  ) -> FieldStep {
    FieldStep(kinds: kinds) { draft, input in
      for text in input.texts where !text.fields[keyPath: value].isEmpty {
        draft.statement[keyPath: field] = text.fields[keyPath: value]
        draft.source(key, text.source)
        return
      }
    }
  }
}
