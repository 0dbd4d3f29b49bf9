import Hummingbird
import HummingbirdCore
import NIOCore
import NIOHTTPTypes
import Synchronization

/// What `CachedPageHandler` answers from, shared by every connection of a listener: the
/// router's `ResponseCache` and the version it is kept under.
public final class CachedPages: Sendable {
  let cache: ResponseCache
  let version: RecordVersion
  private let answers = Atomic(0)

  /// Requests answered here so far (tests; what the router never saw).
  var answered: Int { answers.load(ordering: .relaxed) }

  init(cache: ResponseCache, version: RecordVersion) {
    self.cache = cache
    self.version = version
  }

  /// The cached answer to `request`, as the router would give it (`ResponseCacheMiddleware`
  /// with `SecurityHeaders`, then Hummingbird's `Date` and `Server`), or nil when the router
  /// must answer: not a GET or HEAD, a `Connection` other than keep-alive, a page not in
  /// the cache, or a version that must be read from the store first.
  func answer(to request: HTTPRequest, serverName: String?) -> (HTTPResponse, ByteBuffer?)? {
    guard request.method == .get || request.method == .head, let path = request.path,
      cache.limits.maximumEntries > 0
    else { return nil }
    if let connection = request.headerFields[.connection],
      connection.lowercased() != "keep-alive"
    {
      return nil
    }
    guard let version = version.known(), let entry = cache.entry(for: path, at: version) else {
      return nil
    }
    let answer = entry.answer(
      acceptEncoding: request.headerFields[.acceptEncoding],
      ifNoneMatch: request.headerFields[.ifNoneMatch])
    answers.add(1, ordering: .relaxed)
    var headers = answer.headers
    // Appended, as Hummingbird's setting them appends: no route sets either.
    headers.append(HTTPFields.Element(name: .date, value: HTTPDate.now()))
    if let serverName { headers.append(HTTPFields.Element(name: .server, value: serverName)) }
    return (
      HTTPResponse(status: answer.status, headerFields: headers),
      request.method == .get ? answer.body : nil
    )
  }
}

/// Answers GET and HEAD of cached pages on the event loop, before Hummingbird's router and
/// middleware: a cached page then costs what writing its bytes costs. Everything else, and
/// every request while an earlier one of the connection is still with the router (its
/// answer must come first), passes on unchanged.
///
/// Sits after `HTTPConnectionStateHandler` (`ConnectionGuard` puts it there), so that the
/// idle timeout and graceful shutdown see its answers; `ConnectionGuard`'s limits, the
/// header deadline and the decoder's header limits apply before it.
final class CachedPageHandler: ChannelDuplexHandler, RemovableChannelHandler {
  typealias InboundIn = HTTPRequestPart
  typealias InboundOut = HTTPRequestPart
  typealias OutboundIn = HTTPResponsePart
  typealias OutboundOut = HTTPResponsePart

  private let pages: CachedPages
  private let serverName: String?
  /// Requests passed on to the router whose answer has not ended yet.
  private var withRouter = 0
  /// The answer to the request being read, written once its end arrives.
  private var pending: (HTTPResponse, ByteBuffer?)?

  init(pages: CachedPages, serverName: String?) {
    self.pages = pages
    self.serverName = serverName
  }

  func channelRead(context: ChannelHandlerContext, data: NIOAny) {
    switch unwrapInboundIn(data) {
    case .head(let request):
      if withRouter == 0, let answer = pages.answer(to: request, serverName: serverName) {
        pending = answer
        return
      }
      withRouter += 1
    case .body:
      if pending != nil { return }
    case .end:
      if let (response, body) = pending {
        pending = nil
        context.write(wrapOutboundOut(.head(response)), promise: nil)
        if let body { context.write(wrapOutboundOut(.body(body)), promise: nil) }
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        return
      }
    }
    context.fireChannelRead(data)
  }

  func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
    if case .end = unwrapOutboundIn(data), withRouter > 0 { withRouter -= 1 }
    context.write(data, promise: promise)
  }
}
