import Foundation

/// The canonical JSON summary of a parsed message, as produced by
/// `corpus/mime-oracle.py` (rules H, P, T, D; `warnings` is always empty).
public enum MessageSummary {
  /// The oracle's exact byte form: indent 2, sorted keys, final newline.
  public static func json(for message: MIMEMessage) -> String {
    value(for: message).pretty() + "\n"
  }

  /// The same document on one line (for JSON Lines), without a newline.
  public static func compactJSON(for message: MIMEMessage) -> String {
    value(for: message).compact()
  }

  public static func value(for message: MIMEMessage) -> JSONValue {
    var defectNames = Set(message.defects.map(\.kind.rawValue))
    var parts: [JSONValue] = []
    func visit(_ entity: MIMEEntity, path: String) {
      var size = JSONValue.null
      var digest = JSONValue.null
      if !entity.isContainer && entity.hasPayload {
        let decoded = entity.decodeBody()
        for d in decoded.defects { defectNames.insert(d.rawValue) }
        size = .int(decoded.bytes.count)
        digest = .string(SHA256Hex.of(decoded.bytes))
      }
      parts.append(
        .object([
          "path": .string(path),
          "container": .bool(entity.isContainer),
          "content_type": .string(entity.contentType),
          "charset": entity.charset.map(JSONValue.string) ?? .null,
          "disposition": entity.disposition.map(JSONValue.string) ?? .null,
          "filename": entity.filename.map(JSONValue.string) ?? .null,
          "is_attachment": .bool(entity.isAttachment),
          "size": size,
          "sha256": digest,
        ]))
      for (i, child) in entity.children.enumerated() { visit(child, path: "\(path).\(i + 1)") }
    }
    visit(message.root, path: "1")
    let text = message.bestText.map(JSONValue.string) ?? .null
    return .object([
      "headers": headers(message.header),
      "parts": .array(parts),
      "text": text,
      "defects": .array(defectNames.sorted().map(JSONValue.string)),
      "warnings": .array([]),
    ])
  }

  /// The oracle's `headers` object (rule H) for a top-level header block.
  public static func headers(_ header: MIMEHeader) -> JSONValue {
    func mailboxes(_ name: String) -> JSONValue {
      .array(
        header.addresses(name).map {
          .object(["name": .string($0.name), "address": .string($0.address)])
        })
    }
    return .object([
      "subject": header.subject.map(JSONValue.string) ?? .null,
      "from": mailboxes("from"),
      "to": mailboxes("to"),
      "cc": mailboxes("cc"),
      "reply_to": mailboxes("reply-to"),
      "date": header.date.map { .string(isoUTC($0)) } ?? .null,
      "message_id": header.messageID.map(JSONValue.string) ?? .null,
      "in_reply_to": header.inReplyTo.map(JSONValue.string) ?? .null,
      "references": .array(header.references.map(JSONValue.string)),
    ])
  }

  /// `YYYY-MM-DDTHH:MM:SSZ` in UTC.
  static func isoUTC(_ date: Date) -> String {
    var t = time_t(floor(date.timeIntervalSince1970))
    var tm = tm()
    gmtime_r(&t, &tm)
    func pad(_ v: Int32, _ width: Int) -> String {
      let s = String(v)
      return String(repeating: "0", count: max(0, width - s.count)) + s
    }
    return "\(pad(tm.tm_year + 1900, 4))-\(pad(tm.tm_mon + 1, 2))-\(pad(tm.tm_mday, 2))T"
      + "\(pad(tm.tm_hour, 2)):\(pad(tm.tm_min, 2)):\(pad(tm.tm_sec, 2))Z"
  }
}
