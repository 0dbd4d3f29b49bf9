import MIME

/// What the field steps read: the message's headers, its body text, the texts of its
/// documents, and the labels each of those texts carries. Built once per message; steps
/// never change it.
struct ExtractionInput {
  /// A text that states labels, and the source `sources` records for what it gives.
  struct SourcedFields {
    var source: FieldSource
    var fields: LabelledFields
  }

  let message: MIMEMessage
  var header: MIMEHeader { message.header }
  /// The subject, whitespace folded.
  let subject: String?
  let bodyText: String?
  /// The attached documents that have a text, in attachment order.
  let documents: [DocumentText]
  /// Attached documents whose labels make them the statement, in attachment order.
  let statementDocuments: [SourcedFields]
  /// The statement's texts, most authoritative first: statement documents, then the body.
  let texts: [SourcedFields]
  let fromAddress: String?
  let toAddresses: [String]
  let ccAddresses: [String]
  let replyToAddresses: [String]
  /// Statement ids of the gateway plus-addresses the mail went to (a chair's reply).
  let gatewayIDs: [String]
  /// Whether the mail went to the submission address (`LOCAL+new@DOMAIN`).
  let isSubmission: Bool
  let options: LiaisonExtractor.Options
  /// The kind a person decided on (a reclassification), over the classifier's.
  let decidedKind: MessageKind?

  init(
    message: MIMEMessage, bodyText: String?, documents: [DocumentText],
    options: LiaisonExtractor.Options, decidedKind: MessageKind? = nil
  ) {
    self.decidedKind = decidedKind
    let header = message.header
    self.message = message
    self.options = options
    self.bodyText = bodyText
    self.documents = documents
    let subject = header.subject.map { TextFolding.fold($0) }
    self.subject = subject
    fromAddress = Self.addresses(header, "from").first
    toAddresses = Self.addresses(header, "to")
    ccAddresses = Self.addresses(header, "cc")
    replyToAddresses = Self.addresses(header, "reply-to")
    let recipients = toAddresses + ccAddresses + Self.addresses(header, "delivered-to")
    gatewayIDs = recipients.compactMap {
      MessageClassifier.statementID(inPlusAddress: $0, gateways: options.gatewayAddresses)
    }
    isSubmission = recipients.contains {
      MessageClassifier.isSubmissionAddress($0, gateways: options.gatewayAddresses)
    }
    let bodyFields = bodyText.map {
      SourcedFields(source: .body, fields: LabelledFieldParser.parse($0, subject: subject))
    }
    statementDocuments = documents.compactMap { doc in
      guard let text = doc.text else { return nil }
      let fields = LabelledFieldParser.parse(text)
      return fields.looksLikeStatement
        ? SourcedFields(source: .attachment(doc.name), fields: fields) : nil
    }
    texts = statementDocuments + (bodyFields.map { [$0] } ?? [])
  }

  /// A gateway address, or a plus-address of one.
  func isGateway(_ address: String) -> Bool {
    options.gatewayAddresses.contains(address)
      || MessageClassifier.statementID(inPlusAddress: address, gateways: options.gatewayAddresses)
        != nil
      || MessageClassifier.isSubmissionAddress(address, gateways: options.gatewayAddresses)
  }

  static func addresses(_ header: MIMEHeader, _ name: String) -> [String] {
    AddressNormaliser.unique(
      header.all(name).flatMap { field in
        MIMEHeader(fields: [field]).addresses(name).compactMap {
          AddressNormaliser.normalise($0.address)
        }
      })
  }
}

/// The statement while the field steps fill it, and the defects met so far.
struct StatementDraft {
  var statement = ExtractedStatement()
  var defects: [String] = []

  /// Sets a field's source; `key` is the field's JSON key, as `sources` names it.
  mutating func source(_ key: ExtractedStatement.CodingKeys, _ source: FieldSource) {
    statement.sources[key.stringValue] = source
  }

  func source(of key: ExtractedStatement.CodingKeys) -> FieldSource? {
    statement.sources[key.stringValue]
  }
}
