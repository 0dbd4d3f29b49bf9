import Foundation
import MIME

/// Extracts the liaison metadata of one parsed mail: from its headers, its text and HTML
/// bodies, and the statement documents attached to it (plain text, HTML, PDF, DOCX, and
/// ZIP files of those).
///
/// Two phases. The attachments are read by the injected `readers` (the only phase that
/// may wait: a PDF reader runs a child process); then the `FieldStep.pipeline` fills the
/// statement from what the message says (`ExtractionInput`), one field step at a time.
///
/// Where the headers and the statement's own text disagree, the statement wins; every
/// field records where its value came from (`sources`). Extraction never throws and never
/// stops on hostile input: each problem becomes a line in `defects`.
public struct LiaisonExtractor: Sendable {
  /// Who the gateway is and the limits that bound the work one hostile mail can cause.
  public struct Options: Sendable, Hashable {
    /// The central addresses statements are sent to. A plus-address of one of them
    /// (`liaison-coordination+ls-2026-0042@iab.org`) marks a reply to that statement.
    public var gatewayAddresses: [String]
    /// Largest attachment (or archive member) whose text is read. Default 25 MiB: larger
    /// files are recorded but not read.
    public var maxAttachmentBytes: Int
    /// Most attachments read per mail. Default 20; the rest are recorded only.
    public var maxAttachmentsRead: Int
    /// Longest text kept per document, in UTF-8 bytes. Default 2 MiB.
    public var maxDocumentTextBytes: Int
    /// Most members in one ZIP archive (also a .docx). Default 200.
    public var zipMaxEntries: Int
    /// Most bytes inflated from one archive, all members together. Default 64 MiB.
    public var zipMaxUncompressedBytes: Int
    /// Largest inflated/compressed ratio of a member (above 64 KiB). Default 100: real
    /// documents compress 2-20 times, a ZIP bomb thousands of times.
    public var zipMaxRatio: Int
    /// Archive nesting read: 1 opens a .zip attached to the mail, not a .zip inside it.
    public var zipMaxDepth: Int
    /// Largest `word/document.xml` parsed. Default 32 MiB.
    public var docxMaxXMLBytes: Int
    /// The authserv-ids whose `Authentication-Results` are believed (`trust.authserv_id`);
    /// empty: nobody is authenticated.
    public var trustedAuthservIDs: [String]

    public init(
      gatewayAddresses: [String] = ["liaison-coordination@iab.org"],
      maxAttachmentBytes: Int = 25 << 20,
      maxAttachmentsRead: Int = 20,
      maxDocumentTextBytes: Int = 2 << 20,
      zipMaxEntries: Int = 200,
      zipMaxUncompressedBytes: Int = 64 << 20,
      zipMaxRatio: Int = 100,
      zipMaxDepth: Int = 1,
      docxMaxXMLBytes: Int = 32 << 20,
      trustedAuthservIDs: [String] = []
    ) {
      self.gatewayAddresses = gatewayAddresses.map { $0.lowercased() }
      self.maxAttachmentBytes = maxAttachmentBytes
      self.maxAttachmentsRead = maxAttachmentsRead
      self.maxDocumentTextBytes = maxDocumentTextBytes
      self.zipMaxEntries = zipMaxEntries
      self.zipMaxUncompressedBytes = zipMaxUncompressedBytes
      self.zipMaxRatio = zipMaxRatio
      self.zipMaxDepth = zipMaxDepth
      self.docxMaxXMLBytes = docxMaxXMLBytes
      self.trustedAuthservIDs = trustedAuthservIDs
    }
  }

  public var options: Options
  /// The document readers; the default has Liaison's own, and no PDF reader.
  public var readers: DocumentReaders

  public init(options: Options = Options(), readers: DocumentReaders = DocumentReaders()) {
    self.options = options
    self.readers = readers
  }

  /// Extracts one message. `raw` is the message as received: the attachments' bytes are
  /// cut from it when an embedded message has to be kept whole.
  ///
  /// `kind`: what the message is, when a person decided it (`liaisond reclassify ID --as
  /// statement`); the classifier's reading is then not asked.
  ///
  /// A forwarded statement (an attached message/rfc822, or an inline forward with the
  /// original's header block, under a cover note that is no statement itself) is the
  /// original's: its metadata, text and Send Reply To; the forwarding mail's identity
  /// (Message-ID, the MTA's verdict, the gateway it was sent to) stays, the forward is
  /// kept as `forwarded`, and the raw mail keeps the forward whole.
  public func extract(_ message: MIMEMessage, raw: [UInt8], as kind: MessageKind? = nil) async
    -> Extraction
  {
    let outer = await extractOne(message, raw: raw, as: kind)
    guard [.statement, .notLiaison].contains(outer.statement.kind) || kind == .statement,
      let forward = ForwardedStatement.find(
        in: message, raw: raw, bodyText: collectParts(message.root).bodyText),
      !Self.coverIsAStatement(outer.statement.body, form: forward.form)
    else { return outer }
    let inner = await extractOne(forward.message, raw: forward.raw, as: kind)
    guard inner.statement.kind == .statement else { return outer }
    return Self.combine(
      outer: outer, inner: inner, forwarding: forward.forwarding(of: message.header))
  }

  /// Whether the forwarding mail's own words, above the forward, carry a statement's labels:
  /// then it is a statement of its own that quotes another, and stays one.
  static func coverIsAStatement(_ body: String?, form: ForwardedStatement.Form) -> Bool {
    guard let body else { return false }
    let cover = LabelledFieldParser.parse(body)
    return cover.looksLikeStatement || cover.labelCount >= 2
  }

  /// The original statement, recorded as the forwarding mail.
  static func combine(outer: Extraction, inner: Extraction, forwarding: Forwarding)
    -> Extraction
  {
    var statement = inner.statement
    let o = outer.statement
    statement.messageID = o.messageID
    statement.inReplyTo = o.inReplyTo
    statement.authentication = o.authentication
    if statement.sendTo == nil, let sendTo = o.sendTo {
      statement.sendTo = sendTo
      statement.sources[ExtractedStatement.CodingKeys.sendTo.stringValue] = .header
    }
    statement.forwarded = forwarding
    statement.attachments = o.attachments + statement.attachments
    statement.defects = AddressNormaliser.unique(
      // The cover note carries no labels; the original, read instead, says whether it does.
      o.defects.filter { $0 != FieldStep.noLabelsDefect } + statement.defects)
    return Extraction(statement: statement, attachments: outer.attachments + inner.attachments)
  }

  func extractOne(_ message: MIMEMessage, raw: [UInt8], as kind: MessageKind?) async
    -> Extraction
  {
    let parts = collectParts(message.root)
    let (attachments, documents, defects) = await readAttachments(parts.attachments, raw: raw)
    let input = ExtractionInput(
      message: message, bodyText: parts.bodyText, documents: documents, options: options,
      decidedKind: kind)
    var draft = StatementDraft(defects: defects)
    draft.statement.attachments = attachments.map(\.info)
    for step in FieldStep.pipeline where step.kinds.contains(draft.statement.kind) {
      step.fill(&draft, input)
    }
    var statement = draft.statement
    statement.defects = AddressNormaliser.unique(draft.defects)
    return Extraction(statement: statement, attachments: attachments)
  }

  // MARK: - Attachments

  /// The attachments with their bytes and text, the documents that have a text (in
  /// order: an archive's members in place of the archive), and the defects met.
  func readAttachments(_ parts: [MIMEEntity], raw: [UInt8]) async
    -> (attachments: [ExtractedAttachment], documents: [DocumentText], defects: [String])
  {
    var attachments: [ExtractedAttachment] = []
    var nameDefects: [[String]] = []
    var toRead: [SourceDocument] = []
    for (index, part) in parts.enumerated() {
      var defects: [String] = []
      let data = Self.bytes(of: part, in: raw)
      let fallback = "attachment-\(index + 1)" + Self.extensionFor(part.contentType)
      let (name, changed) = FileNameSanitiser.sanitise(part.filename, fallback: fallback)
      if changed, let original = part.filename {
        defects.append(
          "attachment filename \"\(Self.visible(original))\" is unsafe; recorded as \"\(name)\"")
      }
      let info = AttachmentInfo(
        filename: name, contentType: part.contentType, size: data.count,
        sha256: SHA256Hex.of(data))

      if index < options.maxAttachmentsRead {
        let decoded = part.contentType.hasPrefix("text/") ? part.decodedText() : nil
        toRead.append(
          SourceDocument(
            name: name, data: data, contentType: part.contentType, decodedText: decoded))
      } else if index == options.maxAttachmentsRead {
        defects.append(
          "more than \(options.maxAttachmentsRead) attachments; the rest are recorded but not read")
      }
      nameDefects.append(defects)
      attachments.append(ExtractedAttachment(info: info, data: data))
    }

    let read = await readers.read(toRead, options: options)
    var documents: [DocumentText] = []
    var defects: [String] = []
    for index in attachments.indices {
      // The defects in the order met: each attachment's name, then its documents'.
      defects += nameDefects[index]
      guard index < read.count else { continue }
      for doc in read[index] {
        defects += doc.defects
        if doc.text != nil { documents.append(doc) }
      }
      attachments[index].text = read[index].compactMap(\.text).first
    }
    return (attachments, documents, defects)
  }

  // MARK: - Parts

  struct Parts {
    var bodyText: String?
    var attachments: [MIMEEntity]
  }

  /// The body text (plain preferred over HTML) and the attachments, depth first. Embedded
  /// messages (forwards, a bounce's returned mail) are attachments, not read into.
  func collectParts(_ root: MIMEEntity) -> Parts {
    var plain: [String] = []
    var html: [String] = []
    var attachments: [MIMEEntity] = []
    func visit(_ e: MIMEEntity, depth: Int) {
      if e.contentType.hasPrefix("multipart/") {
        for child in e.children where depth < 32 { visit(child, depth: depth + 1) }
        return
      }
      let named = e.isAttachment || e.filename != nil
      if !named, e.contentType == "text/plain" {
        if let t = e.decodedText() { plain.append(t) }
      } else if !named, e.contentType == "text/html" {
        if let t = e.decodedText() { html.append(HTMLText.text(fromHTML: t)) }
      } else if named || !(e.contentType.hasPrefix("message/") || e.contentType.hasPrefix("text/"))
      {
        attachments.append(e)
      }
    }
    visit(root, depth: 0)
    var body = plain.isEmpty ? html.joined(separator: "\n") : plain.joined(separator: "\n")
    if body.utf8.count > options.maxDocumentTextBytes {
      body = String(decoding: body.utf8.prefix(options.maxDocumentTextBytes), as: UTF8.self)
    }
    return Parts(bodyText: body.isEmpty ? nil : body, attachments: attachments)
  }

  /// A leaf's decoded body; for an attached message (a forward, a returned mail), the
  /// embedded message exactly as it was sent.
  static func bytes(of entity: MIMEEntity, in raw: [UInt8]) -> [UInt8] {
    if let decoded = entity.decodedBody { return decoded }
    let range = entity.bodyOffset..<entity.range.upperBound
    guard range.lowerBound >= 0, range.upperBound <= raw.count else { return [] }
    return Array(raw[range])
  }

  // MARK: - Small helpers

  /// Control characters made visible for a defect line (`\u{0}` for NUL).
  static func visible(_ s: String) -> String {
    var out = ""
    for scalar in s.unicodeScalars {
      if scalar.value < 0x20 || scalar.value == 0x7F {
        out += "\\u{\(String(scalar.value, radix: 16))}"
      } else {
        out.unicodeScalars.append(scalar)
      }
    }
    return out
  }

  static func extensionFor(_ contentType: String) -> String {
    switch contentType {
    case "application/pdf": ".pdf"
    case "application/zip", "application/x-zip-compressed": ".zip"
    case "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx"
    case "text/plain": ".txt"
    case "text/html": ".html"
    case "message/rfc822": ".eml"
    default: ".bin"
    }
  }
}
