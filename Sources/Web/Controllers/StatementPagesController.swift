import Foundation
import Hummingbird
import Liaison

/// The list (`/`), the statement page (`/ls/{id}`), its attachments and its raw mail: the
/// public record only, so a private id is a 404 exactly like an unknown one.
struct StatementPagesController<Repository: StatementRepository>: Sendable {
  let repository: Repository
  let renderer: PageRenderer
  let options: WebOptions
  let today: @Sendable () -> String

  /// Related statements looked up for titles; more links still show, by id.
  static var maximumRelatedLookups: Int { 50 }

  func addRoutes<Context: RequestContext>(to router: Router<Context>) {
    router.readOnly("/") { request, _ in try await list(request) }
    router.readOnly("/ls/:id") { _, context in try await show(context) }
    router.readOnly("/ls/:id/raw") { _, context in try await raw(context) }
    router.readOnly("/ls/:id/attachments/:index") { _, context in try await attachment(context) }
  }

  func list(_ request: Request) async throws -> Response {
    let form = FilterForm(fields: URLEncoding.formFields(request.uri.query))
    let day = today()
    let page = try await repository.publicStatements(
      matching: form.query(today: day, pageSize: options.pageSize))
    var chrome = renderer.chrome(
      form.isFiltered || !form.q.isEmpty ? "Search results" : "Statements")
    chrome.isList = true
    if !form.from.isEmpty {
      chrome.feedHref = "/feeds/from/\(URLEncoding.pathSegment(form.from)).atom"
      chrome.feedTitle = "Statements from \(form.from)"
    } else if !form.to.isEmpty {
      chrome.feedHref = "/feeds/to/\(URLEncoding.pathSegment(form.to)).atom"
      chrome.feedTitle = "Statements to \(form.to)"
    } else {
      chrome.feedHref = "/feeds/recent.atom"
      chrome.feedTitle = "Recent statements"
    }
    let view = ListPageView(
      chrome: chrome, form: form, page: page, pageSize: options.pageSize, today: day)
    return renderer.page(view, template: "list")
  }

  func show(_ context: some RequestContext) async throws -> Response {
    let record = try await record(context)
    var related: [String: StatementRecord] = [:]
    let relatedIDs = ([record.answers].compactMap { $0 } + record.responses)
      .prefix(Self.maximumRelatedLookups)
    for id in relatedIDs where related[id] == nil {
      related[id] = try await repository.publicStatement(id: id)
    }
    var chrome = renderer.chrome(record.id + " " + StatementRowView.title(of: record))
    chrome.feedHref = nil
    let view = StatementPageView(record: record, related: related, chrome: chrome, today: today())
    return renderer.page(view, template: "statement")
  }

  func raw(_ context: some RequestContext) async throws -> Response {
    let record = try await record(context)
    // A statement the IETF sent through liaisond arrived as no mail: its raw view is the
    // mail as sent (public, as the statement is once sent).
    let outgoing = record.statement.direction == .outgoing
    var stored = try await repository.rawMessage(id: record.id)
    if stored == nil, outgoing { stored = try await repository.sentMail(id: record.id) }
    guard let raw = stored else {
      let what =
        outgoing
        ? "\(record.id) is a statement the IETF sends through liaisond; its raw view is the "
          + "mail as sent, and it has not been sent yet."
        : "The original mail of \(record.id) is not in the store."
      throw HTTPError(.notFound, message: what)
    }
    // What names our relays or a command address is cut (`RawMailRedaction`).
    let bytes = RawMailRedaction.publicView(of: raw, commandAddresses: options.commandAddresses)
    // Always plain text: the mail is hostile, and must never be interpreted as HTML.
    return Response(
      status: .ok,
      headers: [
        .contentType: "text/plain; charset=utf-8", .contentLength: String(bytes.count),
      ],
      body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
  }

  func attachment(_ context: some RequestContext) async throws -> Response {
    let record = try await record(context)
    let attachments = record.statement.attachments
    guard let indexText = context.parameters.get("index"), let index = Int(indexText),
      attachments.indices.contains(index)
    else {
      throw HTTPError(.notFound, message: "\(record.id) has no such attachment.")
    }
    let info = attachments[index]
    guard RecordParameters.isContentAddress(info.sha256),
      let bytes = try await repository.attachment(sha256: info.sha256)
    else {
      throw HTTPError(.notFound, message: "The file of this attachment is not in the store.")
    }
    let disposition = ContentDisposition.attachment(
      filename: info.filename, fallback: "\(record.id)-attachment-\(index + 1)")
    return Response(
      status: .ok,
      headers: [
        .contentType: AttachmentPolicy.servedType(for: info.contentType),
        .contentDisposition: disposition,
        .contentLength: String(bytes.count),
      ],
      body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
  }

  private func record(_ context: some RequestContext) async throws -> StatementRecord {
    let id = try RecordParameters.decoded("id", in: context)
    guard let record = try await repository.publicStatement(id: id) else {
      throw HTTPError(.notFound, message: "No statement has the id \(id).")
    }
    return record
  }
}
