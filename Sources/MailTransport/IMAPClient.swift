import CCurl
import Logging

/// An IMAP client on long-lived, logged-in connections: one that never selects a mailbox
/// (STATUS, CAPABILITY, CREATE, APPEND: a session's view of a selected mailbox can be
/// stale, so STATUS must not come from it) and one for the selected mailbox (SEARCH,
/// FETCH, MOVE).
///
/// Runs on its own thread (libcurl blocks), so calls from many tasks are serialised.
/// After any failure the connection is dropped and the next call opens a fresh one;
/// the caller decides when to retry (see `Backoff`). Messages are downloaded with
/// libcurl's own `;UIDVALIDITY=v/;UID=n` URL fetch, which is byte-exact and fails when
/// the mailbox was recreated meanwhile.
public actor IMAPClient {
  public let configuration: IMAPConfiguration
  private let logger: Logger
  private let executor: ConnectionExecutor
  private enum Role { case server, mailbox }
  private var connections: [Role: CurlEasy] = [:]
  private var cachedCapabilities: Set<String>?
  /// Batch downloads, on a raw session of their own (see `fetchMessages`).
  private var fetchSession: IMAPFetchSession?
  /// Connections opened so far (tests: which failures cost a session).
  private(set) var connectionsOpened = 0

  /// Bytes asked for in one batch download at most (one large message is asked for alone).
  public static let batchFetchBytes = 8 * 1024 * 1024

  public nonisolated var unownedExecutor: UnownedSerialExecutor {
    executor.asUnownedSerialExecutor()
  }

  public init(configuration: IMAPConfiguration, logger: Logger = Logger(label: "liaisond.imap")) {
    self.configuration = configuration
    var logger = logger
    logger[metadataKey: "imap.server"] = "\(configuration.server)"
    self.logger = logger
    executor = ConnectionExecutor(name: "imap \(configuration.server)")
  }

  public nonisolated var server: String { configuration.server }

  /// Closes the connection (the next call reconnects).
  public func disconnect() {
    connections = [:]
    fetchSession = nil
    cachedCapabilities = nil
  }

  // MARK: Mailboxes

  /// What the server can do (upper-cased), read once per connection.
  public func capabilities() throws -> Set<String> {
    if let cachedCapabilities, connections[.server] != nil { return cachedCapabilities }
    let transfer = try run(step: "CAPABILITY", url: serverURL(), command: "CAPABILITY")
    let capabilities = IMAPResponse.capabilities(in: transfer.lines)
    cachedCapabilities = capabilities
    return capabilities
  }

  /// UIDVALIDITY, UIDNEXT and the message count of `mailbox`, without selecting it.
  public func status(of mailbox: String) throws -> MailboxStatus {
    let quoted = try IMAPMailboxName.quoted(mailbox, field: "mailbox")
    let step = "STATUS \(mailbox)"
    let transfer = try run(
      step: step, url: serverURL(), command: "STATUS \(quoted) (UIDVALIDITY UIDNEXT MESSAGES)")
    guard let status = IMAPResponse.status(in: transfer.lines) else {
      throw MailTransportError.protocolViolation(
        server: server, step: step,
        detail: "no STATUS response with UIDVALIDITY and UIDNEXT in \(transfer.lines.suffix(3))")
    }
    return status
  }

  /// The UIDs of `mailbox` that are `uid` or larger, ascending.
  ///
  /// libcurl 7.88 cuts server lines longer than a few KB (a `* SEARCH` of thousands of
  /// UIDs loses its middle), so answers are kept short: ESEARCH (RFC 4731) returns the
  /// UIDs as a compact sequence set; without it the UID range is searched in windows.
  public func searchUIDs(in mailbox: String, uidValidity: UInt32, from uid: UInt32 = 1) throws
    -> [UInt32]
  {
    let first = max(uid, 1)
    let url = mailboxURL(mailbox, uidValidity: uidValidity)
    let step = "UID SEARCH \(mailbox)"
    // A mailbox that stays selected on this connection shows mail delivered meanwhile
    // only after a sync; NOOP is the command that guarantees one (RFC 3501 6.1.2).
    _ = try run(
      step: "NOOP \(mailbox)", url: url, command: "NOOP", mailbox: mailbox, uidValidity: uidValidity
    )
    if try capabilities().contains("ESEARCH") {
      let transfer = try run(
        step: step, url: url, command: "UID SEARCH RETURN (ALL) UID \(first):*", mailbox: mailbox,
        uidValidity: uidValidity)
      guard let uids = IMAPResponse.esearchUIDs(in: transfer.lines, limit: 10_000_000) else {
        throw MailTransportError.protocolViolation(
          server: server, step: step, detail: "an ESEARCH answer with an invalid or huge UID set")
      }
      // `n:*` also matches the largest UID when it is below n (RFC 3501 6.4.8): drop it.
      return uids.filter { $0 >= first }
    }
    let uidNext = try status(of: mailbox).uidNext
    var uids: [UInt32] = []
    var low = first
    while low < uidNext {
      let high = low &+ 499 < low ? UInt32.max : low + 499
      let transfer = try run(
        step: step, url: url, command: "UID SEARCH UID \(low):\(high)", mailbox: mailbox,
        uidValidity: uidValidity)
      uids += IMAPResponse.searchUIDs(in: transfer.lines).filter { $0 >= low && $0 <= high }
      if high == UInt32.max { break }
      low = high + 1
    }
    return uids
  }

  /// The size in bytes of each message (RFC822.SIZE), before anything is downloaded.
  public func sizes(in mailbox: String, uidValidity: UInt32, uids: [UInt32]) throws -> [UInt32: Int]
  {
    var sizes: [UInt32: Int] = [:]
    // Short answers (see searchUIDs): 100 FETCH lines per command.
    for chunk in uids.chunked(100) {
      let transfer = try run(
        step: "UID FETCH RFC822.SIZE \(mailbox)",
        url: mailboxURL(mailbox, uidValidity: uidValidity),
        command: "UID FETCH \(IMAPResponse.sequenceSet(chunk)) (UID RFC822.SIZE)",
        mailbox: mailbox, uidValidity: uidValidity)
      sizes.merge(IMAPResponse.sizes(in: transfer.lines)) { $1 }
    }
    return sizes
  }

  /// The exact bytes of one message.
  ///
  /// - Parameter expectedSize: the RFC822.SIZE, to scale the timeout; the download is
  ///   refused beyond `maxMessageSize` whatever the server claimed.
  public func fetchMessage(
    in mailbox: String, uidValidity: UInt32, uid: UInt32, expectedSize: Int? = nil
  ) throws -> [UInt8] {
    let url = mailboxURL(mailbox, uidValidity: uidValidity) + "/;UID=\(uid)"
    return try download(
      step: "fetch UID \(uid) of \(mailbox)", url: url, mailbox: mailbox, uid: uid,
      uidValidity: uidValidity, timeout: configuration.downloadTimeout(for: expectedSize ?? 0),
      limit: configuration.maxMessageSize)
  }

  /// The exact bytes of many messages, many per round trip: one `UID FETCH BODY.PEEK[]`
  /// for as many as fit in `batchFetchBytes` by their RFC822.SIZE.
  ///
  /// A UID that is gone is missing from the answer. No message over `maxMessageSize` is
  /// read, whatever the server claimed beforehand: the batch then throws
  /// `messageTooLarge` and the caller can fall back to `fetchMessage` one by one.
  public func fetchMessages(
    in mailbox: String, uidValidity: UInt32, uids: [UInt32], expectedSizes: [UInt32: Int]
  ) throws -> [UInt32: [UInt8]] {
    var messages: [UInt32: [UInt8]] = [:]
    var group: [UInt32] = []
    var groupBytes = 0
    func flush() throws {
      guard !group.isEmpty else { return }
      messages.merge(
        try fetchGroup(group, bytes: groupBytes, in: mailbox, uidValidity: uidValidity)
      ) { $1 }
      group = []
      groupBytes = 0
    }
    for uid in uids {
      let size = expectedSizes[uid] ?? 0
      if !group.isEmpty && groupBytes + size > Self.batchFetchBytes { try flush() }
      group.append(uid)
      groupBytes += size
    }
    try flush()
    return messages
  }

  private func fetchGroup(
    _ uids: [UInt32], bytes: Int, in mailbox: String, uidValidity: UInt32,
    retryOnStale: Bool = true
  ) throws -> [UInt32: [UInt8]] {
    let reused = fetchSession != nil
    do {
      let session = try fetchSession ?? IMAPFetchSession(configuration: configuration)
      fetchSession = session
      try session.select(mailbox, uidValidity: uidValidity)
      return try session.fetchBodies(
        uids: uids, limit: configuration.maxMessageSize,
        timeout: configuration.downloadTimeout(for: bytes))
    } catch {
      fetchSession = nil
      if reused && retryOnStale && Self.isStaleConnection(error, role: .mailbox) {
        logger.debug("retrying a batch fetch on a fresh connection")
        return try fetchGroup(
          uids, bytes: bytes, in: mailbox, uidValidity: uidValidity, retryOnStale: false)
      }
      throw error
    }
  }

  /// The header section of one message only (for a message too large to download).
  public func fetchHeader(in mailbox: String, uidValidity: UInt32, uid: UInt32) throws -> [UInt8] {
    let url = mailboxURL(mailbox, uidValidity: uidValidity) + "/;UID=\(uid)/;SECTION=HEADER"
    return try download(
      step: "fetch the header of UID \(uid) of \(mailbox)", url: url, mailbox: mailbox, uid: uid,
      uidValidity: uidValidity, timeout: configuration.downloadTimeout, limit: 4 * 1024 * 1024)
  }

  /// Moves messages to `target` (created when missing): `UID MOVE`, or COPY + STORE
  /// \Deleted + UID EXPUNGE on a server without MOVE.
  public func move(uids: [UInt32], from mailbox: String, uidValidity: UInt32, to target: String)
    throws
  {
    guard !uids.isEmpty else { return }
    let quotedTarget = try IMAPMailboxName.quoted(target, field: "target mailbox")
    let capabilities = try capabilities()
    for chunk in uids.chunked(500) {
      let set = IMAPResponse.sequenceSet(chunk)
      let url = mailboxURL(mailbox, uidValidity: uidValidity)
      let step = "move UID \(set) from \(mailbox) to \(target)"
      try retryingAfterCreate(target) {
        if capabilities.contains("MOVE") {
          _ = try run(
            step: step, url: url, command: "UID MOVE \(set) \(quotedTarget)",
            mailbox: mailbox, uidValidity: uidValidity)
        } else {
          _ = try run(
            step: step + " (COPY)", url: url, command: "UID COPY \(set) \(quotedTarget)",
            mailbox: mailbox, uidValidity: uidValidity)
        }
      }
      if !capabilities.contains("MOVE") {
        _ = try run(
          step: step + " (STORE \\Deleted)", url: url,
          command: "UID STORE \(set) +FLAGS.SILENT (\\Deleted)", mailbox: mailbox,
          uidValidity: uidValidity)
        // Without UIDPLUS only a plain EXPUNGE exists, which also removes messages
        // someone else marked \Deleted: that is what they asked for, so it is acceptable.
        let expunge = capabilities.contains("UIDPLUS") ? "UID EXPUNGE \(set)" : "EXPUNGE"
        _ = try run(
          step: step + " (EXPUNGE)", url: url, command: expunge, mailbox: mailbox,
          uidValidity: uidValidity)
      }
    }
    logger.debug(
      "moved messages",
      metadata: [
        "imap.mailbox": "\(mailbox)", "imap.target": "\(target)", "imap.count": "\(uids.count)",
      ])
  }

  /// Creates `mailbox`; an existing one is fine.
  public func createMailbox(_ mailbox: String) throws {
    let quoted = try IMAPMailboxName.quoted(mailbox, field: "mailbox")
    do {
      _ = try run(step: "CREATE \(mailbox)", url: serverURL(), command: "CREATE \(quoted)")
    } catch MailTransportError.curl(_, _, _, _, let reply?)
      where reply.uppercased().contains("ALREADYEXISTS") || reply.lowercased().contains("exists")
    {
      return
    }
  }

  /// Deletes `mailbox` and everything in it (tests and tools; the daemon never deletes).
  public func deleteMailbox(_ mailbox: String) throws {
    let quoted = try IMAPMailboxName.quoted(mailbox, field: "mailbox")
    _ = try run(step: "DELETE \(mailbox)", url: serverURL(), command: "DELETE \(quoted)")
  }

  /// Appends a message to `mailbox` (tests, benchmarks and the bench's demo data).
  public func append(_ message: [UInt8], to mailbox: String) throws {
    let connection = try connect(.server)
    do {
      try prepare(
        connection, url: mailboxURL(mailbox, uidValidity: nil), command: nil,
        timeout: configuration.downloadTimeout(for: message.count))
      try connection.set(CURLOPT_UPLOAD, true)
      try connection.set(CURLOPT_INFILESIZE_LARGE, offset: Int64(message.count))
      defer { try? connection.set(CURLOPT_UPLOAD, false) }
      _ = try connection.perform(step: "APPEND to \(mailbox)", upload: message)
    } catch {
      drop(.server, after: error)
      throw error
    }
  }

  // MARK: Plumbing

  private func serverURL() -> String { configuration.server + "/" }

  private func mailboxURL(_ mailbox: String, uidValidity: UInt32?) -> String {
    let base = configuration.server + "/" + IMAPMailboxName.urlPath(mailbox)
    return uidValidity.map { base + ";UIDVALIDITY=\($0)" } ?? base
  }

  private func connect(_ role: Role) throws -> CurlEasy {
    // libcurl 7.88 counts every server line of a handle's life against its 300 KB
    // response-header limit and then fails ("Too large response headers"): start a
    // fresh connection well before that.
    if let connection = connections[role],
      connection.serverBytes > CurlEasy.serverBytesBeforeRecycle
    {
      logger.debug(
        "recycling the IMAP connection",
        metadata: ["imap.server_bytes": "\(connection.serverBytes)"])
      connections[role] = nil
    }
    if let connection = connections[role] { return connection }
    let connection = try CurlEasy(server: server)
    try connection.set(CURLOPT_USERNAME, configuration.username)
    try connection.set(CURLOPT_PASSWORD, configuration.password)
    try configureTLS(
      connection, scheme: configuration.scheme, caFile: configuration.caFile,
      requireTLS: configuration.requireTLS)
    try connection.set(CURLOPT_CONNECTTIMEOUT_MS, configuration.connectTimeout.milliseconds)
    try connection.set(
      CURLOPT_SERVER_RESPONSE_TIMEOUT, max(1, configuration.commandTimeout.milliseconds / 1000))
    connections[role] = connection
    connectionsOpened += 1
    if role == .server { cachedCapabilities = nil }
    logger.debug("opened IMAP connection", metadata: ["imap.role": "\(role)"])
    return connection
  }

  private func prepare(_ connection: CurlEasy, url: String, command: String?, timeout: Duration)
    throws
  {
    try connection.set(CURLOPT_URL, url)
    try connection.set(CURLOPT_CUSTOMREQUEST, command)
    try connection.set(
      CURLOPT_TIMEOUT_MS, configuration.connectTimeout.milliseconds + timeout.milliseconds)
  }

  /// One command; on failure the connection is dropped so the next call starts clean.
  /// A reused connection that turns out to be dead (the server restarted or closed it
  /// while idle) is replaced and the command tried once more.
  private func run(
    step: String, url: String, command: String, mailbox: String? = nil, uidValidity: UInt32? = nil,
    retryOnStale: Bool = true
  ) throws -> CurlEasy.Transfer {
    let role: Role = mailbox == nil ? .server : .mailbox
    let reused = connections[role] != nil
    let connection = try connect(role)
    do {
      try prepare(connection, url: url, command: command, timeout: configuration.commandTimeout)
      return try connection.perform(step: step)
    } catch {
      // The server asks for the target mailbox to be created: an answer on a sound session.
      if Self.asksToCreate(error) { throw error }
      drop(role, after: error)
      if reused && retryOnStale && Self.isStaleConnection(error, role: role) {
        logger.debug("retrying on a fresh connection", metadata: ["imap.step": "\(step)"])
        return try run(
          step: step, url: url, command: command, mailbox: mailbox, uidValidity: uidValidity,
          retryOnStale: false)
      }
      if let mailbox, let uidValidity, case MailTransportError.curl(_, _, 78, _, _) = error {
        try checkValidity(of: mailbox, expected: uidValidity)
      }
      throw error
    }
  }

  private func download(
    step: String, url: String, mailbox: String, uid: UInt32, uidValidity: UInt32, timeout: Duration,
    limit: Int, retryOnStale: Bool = true
  ) throws -> [UInt8] {
    let reused = connections[.mailbox] != nil
    let connection = try connect(.mailbox)
    do {
      try prepare(connection, url: url, command: nil, timeout: timeout)
      let transfer = try connection.perform(step: step, bodyLimit: limit)
      return transfer.body
    } catch {
      drop(.mailbox, after: error)
      if reused && retryOnStale && Self.isStaleConnection(error, role: .mailbox) {
        return try download(
          step: step, url: url, mailbox: mailbox, uid: uid, uidValidity: uidValidity,
          timeout: timeout,
          limit: limit, retryOnStale: false)
      }
      if case MailTransportError.curl(_, _, 78, _, _) = error {
        try checkValidity(of: mailbox, expected: uidValidity)
        throw MailTransportError.messageNotFound(server: server, mailbox: mailbox, uid: uid)
      }
      if case MailTransportError.curl(_, _, 23, _, _) = error {
        throw MailTransportError.messageTooLarge(
          server: server, mailbox: mailbox, uid: uid, limit: limit)
      }
      throw error
    }
  }

  /// Turns libcurl's "not found" into the precise reason when the mailbox was recreated.
  private func checkValidity(of mailbox: String, expected: UInt32) throws {
    let status = try status(of: mailbox)
    if status.uidValidity != expected {
      throw MailTransportError.uidValidityChanged(
        server: server, mailbox: mailbox, expected: expected)
    }
  }

  private func retryingAfterCreate(_ target: String, _ body: () throws -> Void) throws {
    do {
      try body()
    } catch  where Self.asksToCreate(error) {
      try createMailbox(target)
      try body()
    }
  }

  /// A refusal with `[TRYCREATE]`: the target mailbox does not exist (RFC 3501 6.4.7).
  private static func asksToCreate(_ error: any Error) -> Bool {
    guard case MailTransportError.curl(_, _, _, _, let reply?) = error else { return false }
    return reply.uppercased().contains("TRYCREATE")
  }

  /// The failures of a connection that died while it sat unused (not a timeout, which
  /// would only repeat).
  ///
  /// For the selected-mailbox connection any refusal also counts: a session whose
  /// mailbox was deleted elsewhere answers NO ("Mailbox was deleted under us") rather
  /// than closing, and a fresh session sees the recreated mailbox.
  private static func isStaleConnection(_ error: any Error, role: Role) -> Bool {
    guard let error = error as? MailTransportError else { return false }
    if role == .mailbox, case .curl(_, _, 21, _, _) = error { return true }
    return error.isLostConnection
  }

  private func drop(_ role: Role, after error: any Error) {
    if connections[role] != nil {
      logger.debug("dropping IMAP connection after an error", metadata: ["error": "\(error)"])
    }
    connections[role] = nil
    if role == .server { cachedCapabilities = nil }
  }
}

/// TLS for IMAP and SMTP alike: always verified; STARTTLS on plain URLs when offered.
func configureTLS(_ connection: CurlEasy, scheme: String, caFile: String?, requireTLS: Bool) throws
{
  try connection.set(CURLOPT_SSL_VERIFYPEER, true)
  try connection.set(CURLOPT_SSL_VERIFYHOST, 2)
  if let caFile {
    // CAINFO replaces the bundle file, but the system CA directory (CAPATH) stays in use,
    // so the file adds a CA rather than replacing the system's.
    try connection.set(CURLOPT_CAINFO, caFile)
  }
  if !scheme.hasSuffix("s") {
    try connection.set(
      CURLOPT_USE_SSL, Int(requireTLS ? CURLUSESSL_ALL.rawValue : CURLUSESSL_TRY.rawValue))
  }
}

extension Duration {
  var milliseconds: Int {
    let (seconds, attoseconds) = components
    return Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000)
  }
}

extension Array {
  func chunked(_ size: Int) -> [ArraySlice<Element>] {
    stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
  }
}
