import Foundation
import Hummingbird
import Liaison

/// The Atom feeds: recent statements, statements from a body, statements to a group.
struct FeedController<Repository: StatementRepository>: Sendable {
  let repository: Repository
  let options: WebOptions
  let now: @Sendable () -> Date

  func addRoutes<Context: RequestContext>(to router: Router<Context>) {
    router.readOnly("/feeds/recent.atom") { _, _ in
      try await feed(
        query: StatementQuery(limit: options.pageSize), path: "/feeds/recent.atom",
        title: "\(options.siteTitle): recent statements", alternate: "/")
    }
    router.readOnly("/feeds/outgoing.atom") { _, _ in
      try await feed(
        query: StatementQuery(limit: options.pageSize, direction: .outgoing),
        path: "/feeds/outgoing.atom",
        title: "\(options.siteTitle): statements sent by the IETF", alternate: "/")
    }
    router.readOnly("/feeds/from/{body}.atom") { _, context in
      let body = try RecordParameters.decoded("body", in: context)
      return try await feed(
        query: StatementQuery(from: body, limit: options.pageSize),
        path: "/feeds/from/\(URLEncoding.pathSegment(body)).atom",
        title: "\(options.siteTitle): statements from \(body)",
        alternate: "/?" + URLEncoding.query([("from", body)]))
    }
    router.readOnly("/feeds/to/{group}.atom") { _, context in
      let group = try RecordParameters.decoded("group", in: context)
      return try await feed(
        query: StatementQuery(to: group, limit: options.pageSize),
        path: "/feeds/to/\(URLEncoding.pathSegment(group)).atom",
        title: "\(options.siteTitle): statements to \(group)",
        alternate: "/?" + URLEncoding.query([("to", group)]))
    }
  }

  func feed(query: StatementQuery, path: String, title: String, alternate: String) async throws
    -> Response
  {
    let page = try await repository.publicStatements(matching: query)
    let entries = page.items.map(entry)
    let latest = entries.map(\.updated).max() ?? now().formatted(.iso8601)
    let feed = AtomFeed(
      id: options.publicURL + path, title: title, updated: latest,
      selfHref: options.publicURL + path, alternateHref: options.publicURL + alternate,
      authorName: options.siteTitle, entries: entries)
    return PageRenderer.response(feed.xml(), contentType: "application/atom+xml; charset=utf-8")
  }

  func entry(_ record: StatementRecord) -> AtomEntry {
    let s = record.statement
    let published = Timestamp.isRFC3339(record.receivedAt) ? record.receivedAt : nil
    let changes = record.events.map(\.at).filter(Timestamp.isRFC3339)
    let updated =
      (changes + [published].compactMap { $0 }).max() ?? now().formatted(.iso8601)
    var summary = [
      "From: " + (s.from.isEmpty ? "unknown sender" : s.from.joined(separator: ", ")),
      "To: "
        + (s.to.isEmpty ? s.route.groups.joined(separator: ", ") : s.to.joined(separator: ", ")),
      "Purpose: " + Labels.purpose(s.purpose),
    ]
    if let deadline = s.deadline ?? s.deadlineText { summary.append("Deadline: " + deadline) }
    summary.append("Direction: " + Labels.direction(s.direction))
    summary.append("State: " + Labels.state(record.state))
    let href = options.publicURL + "/ls/" + URLEncoding.pathSegment(record.id)
    return AtomEntry(
      id: href, title: "\(record.id): \(StatementRowView.title(of: record))", updated: updated,
      published: published, alternateHref: href, authors: s.from,
      categories: s.purpose.map { [$0.rawValue] } ?? [], summary: summary.joined(separator: "\n"))
  }
}
