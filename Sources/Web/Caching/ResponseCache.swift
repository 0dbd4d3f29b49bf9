import Foundation
import Hummingbird
import MIME
import NIOCore
import Synchronization

/// Rendered responses of the web record, kept while the record stays as it was.
///
/// Every entry belongs to one `Version` of the record: the store's change counter and the
/// day (pages mark what is overdue today). The first lookup under a new version drops
/// everything, so no page outlives a change of the record, and memory holds only pages of
/// the record as it is now. Bounded in entries and bytes; beyond either, the oldest go.
final class ResponseCache: Sendable {
  /// What the cached pages were rendered from.
  struct Version: Sendable, Hashable {
    var changes: Int64
    var day: String
  }

  let limits: WebCacheLimits
  private let state: Mutex<State>

  private struct State {
    var version: Version?
    var entries: [String: CachedResponse] = [:]
    /// Keys, oldest first (FIFO eviction: cheap, and an entry lives one version at most).
    var order: [String] = []
    var bytes = 0
  }

  init(limits: WebCacheLimits) {
    self.limits = limits
    self.state = Mutex(State())
  }

  /// The response cached for `key` under `version`, if any.
  func entry(for key: String, at version: Version) -> CachedResponse? {
    state.withLock { state in
      guard state.version == version else { return nil }
      return state.entries[key]
    }
  }

  /// Keeps `entry` for `key`, rendered from `version` (or a newer record: the version is
  /// read before rendering, so an entry is never older than its version says).
  func store(_ entry: CachedResponse, for key: String, at version: Version) {
    guard entry.bytes <= limits.maximumEntryBytes, limits.maximumEntries > 0 else { return }
    state.withLock { state in
      if state.version != version {
        // A newer record: nothing kept is current. An older one (a slow render that began
        // before a change) must not replace what is current.
        if let current = state.version, current.day == version.day,
          current.changes > version.changes
        {
          return
        }
        state = State(version: version)
      }
      if let old = state.entries.updateValue(entry, forKey: key) {
        state.bytes -= old.bytes
      } else {
        state.order.append(key)
      }
      state.bytes += entry.bytes
      var evicted = 0
      while state.order.count - evicted > limits.maximumEntries
        || state.bytes > limits.maximumBytes,
        evicted < state.order.count
      {
        let oldest = state.order[evicted]
        evicted += 1
        if let removed = state.entries.removeValue(forKey: oldest) { state.bytes -= removed.bytes }
      }
      if evicted > 0 { state.order.removeFirst(evicted) }
    }
  }

  /// Entries and bytes held now (tests, metrics).
  var usage: (entries: Int, bytes: Int) {
    state.withLock { ($0.entries.count, $0.bytes) }
  }
}

/// One rendered response: its headers, its bytes, their gzip, and the strong ETag of each.
struct CachedResponse: Sendable {
  var headers: HTTPFields
  var body: ByteBuffer
  var gzipped: ByteBuffer?
  /// A strong validator, quoted: a digest of the bytes, so that the same bytes keep the
  /// same tag across changes of the record elsewhere, restarts and restored backups, and
  /// different bytes never share one.
  var etag: String
  var gzipETag: String?
  /// The headers of a `200` with `body`, and with `gzipped`: made once, here, not per request.
  var plainHeaders: HTTPFields
  var gzipHeaders: HTTPFields?

  var bytes: Int { body.readableBytes + (gzipped?.readableBytes ?? 0) }

  init(headers: HTTPFields, body: ByteBuffer, compress: Bool) {
    let digest = String(SHA256Hex.of(body.readableBytesView).prefix(32))
    self.headers = headers
    self.body = body
    self.etag = "\"\(digest)\""
    self.gzipped = compress ? Gzip.compress(body) : nil
    self.gzipETag = gzipped == nil ? nil : "\"\(digest)-gz\""
    self.plainHeaders = Self.okHeaders(headers, etag: etag, gzip: false, length: body.readableBytes)
    self.gzipHeaders = gzipped.map {
      Self.okHeaders(headers, etag: "\"\(digest)-gz\"", gzip: true, length: $0.readableBytes)
    }
  }

  /// A `200`'s headers: the route's, the validator, what caches may do, the length, and the
  /// security headers every response carries (set here too, so that a cached page answered
  /// before the router has them in the same order as one the middleware answers).
  private static func okHeaders(_ route: HTTPFields, etag: String, gzip: Bool, length: Int)
    -> HTTPFields
  {
    var headers = route
    headers[.eTag] = etag
    if headers[.cacheControl] == nil { headers[.cacheControl] = cacheControl }
    headers[.vary] = vary
    if gzip { headers[.contentEncoding] = "gzip" }
    headers[.contentLength] = String(length)
    SecurityHeaders.apply(to: &headers)
    return headers
  }
}

extension CachedResponse {
  /// A public record: shared caches may keep a page a minute, then ask again with its ETag.
  static var cacheControl: String { "public, max-age=60" }
  static var vary: String { "Accept-Encoding" }

  /// The answer to a GET or HEAD of this page from a client that sent these headers: 304
  /// to an `If-None-Match` naming the bytes it would get, gzip when it accepts it. `body`
  /// is what a GET gets (nil for a 304); a HEAD gets the same headers and no body. Both
  /// ways of serving the cache (`ResponseCacheMiddleware`, `CachedPageHandler`) answer
  /// with this.
  func answer(acceptEncoding: String?, ifNoneMatch: String?) -> (
    status: HTTPResponse.Status, headers: HTTPFields, body: ByteBuffer?
  ) {
    let gzip = gzipHeaders != nil && Self.accepts("gzip", acceptEncoding)
    let headers = gzip ? gzipHeaders ?? plainHeaders : plainHeaders
    if let tags = ifNoneMatch, Self.matches(tags, gzip ? gzipETag ?? etag : etag) {
      // RFC 9110 15.4.5: a 304 repeats what a 200 would say of the cache, no content.
      var notModified = HTTPFields()
      for name in [HTTPFields.Element.Name.eTag, .cacheControl, .vary, .contentLocation] {
        if let value = headers[name] { notModified[name] = value }
      }
      SecurityHeaders.apply(to: &notModified)
      return (.notModified, notModified, nil)
    }
    return (.ok, headers, gzip ? gzipped ?? body : body)
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

/// How much of the rendered record the web keeps in memory.
public struct WebCacheLimits: Sendable, Hashable {
  /// Responses kept; 0 turns the cache off.
  public var maximumEntries: Int
  /// Bytes kept in all, gzipped copies included.
  public var maximumBytes: Int
  /// A larger response (a raw mail, an attachment) is served but not kept.
  public var maximumEntryBytes: Int

  public init(
    maximumEntries: Int = 2000, maximumBytes: Int = 64 * 1024 * 1024,
    maximumEntryBytes: Int = 1024 * 1024
  ) {
    self.maximumEntries = max(0, maximumEntries)
    self.maximumBytes = max(0, maximumBytes)
    self.maximumEntryBytes = max(0, maximumEntryBytes)
  }
}
