import Hummingbird
import NIOCore

/// Serves GET and HEAD from `ResponseCache` while the record is unchanged: a page is
/// rendered once per change of the record (or of the day), then costs a lookup. Answers
/// `304 Not Modified` to an `If-None-Match` naming the current bytes, and gzip to a client
/// that accepts it. Only complete `200` responses of known length are kept; errors and
/// anything else pass through as the routes make them.
struct ResponseCacheMiddleware<Context: RequestContext>: RouterMiddleware {
  let cache: ResponseCache
  /// The record's version now; taken before rendering, so a page is never older than it.
  let version: RecordVersion

  func handle(
    _ request: Request, context: Context, next: (Request, Context) async throws -> Response
  ) async throws -> Response {
    guard request.method == .get || request.method == .head, cache.limits.maximumEntries > 0
    else {
      return try await next(request, context)
    }
    // An unreadable record is the route's to report, as it would without the cache.
    guard let version = try? await version.current() else {
      return try await next(request, context)
    }
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
      headers: headers, body: collector.buffer, compress: CachedResponse.isCompressible(headers))
    cache.store(entry, for: key, at: version)
    return Self.respond(with: entry, to: request)
  }

  static func respond(with entry: CachedResponse, to request: Request) -> Response {
    let answer = entry.answer(
      acceptEncoding: request.headers[.acceptEncoding], ifNoneMatch: request.headers[.ifNoneMatch])
    return Response(
      status: answer.status, headers: answer.headers,
      body: answer.body.map { ResponseBody(byteBuffer: $0) } ?? ResponseBody())
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
