import Crypto
import Foundation
import MIME

/// Extracts the liaison metadata of one parsed mail: from its headers, its text and HTML
/// bodies, and the statement documents attached to it (plain text, HTML, PDF, DOCX, and
/// ZIP files of those).
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
    /// poppler's `pdftotext` (Debian `poppler-utils`).
    public var pdftotextPath: String
    /// Wall-clock limit of one `pdftotext` run, in seconds; then it is killed. Default 10.
    public var pdftotextTimeout: Double
    /// Pages of a PDF read. Default 200.
    public var pdfMaxPages: Int
    /// Address-space limit of `pdftotext` (via `prlimit`), in bytes; 0 for none. Default 1 GiB.
    public var pdfMemoryLimitBytes: Int
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
      pdftotextPath: String = "/usr/bin/pdftotext",
      pdftotextTimeout: Double = 10,
      pdfMaxPages: Int = 200,
      pdfMemoryLimitBytes: Int = 1 << 30,
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
      self.pdftotextPath = pdftotextPath
      self.pdftotextTimeout = pdftotextTimeout
      self.pdfMaxPages = pdfMaxPages
      self.pdfMemoryLimitBytes = pdfMemoryLimitBytes
      self.trustedAuthservIDs = trustedAuthservIDs
    }
  }

  public var options: Options

  public init(options: Options = Options()) {
    self.options = options
  }

  /// A statement source: one text and the label `sources` records for it.
  struct SourcedFields {
    var source: FieldSource
    var fields: LabelledFields
  }

  /// Extracts one message. `raw` is the message as received: the attachments' bytes are
  /// cut from it when an embedded message has to be kept whole.
  public func extract(_ message: MIMEMessage, raw: [UInt8]) -> Extraction {
    var s = ExtractedStatement()
    var defects: [String] = []
    let header = message.header
    s.messageID = header.messageID
    s.inReplyTo = replyIDs(header)
    s.authentication = SenderAuthentication.evaluate(
      header, trustedAuthservIDs: options.trustedAuthservIDs)

    // Parts: the body texts, and the attachments with their bytes.
    let parts = collectParts(message.root)
    var attachments: [ExtractedAttachment] = []
    var documents: [DocumentText] = []
    for (index, part) in parts.attachments.enumerated() {
      let data = Self.bytes(of: part, in: raw)
      let fallback = "attachment-\(index + 1)" + Self.extensionFor(part.contentType)
      let (name, changed) = FileNameSanitiser.sanitise(part.filename, fallback: fallback)
      if changed, let original = part.filename {
        defects.append(
          "attachment filename \"\(Self.visible(original))\" is unsafe; recorded as \"\(name)\"")
      }
      let info = AttachmentInfo(
        filename: name, contentType: part.contentType, size: data.count,
        sha256: SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined())
      var text: String?
      if index < options.maxAttachmentsRead {
        let decoded = part.contentType.hasPrefix("text/") ? part.decodedText() : nil
        let read = DocumentText.read(
          data, name: name, contentType: part.contentType, decodedText: decoded, options: options)
        for doc in read {
          defects += doc.defects
          if doc.text != nil { documents.append(doc) }
        }
        text = read.compactMap(\.text).first
      } else if index == options.maxAttachmentsRead {
        defects.append(
          "more than \(options.maxAttachmentsRead) attachments; the rest are recorded but not read")
      }
      attachments.append(ExtractedAttachment(info: info, data: data, text: text))
    }
    s.attachments = attachments.map(\.info)

    let subject = header.subject.map { TextFolding.fold($0) }
    let bodyText = parts.bodyText
    s.body = bodyText
    if bodyText != nil { s.sources["body"] = .body }

    // Kind first: automatic mail and bounces are recorded, never read as statements.
    let fromAddress = addresses(header, "from").first
    let toAddresses = addresses(header, "to")
    let ccAddresses = addresses(header, "cc")
    let gatewayIDs = (toAddresses + ccAddresses + addresses(header, "delivered-to")).compactMap {
      MessageClassifier.statementID(inPlusAddress: $0, gateways: options.gatewayAddresses)
    }

    if let title = subject.map(Self.cleanSubject), !title.isEmpty {
      s.title = title
      s.sources["title"] = .header
    }
    if let fromAddress {
      s.fromContacts = [fromAddress]
      s.sources["from_contacts"] = .header
    }

    if MessageClassifier.bounceReason(message) != nil {
      s.kind = .bounce
      return finish(s, attachments, defects)
    }
    if MessageClassifier.automaticReason(message) != nil {
      s.kind = .autoReply
      return finish(s, attachments, defects)
    }

    // The statement's own texts: attached documents that carry the labels win over the
    // mail body, which wins over the headers.
    let bodyFields = bodyText.map {
      SourcedFields(source: .body, fields: LabelledFieldParser.parse($0, subject: subject))
    }
    var statementDocs: [SourcedFields] = []
    for doc in documents {
      guard let text = doc.text else { continue }
      let fields = LabelledFieldParser.parse(text)
      if fields.looksLikeStatement {
        statementDocs.append(SourcedFields(source: .attachment(doc.name), fields: fields))
      }
    }
    let texts = statementDocs + (bodyFields.map { [$0] } ?? [])
    if let doc = statementDocs.first,
      let text = documents.first(where: {
        FieldSource.attachment($0.name) == doc.source
      })?.text
    {
      s.body = text
      s.sources["body"] = doc.source
    }

    if !gatewayIDs.isEmpty {
      s.kind = .replyToStatement
      s.inResponseTo = gatewayIDs[0]
      s.sources["in_response_to"] = .header
    } else {
      let liaisonSubject = subject.map(MessageClassifier.subjectNamesLiaison) ?? false
      let statementText = texts.contains { $0.fields.looksLikeStatement }
      let labelled = texts.contains { $0.fields.labelCount >= 2 }
      s.kind = statementText || liaisonSubject || labelled ? .statement : .notLiaison
      if s.kind == .notLiaison { return finish(s, attachments, defects) }
    }

    // Header values first, then overwritten by the statement's own.
    let gateways = Set(options.gatewayAddresses)
    let isGateway = { (a: String) -> Bool in
      gateways.contains(a)
        || MessageClassifier.statementID(inPlusAddress: a, gateways: options.gatewayAddresses)
          != nil
    }
    if let replyTo = addresses(header, "reply-to").first ?? fromAddress {
      s.sendReplyTo = replyTo
      s.sources["send_reply_to"] = .header
    }
    let headerTo = toAddresses.filter { !isGateway($0) }
    if !headerTo.isEmpty {
      s.toContacts = headerTo
      s.sources["to_contacts"] = .header
    }
    let headerCc = ccAddresses.filter { !isGateway($0) && !headerTo.contains($0) }
    if !headerCc.isEmpty {
      s.cc = headerCc
      s.sources["cc"] = .header
    }
    if s.kind == .statement,
      let gateway = (toAddresses + ccAddresses).first(where: gateways.contains)
    {
      s.sendTo = gateway
      s.sources["send_to"] = .header
    }

    // The statement's texts, most authoritative first: the first one that states a
    // field gives it.
    func pick<T>(_ key: String, _ value: (LabelledFields) -> T?, _ assign: (T) -> Void) {
      for t in texts {
        if let v = value(t.fields) {
          assign(v)
          s.sources[key] = t.source
          return
        }
      }
    }
    func nonEmpty(_ a: [String]) -> [String]? { a.isEmpty ? nil : a }
    pick("title", { $0.title }) { s.title = $0 }
    pick("from", { nonEmpty($0.from) }) { s.from = $0 }
    pick("from_contacts", { nonEmpty($0.fromContacts) }) { s.fromContacts = $0 }
    pick("send_reply_to", { $0.sendReplyTo }) { s.sendReplyTo = $0 }
    pick("to", { nonEmpty($0.to) }) { s.to = $0 }
    pick("to_contacts", { nonEmpty($0.toContacts) }) { s.toContacts = $0 }
    pick("send_to", { $0.sendTo }) { s.sendTo = $0 }
    pick("cc", { nonEmpty($0.cc) }) { s.cc = $0 }
    pick("purpose", { $0.purpose }) { s.purpose = $0 }
    // The deadline and its unparsed text come from the same place.
    for t in texts where t.fields.deadline != nil || t.fields.deadlineText != nil {
      s.deadline = t.fields.deadline
      s.deadlineText = t.fields.deadlineText
      s.sources[t.fields.deadline != nil ? "deadline" : "deadline_text"] = t.source
      break
    }
    if s.kind == .statement {
      pick("in_response_to", { $0.inResponseTo }) { s.inResponseTo = $0 }
      if s.inResponseTo == nil, let id = s.inReplyTo.first {
        s.inResponseTo = id
        s.sources["in_response_to"] = .header
      }
    }
    if s.purpose == nil, s.kind == .statement {
      for t in texts {
        guard let text = t.source == .body ? bodyText : s.body,
          let p = LabelledFieldParser.purposeInProse(text)
        else { continue }
        s.purpose = p
        s.sources["purpose"] = t.source
        break
      }
    }
    if s.purpose == nil, s.kind == .statement, let source = s.sources["in_response_to"] {
      s.purpose = .response
      s.sources["purpose"] = source
    }

    // Identifiers: the subject's, then the statement texts', never the one answered.
    var identifiers: [(String, FieldSource)] = []
    if let subject {
      identifiers += IdentifierScanner.identifiers(in: subject).map { ($0, .header) }
    }
    for t in texts { identifiers += t.fields.otherIdentifiers.map { ($0, t.source) } }
    var seen = Set<String>()
    for (id, source) in identifiers where id != s.inResponseTo && seen.insert(id).inserted {
      if s.otherIdentifiers.isEmpty { s.sources["other_identifiers"] = source }
      s.otherIdentifiers.append(id)
    }

    if let title = s.title, Self.containsMarkup(title) {
      defects.append("title contains HTML markup; kept as plain text, never rendered as HTML")
    }
    if s.kind == .statement && statementDocs.isEmpty
      && !texts.contains(where: { $0.fields.looksLikeStatement })
    {
      defects.append("no liaison labels found; metadata taken from the mail headers")
    }
    return finish(s, attachments, defects)
  }

  private func finish(
    _ statement: ExtractedStatement, _ attachments: [ExtractedAttachment], _ defects: [String]
  ) -> Extraction {
    var s = statement
    s.defects = AddressNormaliser.unique(defects)
    return Extraction(statement: s, attachments: attachments)
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

  func addresses(_ header: MIMEHeader, _ name: String) -> [String] {
    AddressNormaliser.unique(
      header.all(name).flatMap { field in
        MIMEHeader(fields: [field]).addresses(name).compactMap {
          AddressNormaliser.normalise($0.address)
        }
      })
  }

  func replyIDs(_ header: MIMEHeader) -> [String] {
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

  // MARK: - Small helpers

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

  static func containsMarkup(_ s: String) -> Bool {
    let lower = s.lowercased()
    guard let open = lower.firstIndex(of: "<") else { return false }
    let after = lower[lower.index(after: open)...]
    return (after.first.map { $0.isLetter || $0 == "/" || $0 == "!" } ?? false)
      && after.contains(">")
  }

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
