import CCurl
import Foundation

/// A raw IMAP session that downloads a batch of messages in one round trip: libcurl
/// connects, negotiates TLS and logs in (`CONNECT_ONLY`); the commands and the literals
/// of their answers are read here.
///
/// libcurl offers neither: its URL fetch costs a round trip per message, and a custom
/// `UID FETCH` request loses literals with long lines (see FIELD-NOTES). Here a literal
/// is read by its announced byte count, so bytes come back exactly as stored, and one
/// larger than the caller's limit is refused before a byte of it is kept.
///
/// Not thread-safe: it lives inside `IMAPClient` (an actor on its own thread).
final class IMAPFetchSession {
  private let connection: CurlEasy
  private let server: String
  private let commandTimeout: Duration
  private var buffer: [UInt8] = []
  /// Where unread bytes start in `buffer` (consumed bytes are dropped in bulk, not per line).
  private var position = 0
  private var tagCounter = 0
  private(set) var selected: (mailbox: String, uidValidity: UInt32)?

  /// Longest server line outside literals.
  static let maxLine = 1_000_000

  init(configuration: IMAPConfiguration) throws {
    server = configuration.server
    commandTimeout = configuration.commandTimeout
    connection = try configuration.rawSession(step: "connect and log in for batch fetches")
  }

  /// Selects `mailbox` unless it is selected; a UIDVALIDITY other than `uidValidity`
  /// means the mailbox was recreated, and the caller's UIDs name other messages.
  func select(_ mailbox: String, uidValidity: UInt32) throws {
    if let selected, selected.mailbox == mailbox, selected.uidValidity == uidValidity { return }
    selected = nil
    let quoted = try IMAPMailboxName.quoted(mailbox, field: "mailbox")
    let tag = nextTag()
    let step = "SELECT \(mailbox)"
    try connection.send(Array("\(tag) SELECT \(quoted)\r\n".utf8), step: step, deadline: deadline())
    let lines = try readUntilTagged(tag, step: step, deadline: deadline())
    guard let validity = IMAPIdler.responseCode("UIDVALIDITY", in: lines) else {
      throw MailTransportError.protocolViolation(
        server: server, step: step, detail: "no UIDVALIDITY in the SELECT answer")
    }
    guard validity == uidValidity else {
      throw MailTransportError.uidValidityChanged(
        server: server, mailbox: mailbox, expected: uidValidity)
    }
    selected = (mailbox, uidValidity)
  }

  /// The bytes of each of `uids` in the selected mailbox, by UID; a UID that is gone is
  /// missing from the answer. A literal over `limit` bytes throws `messageTooLarge`
  /// (the session is then unusable: the caller drops it).
  func fetchBodies(uids: [UInt32], limit: Int, timeout: Duration) throws -> [UInt32: [UInt8]] {
    guard let selected, !uids.isEmpty else { return [:] }
    let step = "UID FETCH BODY.PEEK[] \(selected.mailbox)"
    let deadline = ContinuousClock.now + timeout
    // NOOP first, in the same round trip: this session sees mail delivered since its
    // SELECT only after a sync (RFC 3501 6.1.2), and the UIDs came from another session.
    let noop = nextTag()
    let fetch = nextTag()
    let commands =
      "\(noop) NOOP\r\n\(fetch) UID FETCH \(IMAPResponse.sequenceSet(uids)) (UID BODY.PEEK[])\r\n"
    try connection.send(Array(commands.utf8), step: step, deadline: deadline)
    var bodies: [UInt32: [UInt8]] = [:]
    while true {
      let line = try readLine(step: step, deadline: deadline)
      if try isTagged(line, fetch, step: step) { return bodies }
      // Dovecot runs pipelined commands side by side: FETCH answers may come before NOOP's.
      if try isTagged(line, noop, step: "NOOP") { continue }
      guard line.starts(with: Array("* ".utf8)) else { continue }
      var text = line
      var body: [UInt8]?
      // A FETCH response runs on after each literal: `{n}` CRLF, n bytes, more text.
      while let (count, markerStart) = Self.literal(endingAt: text) {
        let before = text[..<markerStart]
        let uid = Self.uid(in: before)
        guard count <= limit else {
          throw MailTransportError.messageTooLarge(
            server: server, mailbox: selected.mailbox, uid: uid ?? 0, limit: limit)
        }
        let literal = try readBytes(count, step: step, deadline: deadline)
        if Self.endsWithBodySection(before) { body = literal }
        text = Array(before) + (try readLine(step: step, deadline: deadline))
      }
      if let body, let uid = Self.uid(in: text[...]) { bodies[uid] = body }
    }
  }

  // MARK: Reading

  private func nextTag() -> String {
    tagCounter += 1
    return "F\(tagCounter)"
  }

  private func deadline() -> ContinuousClock.Instant { .now + commandTimeout }

  /// Whether `line` is the tagged answer to `tag`; a NO or BAD throws.
  private func isTagged(_ line: [UInt8], _ tag: String, step: String) throws -> Bool {
    let prefix = Array((tag + " ").utf8)
    guard line.starts(with: prefix) else {
      if line.starts(with: Array("* BYE".utf8)) {
        throw MailTransportError.curl(
          server: server, step: step, code: 56, message: "the server closed the connection",
          reply: String(decoding: line, as: UTF8.self))
      }
      return false
    }
    let status = String(decoding: line[prefix.count...].prefix(3), as: UTF8.self).uppercased()
    guard status.hasPrefix("OK") else {
      throw MailTransportError.curl(
        server: server, step: step, code: 21, message: "the server refused \(step)",
        reply: String(decoding: line, as: UTF8.self))
    }
    return true
  }

  private func readUntilTagged(_ tag: String, step: String, deadline: ContinuousClock.Instant)
    throws -> [String]
  {
    var lines: [String] = []
    while true {
      let line = try readLine(step: step, deadline: deadline)
      if try isTagged(line, tag, step: step) { return lines }
      lines.append(String(decoding: line, as: UTF8.self))
    }
  }

  /// The next line without its CRLF.
  private func readLine(step: String, deadline: ContinuousClock.Instant) throws -> [UInt8] {
    // Bytes after `position` already searched for a newline (receiving may move `position`).
    var scanned = 0
    while true {
      if let newline = buffer[(position + scanned)...].firstIndex(of: 0x0A) {
        var end = newline
        if end > position && buffer[end - 1] == 0x0D { end -= 1 }
        let line = Array(buffer[position..<end])
        position = newline + 1
        return line
      }
      scanned = buffer.count - position
      if scanned > Self.maxLine {
        throw MailTransportError.protocolViolation(
          server: server, step: step, detail: "a server line longer than \(Self.maxLine) bytes")
      }
      try receive(step: step, deadline: deadline)
    }
  }

  private func readBytes(_ count: Int, step: String, deadline: ContinuousClock.Instant) throws
    -> [UInt8]
  {
    while buffer.count - position < count { try receive(step: step, deadline: deadline) }
    let bytes = Array(buffer[position..<position + count])
    position += count
    return bytes
  }

  /// Appends what the server sent, waiting for it until `deadline`.
  private func receive(step: String, deadline: ContinuousClock.Instant) throws {
    if position > 0 && position >= buffer.count / 2 {
      buffer.removeSubrange(..<position)
      position = 0
    }
    while true {
      if let bytes = try connection.receiveAvailable(step: step) {
        buffer.append(contentsOf: bytes)
        return
      }
      if ContinuousClock.now >= deadline {
        throw MailTransportError.curl(
          server: server, step: step, code: 28, message: "no answer in time", reply: nil)
      }
      try connection.waitForSocket(step: step, deadline: deadline)
    }
  }

  // MARK: Parsing

  /// The byte count of a literal announced at the end of `text` (`{123}` or `{123+}`) and
  /// where its marker starts.
  static func literal(endingAt text: [UInt8]) -> (count: Int, markerStart: Int)? {
    guard text.last == UInt8(ascii: "}"),
      let open = text.lastIndex(of: UInt8(ascii: "{"))
    else { return nil }
    var digits = text[(open + 1)..<(text.count - 1)]
    if digits.last == UInt8(ascii: "+") { digits = digits.dropLast() }
    guard !digits.isEmpty, digits.count <= 12,
      digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 })
    else { return nil }
    return (Int(String(decoding: digits, as: UTF8.self))!, open)
  }

  /// Whether the text before a literal names the whole message (`BODY[]`).
  static func endsWithBodySection(_ text: ArraySlice<UInt8>) -> Bool {
    let trimmed = text.reversed().drop { $0 == 0x20 }.reversed()
    return String(decoding: trimmed.suffix(6), as: UTF8.self).uppercased() == "BODY[]"
  }

  /// The UID item of a FETCH response's text (literals left out).
  static func uid(in text: ArraySlice<UInt8>) -> UInt32? {
    let upper = String(decoding: text, as: UTF8.self).uppercased()
    var searchStart = upper.startIndex
    while let range = upper.range(of: "UID ", range: searchStart..<upper.endIndex) {
      searchStart = range.upperBound
      if range.lowerBound > upper.startIndex {
        let previous = upper[upper.index(before: range.lowerBound)]
        guard previous == "(" || previous == " " else { continue }
      }
      let digits = upper[range.upperBound...].prefix(while: { $0 >= "0" && $0 <= "9" })
      if let uid = UInt32(digits) { return uid }
    }
    return nil
  }
}
