import Liaison

/// The record as a person reads it on a terminal: `liaisond list` and `liaisond show`.
///
/// Every value came from a hostile mail, so control characters (escape sequences, bare CR,
/// bidirectional overrides) are replaced before anything reaches a terminal.
public enum StatementText {
  /// A table of statements, one line each, fitting `width` columns.
  public static func table(_ records: [StatementRecord], width: Int = 120) -> String {
    let header = ["ID", "RECEIVED", "STATE", "PURPOSE", "DEADLINE", "FROM", "TITLE"]
    let rows = records.map { record -> [String] in
      let s = record.statement
      return [
        record.id, String(record.receivedAt.prefix(10)), record.state.rawValue,
        s.purpose?.rawValue ?? "-", s.deadline ?? "-",
        s.from.isEmpty ? "-" : s.from.joined(separator: "; "), s.title ?? "-",
      ].map { clean($0) }
    }
    // Fixed columns take what they need; FROM and TITLE share the rest.
    var widths = header.indices.map { column in
      ([header] + rows).map { $0[column].count }.max() ?? 0
    }
    let fixed = widths[0..<5].reduce(0, +) + 2 * 6
    let remaining = max(30, width - fixed)
    widths[5] = min(widths[5], max(12, remaining / 3))
    widths[6] = min(widths[6], max(12, remaining - widths[5]))
    return ([header] + rows).map { row in
      row.indices.map { column in
        let cell = truncate(row[column], to: widths[column])
        return column == row.count - 1
          ? cell : cell + String(repeating: " ", count: widths[column] - cell.count)
      }.joined(separator: "  ")
    }.joined(separator: "\n")
  }

  /// One line per statement, tab-separated, for scripts (`list` into a pipe).
  public static func tabSeparated(_ records: [StatementRecord]) -> String {
    records.map { record in
      let s = record.statement
      return [
        record.id, record.receivedAt, record.state.rawValue, s.purpose?.rawValue ?? "",
        s.deadline ?? "", s.from.joined(separator: "; "), s.title ?? "",
      ].map { clean($0) }.joined(separator: "\t")
    }.joined(separator: "\n")
  }

  /// Every field with where it came from, the history, the attachments and the body.
  public static func detail(
    _ record: StatementRecord, origins: [MessageOrigin] = [],
    attachmentPath: (String) -> String? = { _ in nil }
  ) -> String {
    let s = record.statement
    var lines: [String] = []
    func field(_ label: String, _ key: String?, _ value: String?) {
      let shown = value.map { clean($0) }.flatMap { $0.isEmpty ? nil : $0 } ?? "-"
      var line = (label + ":").padding(16) + shown
      if let key, let source = s.sources[key] { line += "  [\(clean(source.rawValue))]" }
      lines.append(line)
    }
    func list(_ values: [String]) -> String? {
      values.isEmpty ? nil : values.joined(separator: "; ")
    }

    lines.append("\(record.id)  \(clean(s.title ?? "(no title)"))")
    field("state", nil, record.state.rawValue)
    field("kind", "kind", s.kind.rawValue)
    field("received", nil, record.receivedAt)
    field("direction", nil, s.direction.rawValue)
    field("message id", "message_id", s.messageID)
    if let forward = s.forwarded {
      var text = forward.name.map { "\($0) <\(forward.by)>" } ?? forward.by
      if let at = forward.at { text += " on " + at }
      text += forward.form == .attached ? " (the original attached)" : " (inline)"
      if let original = forward.originalMessageID { text += ", original " + original }
      field("forwarded by", nil, text)
    }
    field("title", "title", s.title)
    field("from", "from", list(s.from))
    field("from contacts", "from_contacts", list(s.fromContacts))
    field("send reply to", "send_reply_to", s.sendReplyTo)
    field("to", "to", list(s.to))
    field("to contacts", "to_contacts", list(s.toContacts))
    field("send to", "send_to", s.sendTo)
    field("cc", "cc", list(s.cc))
    field("purpose", "purpose", s.purpose?.rawValue)
    let deadline = [s.deadline, s.deadlineText.map { "(\($0))" }].compactMap { $0 }
    field("deadline", "deadline", deadline.isEmpty ? nil : deadline.joined(separator: " "))
    field("in response to", "in_response_to", s.inResponseTo)
    field("identifiers", "other_identifiers", list(s.otherIdentifiers))
    field("in reply to", "in_reply_to", list(s.inReplyTo))
    let route = s.route
    var routeText = route.groups.isEmpty ? "(none)" : route.groups.joined(separator: ", ")
    // The reason of a misdirected route already begins "misdirected: ...".
    if route.misdirected, !route.reason.lowercased().hasPrefix("misdirected") {
      routeText += " (misdirected)"
    }
    if !route.reason.isEmpty { routeText += ": " + route.reason }
    field("route", "route", routeText)
    field("recipients", nil, list(route.recipients))
    field("answers", nil, record.answers)
    field("responses", nil, list(record.responses))
    var seenAs: [String] = []
    for origin in origins.map(\.description) where !seenAs.contains(origin) {
      seenAs.append(origin)
    }
    field("seen as", nil, list(seenAs))
    // Provenance of fields not shown above (extractor-specific keys) is still listed.
    let shownKeys: Set<String> = [
      "kind", "message_id", "title", "from", "from_contacts", "send_reply_to", "to", "to_contacts",
      "send_to", "cc", "purpose", "deadline", "in_response_to", "other_identifiers", "in_reply_to",
      "route",
    ]
    for key in s.sources.keys.sorted() where !shownKeys.contains(key) {
      lines.append(("source of " + clean(key) + ":").padding(16) + clean(s.sources[key]!.rawValue))
    }
    if !s.defects.isEmpty {
      lines.append("defects:")
      lines += s.defects.map { "  - " + clean($0) }
    }
    lines.append("attachments:" + (s.attachments.isEmpty ? " -" : ""))
    for attachment in s.attachments {
      var line =
        "  \(clean(attachment.filename))  \(clean(attachment.contentType))  "
        + "\(attachment.size) bytes  sha256 \(clean(attachment.sha256))"
      if let path = attachmentPath(attachment.sha256) { line += "\n    " + path }
      lines.append(line)
    }
    lines.append("events:" + (record.events.isEmpty ? " -" : ""))
    for event in record.events {
      lines.append(
        "  \(clean(event.at))  \(clean(event.kind.rawValue).padding(18))\(clean(event.detail))")
    }
    lines.append("body:")
    let body = s.body ?? ""
    lines +=
      body.isEmpty
      ? ["  -"]
      : body.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map {
        "  " + clean(String($0))
      }
    return lines.joined(separator: "\n")
  }

  /// The text with C0/C1 controls, DEL and bidirectional controls replaced by U+FFFD (tab
  /// becomes a space), so that mail content cannot move the cursor or recolour a terminal.
  public static func clean(_ text: String) -> String {
    var out = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
      switch scalar.value {
      case 0x09: out.append(" ")
      case 0x00...0x1F, 0x7F...0x9F, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069:
        out.append("\u{FFFD}")
      default: out.append(scalar)
      }
    }
    return String(out)
  }

  private static func truncate(_ text: String, to width: Int) -> String {
    text.count <= width ? text : String(text.prefix(max(0, width - 1))) + "…"
  }
}

extension String {
  fileprivate func padding(_ width: Int) -> String {
    count >= width ? self + " " : self + String(repeating: " ", count: width - count)
  }
}
