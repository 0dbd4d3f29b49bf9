import Foundation
import Liaison
import Store

/// Reads the datatracker's liaison statements (`liaisons/liaisonstatement` and what it
/// links: `liaisonstatementevent` for the submission time, `liaisonstatementattachment` and
/// `doc/document` for the attachments, `relatedliaisonstatement` for what a response
/// answers, `group/group` for the bodies) into history the store records read-only.
///
/// Only statements the datatracker published (`posted`, `approved`) are history; pending
/// and dead ones are left out and counted. A page or object that is cut off or malformed
/// is an error naming it; an attachment that cannot be fetched, or is over the limits mail
/// has, is a defect of its statement, which is imported without it.
public struct HistoryImporter: Sendable {
  public struct Options: Sendable {
    /// The limits of mail: the largest attachment kept, and how many a statement may have.
    public var maxAttachmentBytes: Int
    public var maxAttachments: Int

    public init(maxAttachmentBytes: Int = 25 << 20, maxAttachments: Int = 20) {
      self.maxAttachmentBytes = maxAttachmentBytes
      self.maxAttachments = maxAttachments
    }
  }

  /// The statements read, oldest first, and what was left out.
  public struct Result: Sendable {
    public var statements: [HistoryStatement]
    /// `liaison 1234: state dead`, one line per statement not imported.
    public var leftOut: [String]
  }

  public let pages: any DatatrackerPages
  public let documents: any DatatrackerDocuments
  public let options: Options
  /// What reads the attachments' text, as mail's attachments are read (the CLI passes the
  /// readers with poppler; by default a PDF's text is not read, with a defect saying so).
  public let readers: DocumentReaders
  public let readerOptions: LiaisonExtractor.Options

  public init(
    pages: any DatatrackerPages, documents: any DatatrackerDocuments, options: Options = Options(),
    readers: DocumentReaders = DocumentReaders(),
    readerOptions: LiaisonExtractor.Options = LiaisonExtractor.Options()
  ) {
    self.pages = pages
    self.documents = documents
    self.options = options
    self.readers = readers
    self.readerOptions = readerOptions
  }

  static let publishedStates: Set<String> = ["posted", "approved"]
  static let batch = 100
  /// Document names are long (`liaison-2025-03-20-ccamp-...-attachment-1`): fewer per URL.
  static let documentBatch = 20

  public func importHistory() async throws(DatatrackerError) -> Result {
    let listing = TastypieListing(pages: pages)
    let liaisons = try await listing.objects("\(apiPrefix)liaisons/liaisonstatement/?limit=100")
      .map(APILiaison.init)
    var submitted: [Int: String] = [:]
    for object in try await listing.objects(
      "\(apiPrefix)liaisons/liaisonstatementevent/?type=submitted&limit=500")
    {
      guard
        try object.key("type", under: "\(apiPrefix)name/liaisonstatementeventtypename/")
          == "submitted"
      else { continue }
      let statement = try object.id("statement", under: "\(apiPrefix)liaisons/liaisonstatement/")
      let time = try object.string("time")!
      if submitted[statement].map({ time < $0 }) ?? true { submitted[statement] = time }
    }
    var documentNames: [Int: [String]] = [:]
    for object in try await listing.objects(
      "\(apiPrefix)liaisons/liaisonstatementattachment/?removed=false&limit=500")
    {
      if object.fields["removed"] as? Bool == true { continue }
      let statement = try object.id("statement", under: "\(apiPrefix)liaisons/liaisonstatement/")
      documentNames[statement, default: []].append(
        try object.key("document", under: "\(apiPrefix)doc/document/")!)
    }
    var related: [Int: Int] = [:]
    for object in try await listing.objects(
      "\(apiPrefix)liaisons/relatedliaisonstatement/?limit=500")
    {
      let source = try object.id("source", under: "\(apiPrefix)liaisons/liaisonstatement/")
      related[source] = try object.id("target", under: "\(apiPrefix)liaisons/liaisonstatement/")
    }

    var leftOut: [String] = []
    let published = liaisons.filter { liaison in
      if Self.publishedStates.contains(liaison.state) { return true }
      leftOut.append("liaison \(liaison.id): state \(liaison.state)")
      return false
    }
    let groups = try await groups(Set(published.flatMap { $0.fromGroups + $0.toGroups }), listing)
    let wanted = Set(published.flatMap { documentNames[$0.id] ?? [] })
    let documents = try await documentObjects(wanted, listing)

    var statements: [HistoryStatement] = []
    for liaison in published {
      guard let time = submitted[liaison.id], let date = Self.date(time) else {
        throw .badObject(
          object: liaison.uri, field: "submitted",
          reason: "no liaisonstatementevent of type submitted with a time")
      }
      var statement = try liaison.statement(groups: groups)
      var attachments: [ExtractedAttachment] = []
      for (index, name) in (documentNames[liaison.id] ?? []).enumerated() {
        guard let document = documents[name] else {
          throw .badObject(
            object: liaison.uri, field: "attachments",
            reason: "document \(name) is not among the documents the API returned")
        }
        guard index < options.maxAttachments else {
          statement.defects.append(
            "attachment \(document.filename): more than \(options.maxAttachments) attachments; not fetched"
          )
          continue
        }
        do {
          let data = try await self.documents.file(
            document.filename, externalURL: document.externalURL,
            limit: options.maxAttachmentBytes)
          attachments.append(document.attachment(data))
        } catch {
          statement.defects.append("attachment \(document.filename): not fetched: \(error)")
        }
      }
      // Their text is searched as a mail's attachments are, so it is read the same way.
      let texts = await readers.read(
        attachments.map {
          SourceDocument(
            name: $0.info.filename, data: $0.data, contentType: $0.info.contentType,
            decodedText: $0.text)
        }, options: readerOptions)
      for index in attachments.indices where index < texts.count {
        attachments[index].text = texts[index].compactMap(\.text).first
        statement.defects += texts[index].flatMap(\.defects)
      }
      statements.append(
        HistoryStatement(
          source: LiaisonStore.datatrackerSource, alias: String(liaison.id),
          url: pageURL(liaison.id), statement: statement, submittedAt: date,
          attachments: attachments,
          answers: statement.purpose == .response ? related[liaison.id].map(String.init) : nil))
    }
    statements.sort { ($0.submittedAt, Int($0.alias) ?? 0) < ($1.submittedAt, Int($1.alias) ?? 0) }
    return Result(statements: statements, leftOut: leftOut)
  }

  /// The statement's public page on the datatracker.
  func pageURL(_ id: Int) -> String {
    let base = (pages as? LiveDatatrackerPages)?.base ?? "https://datatracker.ietf.org"
    return "\(base)/liaison/\(id)/"
  }

  func groups(_ ids: Set<Int>, _ listing: TastypieListing) async throws(DatatrackerError)
    -> [Int: APIGroup]
  {
    var groups: [Int: APIGroup] = [:]
    for object in try await objects(
      "group/group/?id__in=", among: ids.sorted().map(String.init), size: Self.batch, listing)
    {
      let group = try APIGroup(object)
      if ids.contains(group.id) { groups[group.id] = group }
    }
    return groups
  }

  func documentObjects(_ names: Set<String>, _ listing: TastypieListing)
    async throws(DatatrackerError) -> [String: APIDocument]
  {
    var documents: [String: APIDocument] = [:]
    for object in try await objects(
      "doc/document/?type=liai-att&name__in=", among: names.sorted(), size: Self.documentBatch,
      listing)
    {
      let document = try APIDocument(object)
      if names.contains(document.name) { documents[document.name] = document }
    }
    return documents
  }

  /// The objects a filter `query` (ending in `__in=`) finds among `keys`, asked `size` keys
  /// at a time so that no URL grows with the history.
  func objects(
    _ query: String, among keys: [String], size: Int, _ listing: TastypieListing
  ) async throws(DatatrackerError) -> [TastypieObject] {
    var objects: [TastypieObject] = []
    for start in stride(from: 0, to: keys.count, by: size) {
      let batch = keys[start..<min(start + size, keys.count)]
      objects += try await listing.objects(
        "\(apiPrefix)\(query)\(batch.joined(separator: ","))&limit=\(size)")
    }
    return objects
  }

  static func date(_ text: String) -> Date? {
    let formatter = ISO8601DateFormatter()
    if let date = formatter.date(from: text) { return date }
    // The API writes naive times in UTC without a zone.
    return formatter.date(from: text + "Z")
  }
}

/// A `liaisons/liaisonstatement` object: the fields of `ietf/liaisons/models.py`.
struct APILiaison {
  var id: Int
  var uri: String
  var title: String
  var purpose: String
  var state: String
  var body: String
  var deadline: String?
  var otherIdentifiers: String
  var fromGroups: [Int]
  var toGroups: [Int]
  var fromContact: String?
  var toContacts: String
  var responseContacts: String
  var ccContacts: String

  init(_ object: TastypieObject) throws(DatatrackerError) {
    id = try object.int("id")
    uri = object.name
    title = try object.string("title") ?? ""
    purpose = try object.key("purpose", under: "\(apiPrefix)name/liaisonstatementpurposename/")!
    state = try object.key("state", under: "\(apiPrefix)name/liaisonstatementstate/")!
    body = try object.string("body", required: false) ?? ""
    deadline = try object.string("deadline", required: false)
    if let deadline, CalendarDay.date(from: deadline) == nil {
      throw object.bad("deadline", "\(deadline.debugDescription) is not a day (YYYY-MM-DD)")
    }
    otherIdentifiers = try object.string("other_identifiers", required: false) ?? ""
    fromGroups = try object.ids("from_groups", under: "\(apiPrefix)group/group/")
    toGroups = try object.ids("to_groups", under: "\(apiPrefix)group/group/")
    // A plain address since 2025 (liaisons migration 0005); an email URI before.
    if let contact = try object.string("from_contact", required: false), !contact.isEmpty {
      fromContact =
        contact.hasPrefix("\(apiPrefix)person/email/")
        ? try object.key("from_contact", under: "\(apiPrefix)person/email/") : contact
    }
    toContacts = try object.string("to_contacts", required: false) ?? ""
    responseContacts = try object.string("response_contacts", required: false) ?? ""
    ccContacts = try object.string("cc_contacts", required: false) ?? ""
  }

  static let ietfSide: Set<String> = ["ietf", "irtf", "area", "ag", "program", "wg", "rg", "iab"]

  /// The statement as the record keeps it; every field's source is the datatracker.
  func statement(groups: [Int: APIGroup]) throws(DatatrackerError) -> ExtractedStatement {
    func resolve(_ ids: [Int], _ field: String) throws(DatatrackerError) -> [APIGroup] {
      var found: [APIGroup] = []
      for id in ids {
        guard let group = groups[id] else {
          throw .badObject(
            object: uri, field: field,
            reason: "group \(id) is not among the groups the API returned")
        }
        found.append(group)
      }
      return found
    }
    let from = try resolve(fromGroups, "from_groups")
    let to = try resolve(toGroups, "to_groups")
    let outgoing = from.contains { Self.ietfSide.contains($0.type ?? "") }
    let ietfGroups = (outgoing ? from : to).filter { Self.ietfSide.contains($0.type ?? "") }
    var statement = ExtractedStatement(
      kind: .statement, title: title.isEmpty ? nil : title, from: from.map(Self.bodyName),
      fromContacts: Self.addresses(fromContact ?? ""),
      sendReplyTo: Self.addresses(responseContacts).first, to: to.map(Self.bodyName),
      toContacts: Self.addresses(toContacts), cc: Self.addresses(ccContacts),
      purpose: Self.purpose(purpose), deadline: deadline,
      otherIdentifiers: otherIdentifiers.split(whereSeparator: { ",;\n".contains($0) })
        .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty },
      route: RouteDecision(
        groups: ietfGroups.map(\.acronym), reason: "as the datatracker records it (\(uri))"),
      body: body.isEmpty ? nil : body, direction: outgoing ? .outgoing : .incoming)
    let present: [(String, Bool)] = [
      ("title", statement.title != nil), ("from", !statement.from.isEmpty),
      ("from_contacts", !statement.fromContacts.isEmpty),
      ("send_reply_to", statement.sendReplyTo != nil), ("to", !statement.to.isEmpty),
      ("to_contacts", !statement.toContacts.isEmpty), ("cc", !statement.cc.isEmpty),
      ("purpose", true), ("deadline", statement.deadline != nil),
      ("other_identifiers", !statement.otherIdentifiers.isEmpty), ("body", statement.body != nil),
    ]
    for (field, isPresent) in present where isPresent { statement.sources[field] = .datatracker }
    return statement
  }

  /// The datatracker's purpose slugs (`ietf/name/fixtures/names.json`) as the record's.
  static func purpose(_ slug: String) -> Purpose {
    switch slug {
    case "info": .information
    case "action": .action
    case "comment": .comment
    case "response": .response
    default: Purpose(rawValue: slug)
    }
  }

  /// A body as statements name it: an SDO by its name, an IETF group by its acronym.
  static func bodyName(_ group: APIGroup) -> String {
    switch group.type {
    case "wg": "IETF \(group.acronym.uppercased()) WG"
    case "rg": "IRTF \(group.acronym.uppercased()) RG"
    case "area": "IETF \(group.acronym.uppercased()) Area"
    default: group.name
    }
  }

  /// The addresses of a contacts field (`Name <a@b>, c@d`), lower-cased.
  static func addresses(_ text: String) -> [String] {
    text.split(whereSeparator: { ",;\n".contains($0) }).compactMap { part -> String? in
      var item = part.trimmingCharacters(in: .whitespaces)
      if let open = item.lastIndex(of: "<"), let close = item.lastIndex(of: ">"), open < close {
        item = String(item[item.index(after: open)..<close])
      }
      item = item.trimmingCharacters(in: .whitespaces).lowercased()
      return item.contains("@") && !item.contains(where: \.isWhitespace) ? item : nil
    }
  }
}

/// A `doc/document` object of type `liai-att`: the fields an attachment needs.
struct APIDocument {
  var name: String
  var title: String
  var filename: String
  var externalURL: String?

  init(_ object: TastypieObject) throws(DatatrackerError) {
    guard let name = try object.string("name"), !name.isEmpty else {
      throw object.bad("name", "empty")
    }
    self.name = name
    title = try object.string("title", required: false) ?? ""
    let uploaded = try object.string("uploaded_filename", required: false) ?? ""
    filename = uploaded.isEmpty ? name : uploaded
    let external = try object.string("external_url", required: false) ?? ""
    externalURL = external.isEmpty ? nil : external
  }

  func attachment(_ data: [UInt8]) -> ExtractedAttachment {
    let type = Self.contentTypes[(filename as NSString).pathExtension.lowercased()]
    let text = type == "text/plain" ? String(decoding: data, as: UTF8.self) : nil
    return ExtractedAttachment(
      info: AttachmentInfo(
        filename: filename, contentType: type ?? "application/octet-stream", size: data.count,
        sha256: ""),
      data: data, text: text)
  }

  static let contentTypes = [
    "pdf": "application/pdf", "txt": "text/plain", "doc": "application/msword",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "zip": "application/zip", "html": "text/html", "htm": "text/html",
  ]
}
