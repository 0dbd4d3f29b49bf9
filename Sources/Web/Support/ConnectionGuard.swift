import Hummingbird
import HummingbirdCore
import NIOCore
import NIOHTTPTypes
import Synchronization

/// Bounds what web clients can hold: at most `limits.maxConnections` connections are
/// served; one beyond that is answered `503 Service Unavailable` and closed (and closed
/// after `overflowGrace` if it sends nothing); past twice the cap the server stops
/// accepting, so that connections wait in the kernel's backlog and take none of the
/// process's descriptors. A request whose body would exceed `limits.maxRequestBytes`
/// is answered `413` and its connection closed.
///
/// Idle connections are ended by Hummingbird's idle timeout (`WebLimits.idleTimeout`);
/// a request head that has begun must be complete within `WebLimits.headerTimeout`
/// (`HeaderDeadline`), however slowly its bytes trickle in.
///
/// With `pages`, the first request it lets through puts a `CachedPageHandler` behind
/// Hummingbird's `HTTPConnectionStateHandler`: cached pages are answered there, within
/// these same limits.
final class ConnectionGuard: ChannelDuplexHandler, RemovableChannelHandler {
  typealias InboundIn = HTTPRequestPart
  typealias InboundOut = HTTPRequestPart
  typealias OutboundIn = HTTPResponsePart
  typealias OutboundOut = HTTPResponsePart

  /// How long a connection beyond the cap may take to send its request head.
  static let overflowGrace: TimeAmount = .seconds(2)

  private let counter: ConnectionCounter
  private let maxRequestBytes: Int
  private let headerTimeout: TimeAmount
  private var headerDeadline: HeaderDeadline?
  private var overCap = false
  private var counted = false
  private var bodyBytes = 0
  private var refusing = false
  private var pages: CachedPages?

  init(
    counter: ConnectionCounter, maxRequestBytes: Int, headerTimeout: TimeAmount,
    pages: CachedPages? = nil
  ) {
    self.counter = counter
    self.maxRequestBytes = maxRequestBytes
    self.headerTimeout = headerTimeout
    self.pages = pages
  }

  func handlerAdded(context: ChannelHandlerContext) {
    // Before the HTTP decoder: only there is the first byte of a request head visible.
    let deadline = HeaderDeadline(timeout: headerTimeout)
    if (try? context.pipeline.syncOperations.addHandler(deadline, position: .first)) != nil {
      headerDeadline = deadline
    }
    counted = true
    overCap = !counter.open()
    if overCap {
      let channel = context.channel
      context.eventLoop.scheduleTask(in: Self.overflowGrace) { channel.close(promise: nil) }
    }
  }

  func handlerRemoved(context: ChannelHandlerContext) {
    if counted {
      counter.close()
      counted = false
    }
  }

  func channelRead(context: ChannelHandlerContext, data: NIOAny) {
    if refusing { return }
    let part = unwrapInboundIn(data)
    switch part {
    case .head(let head):
      headerDeadline?.headArrived()
      bodyBytes = 0
      if overCap {
        refuse(context: context, status: .serviceUnavailable)
        return
      }
      if let length = head.headerFields[.contentLength].flatMap(Int.init), length > maxRequestBytes
      {
        refuse(context: context, status: .contentTooLarge)
        return
      }
      if let pages {
        // Only now is the pipeline complete: Hummingbird adds its state handler after this one.
        self.pages = nil
        let operations = context.pipeline.syncOperations
        if let state = try? operations.handler(type: HTTPConnectionStateHandler.self) {
          try? operations.addHandler(
            CachedPageHandler(pages: pages, serverName: WebLimits.serverName),
            position: .after(state))
        }
      }
    case .body(let buffer):
      bodyBytes += buffer.readableBytes
      if bodyBytes > maxRequestBytes {
        // The response may have begun: the only safe answer now is to hang up.
        refusing = true
        context.close(promise: nil)
        return
      }
    case .end:
      break
    }
    context.fireChannelRead(data)
  }

  func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
    if case .end = unwrapOutboundIn(data) { headerDeadline?.responseEnded() }
    context.write(data, promise: promise)
  }

  /// Answers `status` with `Connection: close` and closes once it is written.
  private func refuse(context: ChannelHandlerContext, status: HTTPResponse.Status) {
    refusing = true
    var fields = HTTPFields()
    fields[.connection] = "close"
    fields[.contentLength] = "0"
    if status == .serviceUnavailable { fields[.retryAfter] = "5" }
    let head = HTTPResponse(status: status, headerFields: fields)
    context.write(wrapOutboundOut(.head(head)), promise: nil)
    let channel = context.channel
    context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in
      channel.close(promise: nil)
    }
  }
}

/// The first byte of a request head starts a clock; the head must be complete before it
/// runs out (`ConnectionGuard` says when it is), or the connection is closed. Between
/// requests nothing runs here: an idle connection is the idle timeout's.
final class HeaderDeadline: ChannelInboundHandler, RemovableChannelHandler {
  typealias InboundIn = ByteBuffer
  typealias InboundOut = ByteBuffer

  private let timeout: TimeAmount
  /// True between requests: the next byte read begins a head.
  private var awaitingHead = true
  private var timer: Scheduled<Void>?

  init(timeout: TimeAmount) {
    self.timeout = timeout
  }

  func channelRead(context: ChannelHandlerContext, data: NIOAny) {
    if awaitingHead {
      awaitingHead = false
      let channel = context.channel
      timer = context.eventLoop.scheduleTask(in: timeout) { channel.close(promise: nil) }
    }
    context.fireChannelRead(data)
  }

  func handlerRemoved(context: ChannelHandlerContext) {
    timer?.cancel()
    timer = nil
  }

  func headArrived() {
    timer?.cancel()
    timer = nil
  }

  func responseEnded() {
    awaitingHead = true
  }
}

/// The connections open on one listener, shared by the handlers of all its connections.
final class ConnectionCounter: Sendable {
  let limit: Int
  private let count = Mutex(0)

  init(limit: Int) {
    self.limit = limit
  }

  /// Counts a new connection; false when it is beyond the limit.
  func open() -> Bool {
    count.withLock { count in
      count += 1
      return count <= limit
    }
  }

  func close() {
    count.withLock { $0 -= 1 }
  }

  var current: Int { count.withLock { $0 } }
}

/// What a web listener lets its clients hold.
public struct WebLimits: Sendable, Hashable {
  /// Connections served at once; beyond it, `503` (and past twice it, not accepted).
  public var maxConnections: Int
  /// A connection with nothing to do for this long (no request begun, none being answered)
  /// is closed.
  public var idleTimeout: Duration
  /// A request head must be complete this long after its first byte.
  public var headerTimeout: Duration
  /// Request header fields in all, and a request body, in bytes.
  public var maxHeaderBytes: Int
  public var maxRequestBytes: Int

  public init(
    maxConnections: Int = 256, idleTimeout: Duration = .seconds(30),
    headerTimeout: Duration = .seconds(30), maxHeaderBytes: Int = 16 * 1024,
    maxRequestBytes: Int = 64 * 1024
  ) {
    self.maxConnections = max(1, maxConnections)
    self.idleTimeout = idleTimeout
    self.headerTimeout = headerTimeout
    self.maxHeaderBytes = max(1024, maxHeaderBytes)
    self.maxRequestBytes = max(0, maxRequestBytes)
  }

  /// Descriptors the listener can take at most: the served and the refused connections,
  /// and its listening socket.
  public var maximumDescriptors: Int { 2 * maxConnections + 1 }

  /// The `Server` header of every response.
  static let serverName = "liaisond"

  /// The HTTP/1.1 server and the application configuration of a listener on `host:port`
  /// under these limits.
  public func server(host: String, port: Int) -> (
    server: HTTPServerBuilder, configuration: ApplicationConfiguration
  ) {
    server(host: host, port: port, pages: nil)
  }

  /// The same, answering `pages` before the router (`CachedPageHandler`).
  func server(host: String, port: Int, pages: CachedPages?) -> (
    server: HTTPServerBuilder, configuration: ApplicationConfiguration
  ) {
    let counter = ConnectionCounter(limit: maxConnections)
    let maxRequestBytes = self.maxRequestBytes
    let header = Self.timeAmount(headerTimeout)
    let channel = HTTP1Channel.Configuration(
      additionalChannelHandlers: [
        ConnectionGuard(
          counter: counter, maxRequestBytes: maxRequestBytes, headerTimeout: header, pages: pages)
      ],
      idleTimeout: Self.timeAmount(idleTimeout),
      httpDecoderConfiguration: .init(
        maxHeaderFieldSize: maxHeaderBytes, maxHeaderListSize: maxHeaderBytes,
        maxHeaderFieldCount: 100))
    let configuration = ApplicationConfiguration(
      address: .hostname(host, port: port), serverName: Self.serverName,
      availableConnectionsDelegate: MaximumAvailableConnections(2 * maxConnections))
    return (.http1(configuration: channel), configuration)
  }

  static func timeAmount(_ duration: Duration) -> TimeAmount {
    let (seconds, attoseconds) = duration.components
    return .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
  }
}
