import CCurl
import Foundation
import Logging

/// Notices new mail fast: IMAP IDLE (RFC 2177) on a connection of its own.
///
/// libcurl has no IDLE command, so this connection is opened with `CONNECT_ONLY` (libcurl
/// connects, negotiates TLS and logs in) and then speaks raw IMAP through
/// `curl_easy_send` / `curl_easy_recv`. A server without IDLE gets no special treatment
/// here: `waitForNews` then just waits, and the caller's periodic `STATUS` poll (its
/// safety net in any case) finds the mail.
///
/// With a `checkInterval`, the wait asks with `NOOP` at that pace instead of idling. Some
/// servers hold IDLE notices back (Dovecot batches changes for 0.5 s before it tells an
/// IDLE client), while a `NOOP` is answered with the mailbox as it is: mail is then
/// noticed within one interval, at the cost of one small command per interval.
public actor IMAPIdler {
  public let configuration: IMAPConfiguration
  /// How often a wait asks with `NOOP`; nil waits on IDLE alone.
  public let checkInterval: Duration?
  private let logger: Logger
  private let executor: ConnectionExecutor
  private var connection: CurlEasy?
  private var serverCanIdle = false
  private var buffer: [UInt8] = []
  private var tagCounter = 0
  /// The tag of an IDLE ended by DONE whose tagged answer is not read yet: the caller's
  /// fetch must not wait one more round trip behind it, so it is read at the next use.
  private var unansweredIdle: String?
  /// Connections opened so far (tests: a wait after news goes on on the same one).
  private(set) var connectionsOpened = 0

  /// Servers may drop an IDLE after 30 minutes (RFC 2177): re-issue it well before.
  static let longestIdle: Duration = .seconds(25 * 60)
  /// How often a blocked wait looks at task cancellation.
  static let cancellationCheck: Duration = .milliseconds(200)
  /// The shortest `checkInterval` worth asking for: more often only loads the server.
  public static let shortestCheckInterval: Duration = .milliseconds(50)
  /// Waits that asked with NOOP, NOOPs sent and IDLEs issued (tests: which way news came).
  private(set) var checks = (waits: 0, noops: 0, idles: 0)

  public nonisolated var unownedExecutor: UnownedSerialExecutor {
    executor.asUnownedSerialExecutor()
  }

  public init(
    configuration: IMAPConfiguration, checkInterval: Duration? = nil,
    logger: Logger = Logger(label: "liaisond.imap.idle")
  ) {
    self.configuration = configuration
    self.checkInterval = checkInterval.map { max($0, Self.shortestCheckInterval) }
    var logger = logger
    logger[metadataKey: "imap.server"] = "\(configuration.server)"
    self.logger = logger
    executor = ConnectionExecutor(name: "imap idle \(configuration.server)")
  }

  public func disconnect() {
    connection = nil
    buffer = []
    unansweredIdle = nil
  }

  /// True when the server offers IDLE (connects if needed).
  public func supportsIdle() throws -> Bool {
    _ = try connect()
    return serverCanIdle
  }

  /// Waits until `mailbox` has news, or `timeout` passes.
  ///
  /// - Parameter knownUIDNext: the UIDNEXT the caller has already processed up to; when
  ///   the mailbox's UIDNEXT differs at the start, this returns at once (mail that arrived
  ///   between the caller's last poll and this IDLE is not missed).
  /// - Returns: true when something arrived (or may have), false on timeout.
  public func waitForNews(in mailbox: String, knownUIDNext: UInt32?, timeout: Duration) throws
    -> Bool
  {
    let deadline = ContinuousClock.now + timeout
    let reused = connection != nil
    do {
      return try idle(in: mailbox, knownUIDNext: knownUIDNext, until: deadline)
    } catch let error as MailTransportError where reused && error.isLostConnection {
      // The server restarted or dropped the connection (while it idled, or while the
      // caller fetched): a fresh one at once, rather than the caller's slower fallback
      // poll. UIDNEXT tells of whatever arrived meanwhile.
      logger.debug("IDLE connection lost; reconnecting", metadata: ["error": "\(error)"])
      return try idle(in: mailbox, knownUIDNext: knownUIDNext, until: deadline)
    }
  }

  private func idle(
    in mailbox: String, knownUIDNext: UInt32?, until deadline: ContinuousClock.Instant
  )
    throws -> Bool
  {
    do {
      let connection = try connect()
      if let tag = unansweredIdle {
        unansweredIdle = nil
        _ = try readUntilTagged(tag, on: connection, step: "IDLE DONE")
      }
      // NOOP is in every IMAP server; without IDLE and without checks, only the caller's
      // periodic poll finds mail.
      guard serverCanIdle || checkInterval != nil else {
        try sleep(until: deadline)
        return false
      }
      let quoted = try IMAPMailboxName.quoted(mailbox, field: "mailbox")
      let selected = try command("SELECT \(quoted)", on: connection)
      if let knownUIDNext, let uidNext = Self.responseCode("UIDNEXT", in: selected),
        uidNext != knownUIDNext
      {
        return true
      }
      if let checkInterval {
        return try check(every: checkInterval, selected: selected, on: connection, until: deadline)
      }
      checks.idles += 1
      let idleDeadline = min(deadline, ContinuousClock.now + Self.longestIdle)
      let tag = nextTag()
      try connection.send(Array("\(tag) IDLE\r\n".utf8), step: "IDLE", deadline: commandDeadline())
      while true {
        guard let line = try readLine(on: connection, step: "IDLE", deadline: commandDeadline())
        else {
          throw timeoutError(step: "IDLE")
        }
        if line.hasPrefix("+") { break }
        if line.hasPrefix(tag + " ") {
          throw MailTransportError.protocolViolation(
            server: configuration.server, step: "IDLE", detail: line)
        }
      }
      var news = false
      while !news {
        let now = ContinuousClock.now
        if now >= idleDeadline { break }
        if Task.isCancelled {
          throw MailTransportError.cancelled(server: configuration.server, step: "IDLE")
        }
        let slice = min(idleDeadline, now + Self.cancellationCheck)
        while let line = try readLine(on: connection, step: "IDLE", deadline: slice) {
          if line.hasPrefix("* BYE") {
            throw MailTransportError.curl(
              server: configuration.server, step: "IDLE", code: 56,
              message: "the server closed the connection", reply: line)
          }
          let upper = line.uppercased()
          if upper.hasPrefix("* ") && (upper.hasSuffix(" EXISTS") || upper.hasSuffix(" RECENT")) {
            news = true
            break
          }
        }
      }
      try connection.send(Array("DONE\r\n".utf8), step: "IDLE DONE", deadline: commandDeadline())
      unansweredIdle = tag
      return news
    } catch {
      if connection != nil {
        logger.debug("dropping IDLE connection after an error", metadata: ["error": "\(error)"])
      }
      connection = nil
      buffer = []
      unansweredIdle = nil
      throw error
    }
  }

  /// Asks with `NOOP` every `interval` until the mailbox holds more messages than it did
  /// (an `EXISTS` above the count, expunges by the poller's own moves counted down), or
  /// `deadline` passes.
  private func check(
    every interval: Duration, selected: [String], on connection: CurlEasy,
    until deadline: ContinuousClock.Instant
  ) throws -> Bool {
    checks.waits += 1
    var count = selected.compactMap { IMAPResponse.untaggedNumber($0, "EXISTS") }.last ?? 0
    while true {
      let next = min(deadline, ContinuousClock.now + interval)
      try sleep(until: next)
      if ContinuousClock.now >= deadline { return false }
      checks.noops += 1
      for line in try command("NOOP", on: connection) {
        if IMAPResponse.untaggedNumber(line, "EXPUNGE") != nil {
          count = max(0, count - 1)
        } else if let exists = IMAPResponse.untaggedNumber(line, "EXISTS") {
          if exists > count { return true }
          count = exists
        } else if line.uppercased().hasPrefix("* BYE") {
          throw MailTransportError.curl(
            server: configuration.server, step: "NOOP", code: 56,
            message: "the server closed the connection", reply: line)
        }
      }
    }
  }

  // MARK: Plumbing

  private func connect() throws -> CurlEasy {
    if let connection { return connection }
    let connection = try configuration.rawSession(step: "connect and log in for IDLE")
    buffer = []
    tagCounter = 0
    unansweredIdle = nil
    connectionsOpened += 1
    self.connection = connection
    let lines = try command("CAPABILITY", on: connection)
    serverCanIdle = IMAPResponse.capabilities(in: lines).contains("IDLE")
    logger.debug("opened IDLE connection", metadata: ["imap.idle": "\(serverCanIdle)"])
    return connection
  }

  private func nextTag() -> String {
    tagCounter += 1
    return "L\(tagCounter)"
  }

  private func commandDeadline() -> ContinuousClock.Instant {
    .now + configuration.commandTimeout
  }

  /// Sends one command and returns the untagged lines of its answer; NO/BAD throws.
  private func command(_ text: String, on connection: CurlEasy) throws -> [String] {
    let tag = nextTag()
    let step = String(text.prefix(while: { $0 != " " }))
    try connection.send(Array("\(tag) \(text)\r\n".utf8), step: step, deadline: commandDeadline())
    return try readUntilTagged(tag, on: connection, step: step)
  }

  private func readUntilTagged(_ tag: String, on connection: CurlEasy, step: String) throws
    -> [String]
  {
    var lines: [String] = []
    let deadline = commandDeadline()
    while true {
      guard let line = try readLine(on: connection, step: step, deadline: deadline) else {
        throw timeoutError(step: step)
      }
      guard line.hasPrefix(tag + " ") else {
        lines.append(line)
        continue
      }
      let status = line.dropFirst(tag.count + 1).prefix(3).uppercased()
      guard status.hasPrefix("OK") else {
        throw MailTransportError.curl(
          server: configuration.server, step: step, code: 21, message: "the server refused \(step)",
          reply: line)
      }
      return lines
    }
  }

  /// The next server line, or nil when none came before `deadline`.
  private func readLine(on connection: CurlEasy, step: String, deadline: ContinuousClock.Instant)
    throws
    -> String?
  {
    while true {
      if let newline = buffer.firstIndex(of: 0x0A) {
        let line = String(decoding: buffer[..<newline], as: UTF8.self).trimmingLineEnd()
        buffer.removeSubrange(...newline)
        return line
      }
      if buffer.count > 1_000_000 {
        throw MailTransportError.protocolViolation(
          server: configuration.server, step: step, detail: "a server line longer than 1 MB")
      }
      if let bytes = try connection.receiveAvailable(step: step) {
        buffer.append(contentsOf: bytes)
        continue
      }
      if ContinuousClock.now >= deadline { return nil }
      try connection.waitForSocket(step: step, deadline: deadline)
    }
  }

  private func sleep(until deadline: ContinuousClock.Instant) throws {
    while ContinuousClock.now < deadline {
      if Task.isCancelled {
        throw MailTransportError.cancelled(server: configuration.server, step: "wait for mail")
      }
      let slice = min(deadline - ContinuousClock.now, Self.cancellationCheck)
      usleep(UInt32(max(1, slice.milliseconds)) * 1000)
    }
  }

  private func timeoutError(step: String) -> MailTransportError {
    .curl(
      server: configuration.server, step: step, code: 28,
      message: "no answer within \(configuration.commandTimeout)", reply: nil)
  }

  /// A number in a response code such as `* OK [UIDNEXT 42] Predicted next UID`.
  static func responseCode(_ name: String, in lines: [String]) -> UInt32? {
    for line in lines {
      guard let range = line.range(of: "[\(name) ") else { continue }
      let digits = line[range.upperBound...].prefix(while: \.isNumber)
      if let value = UInt32(digits) { return value }
    }
    return nil
  }
}
