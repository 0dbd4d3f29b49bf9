import CCurl
import Logging
import MIME

/// Sends mail through one SMTP submission server, reusing the connection between mails.
///
/// Runs on its own thread (libcurl blocks). One refused recipient does not stop the
/// others (`CURLOPT_MAIL_RCPT_ALLLOWFAILS`): each recipient's RCPT reply is read from the
/// protocol trace and reported in the `SMTPDeliveryReport`. A failure of the whole
/// transaction throws a `MailTransportError` whose `isTemporary` says whether to retry.
public actor SMTPClient {
  public let configuration: SMTPConfiguration
  private let logger: Logger
  private let executor: ConnectionExecutor
  private var connection: CurlEasy?

  public nonisolated var unownedExecutor: UnownedSerialExecutor {
    executor.asUnownedSerialExecutor()
  }

  public init(configuration: SMTPConfiguration, logger: Logger = Logger(label: "liaisond.smtp")) {
    self.configuration = configuration
    var logger = logger
    logger[metadataKey: "smtp.server"] = "\(configuration.server)"
    self.logger = logger
    // Delivery yields the CPU to intake: on a backlog the two compete for the same cores,
    // and a notification sent a little later is better than a backlog recorded more slowly
    // (BENCHMARKS.md, "Session 10"). An idle daemon sends at once all the same.
    executor = ConnectionExecutor(
      name: "smtp \(configuration.server)", niceness: Self.deliveryNiceness)
  }

  public nonisolated var server: String { configuration.server }

  /// How much lower than the daemon's the delivering thread's priority is.
  static let deliveryNiceness: Int32 = 10

  /// The nice value of the thread this client's transfers run on.
  func transferThreadNiceness() -> Int32 { ConnectionExecutor.currentNiceness }

  public func disconnect() {
    connection = nil
  }

  /// Sends a rendered message to its envelope recipients.
  public func send(_ message: OutgoingMessage) throws -> SMTPDeliveryReport {
    try send(from: message.from, to: message.recipients, data: message.render())
  }

  /// Sends `data` (an RFC 5322 message with CRLF line ends) from `sender` to `recipients`.
  ///
  /// - Returns: the outcome per recipient when the server took the mail for at least one
  ///   of them, or refused every one of them at RCPT.
  /// - Throws: `MailTransportError` when the transaction failed as a whole (connection,
  ///   timeout, TLS, AUTH, MAIL FROM or DATA refused).
  public func send(from sender: MailAddress, to recipients: [MailAddress], data: [UInt8]) throws
    -> SMTPDeliveryReport
  {
    guard !recipients.isEmpty else { return SMTPDeliveryReport(outcomes: []) }
    let step = "send to \(recipients.count) recipient(s)"
    let connection = try connect()
    let transfer: CurlEasy.Transfer
    do {
      try connection.set(CURLOPT_MAIL_FROM, sender.angleAddress)
      try connection.set(CURLOPT_MAIL_RCPT, list: recipients.map(\.angleAddress))
      try connection.set(CURLOPT_MAIL_RCPT_ALLLOWFAILS, true)
      try connection.set(CURLOPT_UPLOAD, true)
      try connection.set(CURLOPT_INFILESIZE_LARGE, offset: Int64(data.count))
      try connection.set(
        CURLOPT_TIMEOUT_MS,
        configuration.connectTimeout.milliseconds + configuration.sendTimeout.milliseconds)
      transfer = try connection.perform(step: step, upload: data)
    } catch let error as MailTransportError {
      self.connection = nil
      let trace = Self.replies(in: connection.lastTrace)
      // Every recipient refused: libcurl gives up before DATA; report them one by one.
      let outcomes = Self.recipientOutcomes(recipients, trace)
      if outcomes.count == recipients.count, outcomes.allSatisfy({ $0.outcome != .accepted }) {
        return SMTPDeliveryReport(outcomes: outcomes)
      }
      if let (command, reply) = trace.last(where: { !$0.reply.isPositive }) {
        throw MailTransportError.smtpRejected(server: server, step: command, reply: reply)
      }
      throw error
    }
    let trace = Self.replies(in: transfer.trace)
    var outcomes = Self.recipientOutcomes(recipients, trace)
    if outcomes.count != recipients.count {
      // No RCPT replies seen (tracing unavailable): libcurl succeeded, so all were taken.
      outcomes = recipients.map { ($0, .accepted) }
    }
    // The reply after the data (the one after 354) carries the server's queue id.
    let dataReply = trace.last { $0.command.uppercased() == "DATA" && $0.reply.code / 100 == 2 }?
      .reply
    let report = SMTPDeliveryReport(outcomes: outcomes, dataReply: dataReply)
    logger.debug(
      "sent mail",
      metadata: [
        "smtp.accepted": "\(report.accepted.count)", "smtp.refused": "\(report.refused.count)",
        "smtp.queue_id": "\(report.queueID ?? "-")",
      ])
    return report
  }

  /// Greets the server, upgrades to TLS and logs in exactly as a send would, then hangs
  /// up without sending: `check-config --probe` shows a wrong password or a refused
  /// STARTTLS before the first mail is due.
  public func verifyLogin() throws {
    // libcurl's SMTP connect phase ends after AUTH, so CONNECT_ONLY stops right there.
    connection = nil
    let probe = try connect()
    defer { connection = nil }
    try probe.set(CURLOPT_CONNECT_ONLY, 1)
    do {
      _ = try probe.perform(step: "connect and log in")
    } catch let error as MailTransportError {
      if let (command, reply) = Self.replies(in: probe.lastTrace).last(where: {
        !$0.reply.isPositive
      }) {
        throw MailTransportError.smtpRejected(server: server, step: command, reply: reply)
      }
      throw error
    }
  }

  // MARK: Plumbing

  private func connect() throws -> CurlEasy {
    // See IMAPClient.connect: libcurl's response-header limit spans the handle's life.
    if let connection, connection.serverBytes > CurlEasy.serverBytesBeforeRecycle {
      self.connection = nil
    }
    if let connection { return connection }
    let connection = try CurlEasy(server: server)
    var url = configuration.server
    if let heloName = configuration.heloName { url += "/" + heloName }
    try connection.set(CURLOPT_URL, url)
    if let username = configuration.username {
      try connection.set(CURLOPT_USERNAME, username)
      try connection.set(CURLOPT_PASSWORD, configuration.password ?? "")
    }
    try configureTLS(
      connection, scheme: configuration.scheme, caFile: configuration.caFile,
      requireTLS: configuration.requireTLS)
    try connection.set(CURLOPT_CONNECTTIMEOUT_MS, configuration.connectTimeout.milliseconds)
    try connection.set(
      CURLOPT_SERVER_RESPONSE_TIMEOUT, max(1, configuration.commandTimeout.milliseconds / 1000))
    connection.traceProtocol = true
    self.connection = connection
    return connection
  }

  /// Pairs every final reply line with the command it answers.
  static func replies(in trace: [CurlEasy.TraceLine]) -> [(command: String, reply: SMTPReply)] {
    var pairs: [(String, SMTPReply)] = []
    var command = "greeting"
    for line in trace {
      switch line {
      case .sent(let text):
        // Keep the verb and argument of RCPT/MAIL; never keep AUTH data.
        command = text.uppercased().hasPrefix("AUTH") ? "AUTH" : text
      case .received(let text):
        guard let reply = SMTPReply(line: text), !text.dropFirst(3).hasPrefix("-") else { continue }
        pairs.append((command, reply))
      }
    }
    return pairs
  }

  static func recipientOutcomes(
    _ recipients: [MailAddress], _ replies: [(command: String, reply: SMTPReply)]
  ) -> [(recipient: MailAddress, outcome: SMTPDeliveryReport.Outcome)] {
    var outcomes: [(recipient: MailAddress, outcome: SMTPDeliveryReport.Outcome)] = []
    for recipient in recipients {
      let command = "RCPT TO:" + recipient.angleAddress
      guard let reply = replies.last(where: { $0.command.caseInsensitiveEquals(command) })?.reply
      else {
        continue
      }
      outcomes.append((recipient, reply.isPositive ? .accepted : .refused(reply)))
    }
    return outcomes
  }
}

extension String {
  fileprivate func caseInsensitiveEquals(_ other: String) -> Bool {
    lowercased() == other.lowercased()
  }
}
