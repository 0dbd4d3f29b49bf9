import Foundation
import Hummingbird
import NIOCore

/// Serves GET and HEAD from `ResponseCache` while the record is unchanged: a page is
/// rendered once per change of the record (or of the day), then costs a lookup. Answers
/// `304 Not Modified` to an `If-None-Match` naming the current bytes, and gzip to a client
/// that accepts it. Only complete `200` responses of known length are kept; errors and
/// anything else pass through as the routes make them.
struct ResponseCacheMiddleware<Context: RequestContext>: RouterMiddleware {
  /// A public record: shared caches may keep a page a minute, then ask again with its ETag.
  static var cacheControl: String { "public, max-age=60" }
  static var vary: String { "Accept-Encoding" }

  let cache: ResponseCache
  /// The record's version now; read before rendering, so a page is never older than it.
  let version: @Sendable () async throws -> ResponseCache.Version

  func handle(
    _ request: Request, context: Context, next: (Request, Context) async throws -> Response
  ) async throws -> Response {
    guard request.method == .get || request.method == .head, cache.limits.maximumEntries > 0
    else {
      return try await next(request, context)
    }
    // An unreadable record is the route's to report, as it would without the cache.
    guard let version = try? await version() else { return try await next(request, context) }
    let key = request.uri.description
    if let hit = cache.entry(for: key, at: version) {
      return Self.respond(with: hit, to: request)
    }
    let response = try await next(request, context)
    guard request.method == .get, response.status == .ok,
      response.headers[.contentEncoding] == nil, response.headers[.setCookie] == nil,
      let length = response.body.contentLength, length <= cache.limits.maximumEntryBytes
    else {
      return response
    }
    let collector = BodyCollector()
    try await response.body.write(CollectingWriter(collector: collector))
    var headers = response.headers
    headers[.contentLength] = nil
    let entry = CachedResponse(
      headers: headers, body: collector.buffer, compress: Self.isCompressible(headers))
    cache.store(entry, for: key, at: version)
    return Self.respond(with: entry, to: request)
  }

  static func respond(with entry: CachedResponse, to request: Request) -> Response {
    let gzip = entry.gzipped != nil && accepts("gzip", request.headers[.acceptEncoding])
    let etag = gzip ? entry.gzipETag ?? entry.etag : entry.etag
    var headers = entry.headers
    headers[.eTag] = etag
    if headers[.cacheControl] == nil { headers[.cacheControl] = cacheControl }
    headers[.vary] = vary
    if let tags = request.headers[.ifNoneMatch], matches(tags, etag) {
      // RFC 9110 15.4.5: a 304 repeats what a 200 would say of the cache, no content.
      var notModified = HTTPFields()
      for name in [HTTPFields.Element.Name.eTag, .cacheControl, .vary, .contentLocation] {
        if let value = headers[name] { notModified[name] = value }
      }
      return Response(status: .notModified, headers: notModified, body: ResponseBody())
    }
    let body = gzip ? entry.gzipped ?? entry.body : entry.body
    if gzip { headers[.contentEncoding] = "gzip" }
    headers[.contentLength] = String(body.readableBytes)
    return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: body))
  }

  /// Whether an `If-None-Match` list names `etag` (weak comparison, as RFC 9110 13.1.2
  /// has it for this header), or is `*`.
  static func matches(_ list: String, _ etag: String) -> Bool {
    list.split(separator: ",").contains { candidate in
      var tag = candidate.trimmingCharacters(in: .whitespaces)
      if tag == "*" { return true }
      if tag.hasPrefix("W/") { tag.removeFirst(2) }
      return tag == etag
    }
  }

  /// Whether `Accept-Encoding` admits `coding` (a `q=0` refuses it).
  static func accepts(_ coding: String, _ header: String?) -> Bool {
    guard let header else { return false }
    return header.split(separator: ",").contains { item in
      let parts = item.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
      guard let name = parts.first?.lowercased(), name == coding || name == "*" else {
        return false
      }
      let refused = parts.dropFirst().contains { parameter in
        let pair = parameter.lowercased().replacingOccurrences(of: " ", with: "")
        return pair == "q=0" || pair == "q=0.0" || pair == "q=0.00" || pair == "q=0.000"
      }
      return !refused
    }
  }

  /// Text compresses well; attachments (PDF, ZIP) mostly do not, and are rarely asked twice.
  static func isCompressible(_ headers: HTTPFields) -> Bool {
    guard let type = headers[.contentType]?.lowercased() else { return false }
    return type.hasPrefix("text/") || type.hasPrefix("application/json")
      || type.hasPrefix("application/atom+xml")
  }
}

/// The bytes a response body writes, gathered.
private final class BodyCollector {
  var buffer = ByteBuffer()
}

private struct CollectingWriter: ResponseBodyWriter {
  let collector: BodyCollector

  mutating func write(_ buffer: ByteBuffer) async throws {
    var buffer = buffer
    collector.buffer.writeBuffer(&buffer)
  }

  consuming func finish(_ trailingHeaders: HTTPFields?) async throws {}
}
