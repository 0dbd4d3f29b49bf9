import CCurl
import Foundation

/// The owner of one libcurl easy handle, that is of one (reused) server connection.
///
/// Not thread-safe on purpose: it lives inside an actor that runs on its own thread
/// (`ConnectionExecutor`). C memory the handle points at (string lists, the error
/// buffer, the callback context) is owned here and lives exactly as long as the handle.
final class CurlEasy {
  /// The server as it is named in errors: scheme, host and port, never credentials.
  let server: String
  private let handle: UnsafeMutableRawPointer
  private let sink = TransferSink()
  private let errorBuffer: UnsafeMutablePointer<CChar>
  private var lists: [UnsafeMutablePointer<curl_slist>] = []

  /// The data of one `perform`.
  struct Transfer {
    /// The body callback's bytes (a downloaded message, or untagged lines of a command).
    var body: [UInt8]
    /// Every line the server sent (the header callback), without CRLF.
    var lines: [String]
    /// Commands sent and replies received, in order (filled when `traceProtocol` is on).
    var trace: [TraceLine]
  }

  enum TraceLine: Equatable {
    case sent(String)
    case received(String)
  }

  init(server: String) throws {
    _ = CurlEasy.globalInit
    guard let handle = curl_easy_init() else {
      throw MailTransportError.curl(
        server: server, step: "create a connection", code: 27, message: "out of memory",
        reply: nil)
    }
    self.server = server
    self.handle = handle
    errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
    errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
    do {
      try configureCallbacks()
    } catch {
      curl_easy_cleanup(handle)
      errorBuffer.deallocate()
      throw error
    }
  }

  deinit {
    curl_easy_cleanup(handle)
    for list in lists { curl_slist_free_all(list) }
    errorBuffer.deallocate()
  }

  /// libcurl's global state, set up once before the first handle (thread-safe lazy init).
  private static let globalInit: Void = {
    _ = curl_global_init(Int(CURL_GLOBAL_ALL))
  }()

  private func configureCallbacks() throws {
    let context = Unmanaged.passUnretained(sink).toOpaque()
    try check(lsd_curl_setopt_long(handle, CURLOPT_NOSIGNAL, 1), "set NOSIGNAL")
    try check(lsd_curl_setopt_pointer(handle, CURLOPT_ERRORBUFFER, errorBuffer), "set ERRORBUFFER")
    try check(
      lsd_curl_setopt_data_callback(handle, CURLOPT_WRITEFUNCTION, curlWrite), "set WRITEFUNCTION")
    try check(lsd_curl_setopt_pointer(handle, CURLOPT_WRITEDATA, context), "set WRITEDATA")
    try check(
      lsd_curl_setopt_data_callback(handle, CURLOPT_HEADERFUNCTION, curlHeader),
      "set HEADERFUNCTION")
    try check(lsd_curl_setopt_pointer(handle, CURLOPT_HEADERDATA, context), "set HEADERDATA")
    try check(
      lsd_curl_setopt_data_callback(handle, CURLOPT_READFUNCTION, curlRead), "set READFUNCTION")
    try check(lsd_curl_setopt_pointer(handle, CURLOPT_READDATA, context), "set READDATA")
    try check(lsd_curl_setopt_xferinfo_callback(handle, curlProgress), "set XFERINFOFUNCTION")
    try check(lsd_curl_setopt_pointer(handle, CURLOPT_XFERINFODATA, context), "set XFERINFODATA")
    try check(lsd_curl_setopt_long(handle, CURLOPT_NOPROGRESS, 0), "set NOPROGRESS")
    try check(lsd_curl_setopt_debug_callback(handle, curlDebug), "set DEBUGFUNCTION")
    try check(lsd_curl_setopt_pointer(handle, CURLOPT_DEBUGDATA, context), "set DEBUGDATA")
  }

  // MARK: Options

  func set(_ option: CURLoption, _ value: Int) throws {
    try check(lsd_curl_setopt_long(handle, option, value), "set option \(option.rawValue)")
  }

  func set(_ option: CURLoption, _ value: Bool) throws {
    try set(option, value ? 1 : 0)
  }

  func set(_ option: CURLoption, _ value: String?) throws {
    let code: CURLcode
    if let value {
      guard !value.utf8.contains(0) else {
        throw MailTransportError.invalidConfiguration(
          field: "option \(option.rawValue)", reason: "contains a NUL byte")
      }
      code = value.withCString { lsd_curl_setopt_string(handle, option, $0) }
    } else {
      code = lsd_curl_setopt_string(handle, option, nil)
    }
    try check(code, "set option \(option.rawValue)")
  }

  func set(_ option: CURLoption, offset value: Int64) throws {
    try check(
      lsd_curl_setopt_offset(handle, option, curl_off_t(value)), "set option \(option.rawValue)")
  }

  /// A string list option; the list is kept until the handle goes (libcurl does not copy it).
  func set(_ option: CURLoption, list values: [String]) throws {
    var list: UnsafeMutablePointer<curl_slist>? = nil
    for value in values {
      guard let appended = value.withCString({ curl_slist_append(list, $0) }) else {
        if let list { curl_slist_free_all(list) }
        throw MailTransportError.curl(
          server: server, step: "build a list", code: 27, message: "out of memory", reply: nil)
      }
      list = appended
    }
    let code = lsd_curl_setopt_slist(handle, option, list)
    if let list { lists.append(list) }
    try check(code, "set option \(option.rawValue)")
  }

  /// Bytes of server lines (headers, in libcurl's terms) seen over the handle's life.
  private(set) var serverBytes = 0
  /// Below libcurl 7.88's 300 KB lifetime limit on response headers, with room for one
  /// large answer (a `* SEARCH` of 10,000 UIDs is about 50 KB).
  static let serverBytesBeforeRecycle = 150_000

  /// The protocol trace of the last transfer, also when it failed.
  private(set) var lastTrace: [TraceLine] = []

  /// Records the protocol conversation of the next transfers (SMTP per-recipient replies).
  var traceProtocol: Bool = false {
    didSet { try? set(CURLOPT_VERBOSE, traceProtocol) }
  }

  // MARK: Transfers

  /// Runs one transfer, blocking the calling thread until it ends.
  ///
  /// - Parameters:
  ///   - upload: the bytes the read callback hands out (APPEND, SMTP DATA).
  ///   - bodyLimit: abort (as a temporary failure) when the body grows beyond this.
  func perform(step: String, upload: [UInt8]? = nil, bodyLimit: Int? = nil) throws -> Transfer {
    sink.reset(upload: upload ?? [], bodyLimit: bodyLimit)
    errorBuffer[0] = 0
    let code = curl_easy_perform(handle)
    let transfer = Transfer(body: sink.body, lines: sink.finishLines(), trace: sink.trace)
    lastTrace = transfer.trace
    serverBytes += transfer.lines.reduce(0) { $0 + $1.utf8.count + 2 }
    sink.reset(upload: [], bodyLimit: nil)
    if code != CURLE_OK {
      if code == CURLE_ABORTED_BY_CALLBACK {
        throw MailTransportError.cancelled(server: server, step: step)
      }
      throw error(code, step: step, lines: transfer.lines)
    }
    return transfer
  }

  /// The socket of a CONNECT_ONLY connection, or nil when it is closed.
  func activeSocket() -> Int32? {
    var socket: curl_socket_t = CURL_SOCKET_BAD
    guard lsd_curl_getinfo_socket(handle, CURLINFO_ACTIVESOCKET, &socket) == CURLE_OK,
      socket != CURL_SOCKET_BAD
    else { return nil }
    return socket
  }

  /// Sends all of `bytes` on a CONNECT_ONLY connection, waiting for the socket as needed.
  func send(_ bytes: [UInt8], step: String, deadline: ContinuousClock.Instant) throws {
    var offset = 0
    while offset < bytes.count {
      var sent = 0
      let code = bytes.withUnsafeBytes { buffer in
        curl_easy_send(handle, buffer.baseAddress! + offset, buffer.count - offset, &sent)
      }
      if code == CURLE_AGAIN {
        try waitForSocket(writable: true, step: step, deadline: deadline)
        continue
      }
      if code != CURLE_OK { throw error(code, step: step, lines: []) }
      offset += sent
    }
  }

  /// Reads what is available on a CONNECT_ONLY connection: nil when nothing is (yet).
  func receiveAvailable(step: String) throws -> [UInt8]? {
    var buffer = [UInt8](repeating: 0, count: 16_384)
    var received = 0
    let code = buffer.withUnsafeMutableBytes {
      curl_easy_recv(handle, $0.baseAddress!, $0.count, &received)
    }
    if code == CURLE_AGAIN { return nil }
    if code != CURLE_OK { throw error(code, step: step, lines: []) }
    if received == 0 {
      throw MailTransportError.curl(
        server: server, step: step, code: 56, message: "the server closed the connection",
        reply: nil)
    }
    return Array(buffer[0..<received])
  }

  /// Waits until the CONNECT_ONLY socket is readable (or writable), or `deadline` passes.
  /// Returns false on timeout.
  @discardableResult
  func waitForSocket(writable: Bool = false, step: String, deadline: ContinuousClock.Instant) throws
    -> Bool
  {
    guard let socket = activeSocket() else {
      throw MailTransportError.curl(
        server: server, step: step, code: 56, message: "the connection is closed", reply: nil)
    }
    let remaining = deadline - ContinuousClock.now
    let milliseconds = max(0, min(Int(remaining.seconds * 1000), Int(Int32.max)))
    var descriptor = pollfd(fd: socket, events: Int16(writable ? POLLOUT : POLLIN), revents: 0)
    let ready = poll(&descriptor, 1, Int32(milliseconds))
    if ready < 0 && errno != EINTR {
      throw MailTransportError.curl(
        server: server, step: step, code: 56, message: "poll failed: errno \(errno)", reply: nil)
    }
    return ready > 0
  }

  // MARK: Errors

  private func check(_ code: CURLcode, _ step: String) throws {
    if code != CURLE_OK { throw error(code, step: step, lines: []) }
  }

  private func error(_ code: CURLcode, step: String, lines: [String]) -> MailTransportError {
    let detail = String(cString: errorBuffer)
    let message = detail.isEmpty ? String(cString: curl_easy_strerror(code)) : detail
    return .curl(
      server: server, step: step, code: Int(code.rawValue), message: message,
      reply: Self.failureReply(in: lines))
  }

  /// The server line that explains a failure: the last IMAP `NO`/`BAD`/`BYE` or SMTP
  /// 4xx/5xx line (libcurl may log out after it), else the last line.
  static func failureReply(in lines: [String]) -> String? {
    func status(_ line: String) -> (tag: Substring, word: String)? {
      let words = line.split(separator: " ", maxSplits: 2)
      return words.count >= 2 ? (words[0], words[1].uppercased()) : nil
    }
    let tagged = lines.last { line in
      guard let (tag, word) = status(line) else { return false }
      return tag != "*" && (word == "NO" || word == "BAD")
    }
    let smtp = lines.last { SMTPReply(line: $0).map { !$0.isPositive } ?? false }
    let bye = lines.last { line in status(line).map { $0.tag == "*" && $0.word == "BYE" } ?? false }
    return tagged ?? smtp ?? bye ?? lines.last(where: { !$0.isEmpty })
  }
}

/// What the C callbacks read from and write to; reached through an unmanaged pointer.
private final class TransferSink {
  var body: [UInt8] = []
  var lines: [String] = []
  var trace: [CurlEasy.TraceLine] = []
  var upload: [UInt8] = []
  var uploadOffset = 0
  var bodyLimit: Int?
  private var received: [UInt8] = []
  private var partialLine: [UInt8] = []

  func reset(upload: [UInt8], bodyLimit: Int?) {
    partialLine = []
    body = []
    lines = []
    trace = []
    received = []
    self.upload = upload
    uploadOffset = 0
    self.bodyLimit = bodyLimit
  }

  func receivedLine(_ bytes: UnsafeBufferPointer<UInt8>) {
    partialLine.append(contentsOf: bytes)
    while let newline = partialLine.firstIndex(of: 0x0A) {
      lines.append(String(decoding: partialLine[..<newline], as: UTF8.self).trimmingLineEnd())
      partialLine.removeSubrange(...newline)
    }
  }

  /// The lines of the transfer, with a last one that had no line end.
  func finishLines() -> [String] {
    if !partialLine.isEmpty {
      lines.append(String(decoding: partialLine, as: UTF8.self).trimmingLineEnd())
      partialLine = []
    }
    return lines
  }

  /// Server lines may reach the debug callback in pieces: keep whole lines only.
  func receivedTrace(_ bytes: UnsafeBufferPointer<UInt8>) {
    received.append(contentsOf: bytes)
    while let newline = received.firstIndex(of: 0x0A) {
      let line = received[..<newline]
      trace.append(.received(String(decoding: line, as: UTF8.self).trimmingLineEnd()))
      received.removeSubrange(...newline)
    }
  }
}

extension String {
  func trimmingLineEnd() -> String {
    var text = Substring(self)
    while let last = text.last, last == "\r" || last == "\n" || last == "\r\n" { text.removeLast() }
    return String(text)
  }
}

private func sink(_ context: UnsafeMutableRawPointer?) -> TransferSink? {
  guard let context else { return nil }
  return Unmanaged<TransferSink>.fromOpaque(context).takeUnretainedValue()
}

private let curlWrite: lsd_curl_data_callback = { data, size, count, context in
  guard let sink = sink(context), let data else { return 0 }
  let length = size * count
  if let limit = sink.bodyLimit, sink.body.count + length > limit { return 0 }
  data.withMemoryRebound(to: UInt8.self, capacity: length) {
    sink.body.append(contentsOf: UnsafeBufferPointer(start: $0, count: length))
  }
  return length
}

/// libcurl hands a long server line (a `* SEARCH` of 10,000 UIDs) to this callback in
/// pieces: only whole lines are kept.
private let curlHeader: lsd_curl_data_callback = { data, size, count, context in
  guard let sink = sink(context), let data else { return 0 }
  let length = size * count
  data.withMemoryRebound(to: UInt8.self, capacity: length) {
    sink.receivedLine(UnsafeBufferPointer(start: $0, count: length))
  }
  return length
}

private let curlRead: lsd_curl_data_callback = { buffer, size, count, context in
  guard let sink = sink(context), let buffer else { return Int(CURL_READFUNC_ABORT) }
  let length = min(size * count, sink.upload.count - sink.uploadOffset)
  guard length > 0 else { return 0 }
  sink.upload.withUnsafeBytes { source in
    UnsafeMutableRawPointer(buffer).copyMemory(
      from: source.baseAddress! + sink.uploadOffset, byteCount: length)
  }
  sink.uploadOffset += length
  return length
}

/// Aborts a transfer whose task was cancelled (perform runs inside the caller's task).
private let curlProgress: curl_xferinfo_callback = { _, _, _, _, _ in
  Task.isCancelled ? 1 : 0
}

private let curlDebug: curl_debug_callback = { _, type, data, size, context in
  guard let sink = sink(context), let data else { return 0 }
  let bytes = UnsafeRawBufferPointer(start: data, count: size).bindMemory(to: UInt8.self)
  switch type {
  case CURLINFO_HEADER_OUT:
    let text = String(decoding: bytes, as: UTF8.self)
    for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
      sink.trace.append(.sent(String(line).trimmingLineEnd()))
    }
  case CURLINFO_HEADER_IN:
    sink.receivedTrace(bytes)
  default:
    break
  }
  return 0
}
