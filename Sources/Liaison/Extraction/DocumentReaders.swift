/// The readers the extractor reads a message's attachments with, one for each kind of
/// document, and the order they are used in: archives are opened first, level by level,
/// and then each other reader reads all of the message's documents of its kind in one call.
public struct DocumentReaders: Sendable {
  public var plainText: any DocumentTextReader
  public var html: any DocumentTextReader
  public var docx: any DocumentTextReader
  public var zip: any DocumentTextReader
  /// Liaison has no PDF reader of its own (see `DocumentTextReader`): by default each PDF
  /// is recorded with a defect saying that its text was not read.
  public var pdf: any DocumentTextReader

  public init(
    plainText: any DocumentTextReader = PlainTextReader(),
    html: any DocumentTextReader = HTMLTextReader(),
    docx: any DocumentTextReader = DOCXTextReader(),
    zip: any DocumentTextReader = ZIPTextReader(),
    pdf: any DocumentTextReader = UnavailablePDFReader()
  ) {
    self.plainText = plainText
    self.html = html
    self.docx = docx
    self.zip = zip
    self.pdf = pdf
  }

  func reader(for kind: DocumentText.Kind) -> (any DocumentTextReader)? {
    switch kind {
    case .plainText: plainText
    case .html: html
    case .docx: docx
    case .zip: zip
    case .pdf: pdf
    case .other: nil
    }
  }

  /// Archives first; the rest in a fixed order.
  static let order: [DocumentText.Kind] = [.zip, .plainText, .html, .docx, .pdf]

  /// The texts of each of `attachments`, in order: one for a document, one per member
  /// (depth first) for an archive. Unreadable and hostile documents give no text and a
  /// defect; they never stop the reading of the others.
  public func read(_ attachments: [SourceDocument], options: LiaisonExtractor.Options) async
    -> [[DocumentText]]
  {
    var tree = ReadingTree()
    let roots = attachments.map { tree.add($0, options: options) }
    while let kind = Self.order.first(where: { !tree.pending(of: $0).isEmpty }),
      let reader = self.reader(for: kind)
    {
      let pending = tree.pending(of: kind)
      let readings = await reader.read(pending.map(\.document), options: options)
      for (i, slot) in pending.enumerated() {
        let reading =
          i < readings.count
          ? readings[i]
          : .text(nil, defects: ["\(slot.document.name): the reader gave no result; not read"])
        tree.settle(slot.index, with: reading, options: options)
      }
    }
    return roots.map { tree.texts(under: $0) }
  }

  /// The texts of one document (one per member for an archive).
  public func read(_ document: SourceDocument, options: LiaisonExtractor.Options) async
    -> [DocumentText]
  {
    await read([document], options: options).first ?? []
  }
}

/// The documents of one message while they are read: each attachment, and under an
/// archive its members, as nodes that are pending, read, or opened.
struct ReadingTree {
  enum Node {
    case pending(SourceDocument, DocumentText.Kind)
    case read(DocumentText)
    case archive(children: [Int])
  }

  private(set) var nodes: [Node] = []

  /// Adds a document: pending for its reader, or already settled when it is too large
  /// to read or of no kind that is read.
  mutating func add(_ document: SourceDocument, options: LiaisonExtractor.Options) -> Int {
    let kind = DocumentText.kind(
      of: document.data, filename: document.name, contentType: document.contentType)
    let node: Node
    if document.data.count > options.maxAttachmentBytes {
      let error = LiaisonError.limitExceeded(
        file: document.name, what: "size (\(document.data.count) bytes)",
        limit: options.maxAttachmentBytes)
      node = .read(
        DocumentText(name: document.name, kind: kind, text: nil, defects: [error.description]))
    } else if kind == .other {
      node = .read(DocumentText(name: document.name, kind: .other, text: nil))
    } else {
      node = .pending(document, kind)
    }
    nodes.append(node)
    return nodes.count - 1
  }

  func pending(of kind: DocumentText.Kind) -> [(index: Int, document: SourceDocument)] {
    var out: [(index: Int, document: SourceDocument)] = []
    for (i, node) in nodes.enumerated() {
      if case .pending(let document, let k) = node, k == kind { out.append((i, document)) }
    }
    return out
  }

  mutating func settle(
    _ index: Int, with reading: DocumentReading, options: LiaisonExtractor.Options
  ) {
    guard case .pending(let document, let kind) = nodes[index] else { return }
    switch reading {
    case .text(let text, let defects):
      nodes[index] = .read(
        DocumentText(name: document.name, kind: kind, text: text, defects: defects))
    case .members(let entries):
      let children = entries.map { entry in
        switch entry {
        case .document(let member):
          return add(member, options: options)
        case .unreadable(let name, let defect):
          nodes.append(.read(DocumentText(name: name, kind: .other, text: nil, defects: [defect])))
          return nodes.count - 1
        }
      }
      nodes[index] = .archive(children: children)
    }
  }

  func texts(under index: Int) -> [DocumentText] {
    switch nodes[index] {
    case .read(let text): [text]
    case .archive(let children): children.flatMap { texts(under: $0) }
    case .pending: []
    }
  }
}
