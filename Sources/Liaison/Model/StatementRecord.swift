/// A recorded statement: what `export --json`, `show`, the web record and the
/// JSON API present. The extract fields plus the record's own.
public struct StatementRecord: Hashable, Sendable, Codable {
  /// Stable public id, `LS-2026-0042`.
  public var id: String
  public var statement: ExtractedStatement
  /// ISO 8601 UTC timestamp, `2026-11-23T12:00:00Z`.
  public var receivedAt: String
  public var state: StatementState
  public var events: [StatementEvent]
  /// Ids of statements that answer this one.
  public var responses: [String]
  /// Id of the statement this one answers, when linked.
  public var answers: String?

  public init(
    id: String, statement: ExtractedStatement, receivedAt: String, state: StatementState,
    events: [StatementEvent] = [], responses: [String] = [], answers: String? = nil
  ) {
    self.id = id
    self.statement = statement
    self.receivedAt = receivedAt
    self.state = state
    self.events = events
    self.responses = responses
    self.answers = answers
  }

  enum ExtraKeys: String, CodingKey {
    case id
    case receivedAt = "received_at"
    case state, events, responses, answers
  }

  // Flattened: the export object is the extract object with the record keys added.
  public init(from decoder: any Decoder) throws {
    statement = try ExtractedStatement(from: decoder)
    let c = try decoder.container(keyedBy: ExtraKeys.self)
    id = try c.decode(String.self, forKey: .id)
    receivedAt = try c.decode(String.self, forKey: .receivedAt)
    state = try c.decode(StatementState.self, forKey: .state)
    events = try c.decode([StatementEvent].self, forKey: .events)
    responses = try c.decode([String].self, forKey: .responses)
    answers = try c.decodeIfPresent(String.self, forKey: .answers)
  }

  public func encode(to encoder: any Encoder) throws {
    try statement.encode(to: encoder)
    var c = encoder.container(keyedBy: ExtraKeys.self)
    try c.encode(id, forKey: .id)
    try c.encode(receivedAt, forKey: .receivedAt)
    try c.encode(state, forKey: .state)
    try c.encode(events, forKey: .events)
    try c.encode(responses, forKey: .responses)
    try c.encode(answers, forKey: .answers)
  }
}

/// Where a statement stands in the process.
public struct StatementState: OpenVocabulary {
  public var rawValue: String
  public init(rawValue: String) { self.rawValue = rawValue }

  /// Recorded and routed; waiting for nothing or for a response.
  public static let open = StatementState(rawValue: "open")
  /// No group fits; waiting for the IAB / liaison manager (`liaisond route`).
  public static let unrouted = StatementState(rawValue: "unrouted")
  public static let misdirected = StatementState(rawValue: "misdirected")
  /// A response was recorded.
  public static let answered = StatementState(rawValue: "answered")
  /// A reply waiting for the responsible AD's approval.
  public static let awaitingApproval = StatementState(rawValue: "awaiting_approval")
  public static let closed = StatementState(rawValue: "closed")
  /// Kept as it came but could not be parsed (quarantined).
  public static let quarantined = StatementState(rawValue: "quarantined")

  // An outgoing statement's own states (seed 004 section 4; the datatracker's pending,
  // approved, posted).
  /// Submitted; waits for its approver.
  public static let pending = StatementState(rawValue: "pending")
  /// Approved; about to be sent.
  public static let approved = StatementState(rawValue: "approved")
  /// Sent to the other body: on the public record from now on.
  public static let sent = StatementState(rawValue: "sent")
  /// An approver said REJECT; nothing was sent.
  public static let rejected = StatementState(rawValue: "rejected")
  /// Not approved in time; nothing was sent.
  public static let lapsed = StatementState(rawValue: "lapsed")
  /// Mail about a statement that is neither a statement nor a command (a chair's reply-all
  /// copy of a notification): kept privately for the IAB, nothing done or sent.
  public static let heldBack = StatementState(rawValue: "held_back")
  /// Every state a record can be in, which filters accept.
  public static let known: [StatementState] = [
    .open, .unrouted, .misdirected, .answered, .awaitingApproval, .closed, .quarantined, .heldBack,
    .pending, .approved, .sent, .rejected, .lapsed,
  ]
}

/// One entry of a statement's append-only history.
public struct StatementEvent: Hashable, Sendable, Codable {
  /// ISO 8601 UTC timestamp.
  public var at: String
  public var kind: EventKind
  public var detail: String

  public init(at: String, kind: EventKind, detail: String) {
    self.at = at
    self.kind = kind
    self.detail = detail
  }
}
