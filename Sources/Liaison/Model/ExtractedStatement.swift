/// The liaison metadata of one mail: exactly the fields of `liaisond extract --json`
/// (SPEC.md), plus what the record needs beside them.
///
/// A value type with no behaviour: the extractor fills it, the router adds `route`,
/// the store persists it, the web and `export` render it.
public struct ExtractedStatement: Hashable, Sendable, Codable {
  public var kind: MessageKind
  /// To the IETF or from it; `incoming` unless the IETF wrote it.
  public var direction: Direction
  public var title: String?
  /// Sending bodies as the statement names them, whitespace folded.
  public var from: [String]
  public var fromContacts: [String]
  public var sendReplyTo: String?
  public var to: [String]
  public var toContacts: [String]
  public var sendTo: String?
  public var cc: [String]
  public var purpose: Purpose?
  /// ISO date `YYYY-MM-DD`, or nil when there is none or it could not be parsed.
  public var deadline: String?
  /// The deadline as written, kept when it could not be normalised (prose-only deadlines).
  public var deadlineText: String?
  /// The other body's identifier of the statement this one answers, or a Message-ID.
  public var inResponseTo: String?
  /// The sending body's own identifiers (`SG15-LS123`, `S2-2609876`).
  public var otherIdentifiers: [String]
  public var attachments: [AttachmentInfo]
  public var route: RouteDecision
  /// The statement text (the body, or the attached document's text).
  public var body: String?
  public var messageID: String?
  public var inReplyTo: [String]
  /// Field name (the JSON key) -> where its value came from.
  public var sources: [String: FieldSource]
  /// Human-readable problems met while extracting (hostile attachment, unreadable PDF, ...).
  public var defects: [String]
  /// Whether the receiving MTA vouched for the From domain; nil where it was not judged
  /// (a statement recorded before it was, or read back from the record).
  public var authentication: SenderAuthentication?
  /// Who forwarded the statement to the gateway, when the mail that arrived was a forward
  /// of it; nil for a statement sent to the gateway itself.
  public var forwarded: Forwarding?

  public init(
    kind: MessageKind = .statement, title: String? = nil, from: [String] = [],
    fromContacts: [String] = [], sendReplyTo: String? = nil, to: [String] = [],
    toContacts: [String] = [], sendTo: String? = nil, cc: [String] = [], purpose: Purpose? = nil,
    deadline: String? = nil, deadlineText: String? = nil, inResponseTo: String? = nil,
    otherIdentifiers: [String] = [], attachments: [AttachmentInfo] = [],
    route: RouteDecision = .unrouted, body: String? = nil, messageID: String? = nil,
    inReplyTo: [String] = [], sources: [String: FieldSource] = [:], defects: [String] = [],
    authentication: SenderAuthentication? = nil, direction: Direction = .incoming,
    forwarded: Forwarding? = nil
  ) {
    self.kind = kind
    self.direction = direction
    self.title = title
    self.from = from
    self.fromContacts = fromContacts
    self.sendReplyTo = sendReplyTo
    self.to = to
    self.toContacts = toContacts
    self.sendTo = sendTo
    self.cc = cc
    self.purpose = purpose
    self.deadline = deadline
    self.deadlineText = deadlineText
    self.inResponseTo = inResponseTo
    self.otherIdentifiers = otherIdentifiers
    self.attachments = attachments
    self.route = route
    self.body = body
    self.messageID = messageID
    self.inReplyTo = inReplyTo
    self.sources = sources
    self.defects = defects
    self.authentication = authentication
    self.forwarded = forwarded
  }

  enum CodingKeys: String, CodingKey {
    case kind, direction, title, from
    case fromContacts = "from_contacts"
    case sendReplyTo = "send_reply_to"
    case to
    case toContacts = "to_contacts"
    case sendTo = "send_to"
    case cc, purpose, deadline
    case deadlineText = "deadline_text"
    case inResponseTo = "in_response_to"
    case otherIdentifiers = "other_identifiers"
    case attachments, route, body
    case messageID = "message_id"
    case inReplyTo = "in_reply_to"
    case sources, defects, authentication, forwarded
  }

  // Explicit so that optional fields are written as `null`, as the SPEC's JSON shows.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(kind, forKey: .kind)
    try c.encode(direction, forKey: .direction)
    try c.encode(title, forKey: .title)
    try c.encode(from, forKey: .from)
    try c.encode(fromContacts, forKey: .fromContacts)
    try c.encode(sendReplyTo, forKey: .sendReplyTo)
    try c.encode(to, forKey: .to)
    try c.encode(toContacts, forKey: .toContacts)
    try c.encode(sendTo, forKey: .sendTo)
    try c.encode(cc, forKey: .cc)
    try c.encode(purpose, forKey: .purpose)
    try c.encode(deadline, forKey: .deadline)
    try c.encode(deadlineText, forKey: .deadlineText)
    try c.encode(inResponseTo, forKey: .inResponseTo)
    try c.encode(otherIdentifiers, forKey: .otherIdentifiers)
    try c.encode(attachments, forKey: .attachments)
    try c.encode(route, forKey: .route)
    try c.encode(body, forKey: .body)
    try c.encode(messageID, forKey: .messageID)
    try c.encode(inReplyTo, forKey: .inReplyTo)
    try c.encode(sources, forKey: .sources)
    try c.encode(defects, forKey: .defects)
    try c.encodeIfPresent(authentication, forKey: .authentication)
    try c.encodeIfPresent(forwarded, forKey: .forwarded)
  }
}
