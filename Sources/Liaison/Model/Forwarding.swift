import Foundation

/// Who passed a statement on to the gateway, and in which mail (seed 004 section 3.1: a
/// chair who got a statement directly forwards it). The statement's own fields are the
/// original's; this keeps the forward, because what the gateway may do on the
/// statement's behalf (an acknowledgement to the original sender) depends on who
/// forwarded it: `forwarded` in `extract --json`, the record, `/api` and export.
public struct Forwarding: Hashable, Sendable, Codable {
  public enum Form: String, Hashable, Sendable, Codable {
    /// An attached message/rfc822.
    case attached
    /// The original's header block and text inline, under a forward marker.
    case inline
  }

  /// The forward's From address, lower-cased ("" when it named none); the MTA's verdict
  /// on it is the record's `authentication` (the forward is the mail that arrived).
  public var by: String
  /// The forward's From display name, when it gave one.
  public var name: String?
  /// When the forward was written (its Date field), ISO 8601 UTC; nil when it had none.
  public var at: String?
  /// The forward's own Message-ID (the record's `message_id` too, which dedupe reads).
  public var messageID: String?
  /// The original statement's Message-ID, when the forward kept it.
  public var originalMessageID: String?
  public var form: Form

  public init(
    by: String, name: String? = nil, at: String? = nil, messageID: String? = nil,
    originalMessageID: String? = nil, form: Form
  ) {
    self.by = by.lowercased()
    self.name = name
    self.at = at
    self.messageID = messageID
    self.originalMessageID = originalMessageID
    self.form = form
  }

  enum CodingKeys: String, CodingKey {
    case by, name, at
    case messageID = "message_id"
    case originalMessageID = "original_message_id"
    case form
  }

  // Explicit so that absent values are written as `null`, as the other objects are.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(by, forKey: .by)
    try c.encode(name, forKey: .name)
    try c.encode(at, forKey: .at)
    try c.encode(messageID, forKey: .messageID)
    try c.encode(originalMessageID, forKey: .originalMessageID)
    try c.encode(form, forKey: .form)
  }

  /// `2026-11-20T08:00:00Z`: the record's timestamps' form.
  public static func timestamp(_ date: Date) -> String {
    ISO8601DateFormatter().string(from: date)
  }
}
