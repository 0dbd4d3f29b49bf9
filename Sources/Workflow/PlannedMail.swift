/// What kind of mail the process sends; also the outbox's `kind`, used for rate limits.
public struct MailKind: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
  public var rawValue: String
  public init(rawValue: String) { self.rawValue = rawValue }

  public static let notification = MailKind(rawValue: "notification")
  public static let acknowledgement = MailKind(rawValue: "acknowledgement")
  public static let reminder = MailKind(rawValue: "reminder")
  /// To the IAB contact: a statement that looks misdirected (and, from before `unrouted`
  /// existed, an unrouted one; older outbox rows keep that kind).
  public static let misdirected = MailKind(rawValue: "misdirected")
  /// To the IAB contact: a statement no group fits.
  public static let unrouted = MailKind(rawValue: "unrouted")
  /// To the IAB contact: a statement the IETF sent elsewhere without liaisond, copied to
  /// the central address (older outbox rows have `misdirected`).
  public static let sentOutsideTheTool = MailKind(rawValue: "sent_outside_the_tool")
  public static let relay = MailKind(rawValue: "reply")
  public static let approvalRequest = MailKind(rawValue: "approval_request")
  public static let digest = MailKind(rawValue: "digest")
  /// To the liaison manager and the IAB: a statement that needs a response names no day.
  public static let deadlineUnclear = MailKind(rawValue: "deadline_unclear")
  /// Inside the IETF: a rejection, a comment or a lapse told to a draft's submitter.
  public static let commandReply = MailKind(rawValue: "command_reply")
  /// A statement of the IETF's own, to the other body (seed 004 section 4).
  public static let outgoingStatement = MailKind(rawValue: "outgoing_statement")

  public var description: String { rawValue }
}

/// A mail the process has decided to send, before it becomes an outbox entry.
///
/// Plain data so that policies and composers stay pure and testable; `LiaisonProcess`
/// turns it into a MailTransport `OutgoingMessage` and queues it.
public struct PlannedMail: Hashable, Sendable {
  public var kind: MailKind
  public var statementID: String?
  /// Identifies the mail across restarts: the outbox sends one mail per key.
  public var dedupeKey: String
  public var to: [String]
  public var cc: [String]
  public var subject: String
  public var body: String
  /// Where answers go. Never a command address on a mail to a group's receivers.
  public var replyTo: [String]
  /// RFC 3834: `auto-replied` for acknowledgements, `auto-generated` for other automatic
  /// mail, nil for a statement written by people (an approved response).
  public var autoSubmitted: String?
  public var inReplyTo: String?
  public var references: [String]
  /// Further header fields by name (`X-Liaison-Respond`, `X-Liaison-Approve`).
  public var headers: [String: String]
  /// A Message-ID fixed in advance (an outgoing statement's, which its answer will name);
  /// nil for a fresh one.
  public var messageID: String?
  /// Files sent with the text, byte for byte (a response's or statement's attachments).
  public var attachments: [Attachment]

  public struct Attachment: Hashable, Sendable {
    /// Already safe (`FileNameSanitiser`): the record keeps only sanitised names.
    public var filename: String
    public var contentType: String
    public var data: [UInt8]

    public init(filename: String, contentType: String, data: [UInt8]) {
      self.filename = filename
      self.contentType = contentType
      self.data = data
    }
  }

  public init(
    kind: MailKind, statementID: String?, dedupeKey: String, to: [String], cc: [String] = [],
    subject: String, body: String, replyTo: [String] = [],
    autoSubmitted: String? = "auto-generated", inReplyTo: String? = nil, references: [String] = [],
    headers: [String: String] = [:], messageID: String? = nil, attachments: [Attachment] = []
  ) {
    self.messageID = messageID
    self.kind = kind
    self.statementID = statementID
    self.dedupeKey = dedupeKey
    self.to = to
    self.cc = cc
    self.subject = subject
    self.body = body
    self.replyTo = replyTo
    self.autoSubmitted = autoSubmitted
    self.inReplyTo = inReplyTo
    self.references = references
    self.headers = headers
    self.attachments = attachments
  }
}
