import Foundation

/// Reads the liaison labels of one text: `Label: value` lines, table rows whose cells the
/// document readers separate with tabs, and the layouts of the bodies that send most
/// statements:
///
/// - ITU-T: `Source:`, `Title:`, `For action to:`, `For comment to:`, `For information to:`,
///   `Deadline:`, `Contact:` (a header table in the attached document).
/// - 3GPP: `Title:`, `Response to:`, `Source:`, `To:`, `Cc:`, `Contact Person:` with
///   `E-mail Address:`, `Send any reply LS to:`, and `ACTION:` lines under `2. Actions:`.
/// - datatracker notices: `Title:`, `From: BODY (contact)`, `To: BODY (contacts)`,
///   `Response Contacts:`, `Purpose:`, `Please reply by DATE`.
/// - prose letters (IEEE 802, MEF): `To:`/`From:`/`Subject:` lines, the purpose and the
///   deadline in sentences.
///
/// The labels themselves and how each value is read are `LiaisonLabel`'s; here the lines
/// are found, and what no single label says is concluded from the text as a whole.
public enum LabelledFieldParser {
  /// Lines read per text; statements put their labels at the top.
  public static let maxLines = 600

  /// Words that end a label's continuation lines: the next section of a letter.
  static let stopWords = ["dear ", "1. overall description", "overall description", "body:"]

  struct LabelLine {
    var label: LiaisonLabel
    var value: String
    var lineIndex: Int
  }

  /// Parses `text`. `subject` (the mail's, when this is the mail body) only helps to
  /// recognise a datatracker notice.
  public static func parse(_ text: String, subject: String? = nil) -> LabelledFields {
    let lines = statementLines(text)
    var reading = LabelReading()
    for item in labelLines(lines) {
      item.label.read(item.value, lineIndex: item.lineIndex, into: &reading)
    }
    concludeAddresseesByPurpose(&reading)
    concludeThreeGPPSource(&reading, lines: lines)
    concludePurpose(&reading, lines: lines)
    concludeDeadline(&reading, lines: lines)
    reading.fields.isDatatrackerNotice =
      reading.fields.title != nil
      && ((subject?.lowercased().hasPrefix("new liaison statement") ?? false)
        || lines.contains(where: { $0.hasPrefix("URL of the IETF Web page:") }))
    concludeIdentifiers(&reading, lines: lines)
    reading.fields.labelCount = reading.seen.subtracting([.actionsSection]).count
    return reading.fields
  }

  /// ITU-T: the addressees are split by purpose; the first non-empty row names it.
  static func concludeAddresseesByPurpose(_ reading: inout LabelReading) {
    let rows: [(LiaisonLabel, Purpose)] = [
      (.forAction, .action), (.forComment, .comment), (.forInformation, .information),
    ]
    if reading.fields.to.isEmpty {
      reading.fields.to = AddressNormaliser.unique(
        rows.flatMap { reading.addressees[$0.0] ?? [] })
    }
    if reading.fields.purpose == nil,
      let row = rows.first(where: { !(reading.addressees[$0.0] ?? []).isEmpty })
    {
      reading.fields.purpose = row.1
      reading.seen.insert(.purpose)
    }
  }

  /// 3GPP's template names the sending group without its organisation (`Source: SA2`,
  /// `Source: TSG RAN WG3`); in a 3GPP statement that is "3GPP SA2", the name the registry
  /// and a reader know it by.
  static func concludeThreeGPPSource(_ reading: inout LabelReading, lines: [String]) {
    guard !reading.fields.from.isEmpty,
      lines.prefix(maxLines).contains(where: { $0.uppercased().contains("3GPP") })
    else { return }
    reading.fields.from = reading.fields.from.map { body in
      let upper = body.uppercased()
      guard !upper.contains("3GPP") else { return body }
      let first =
        upper.split(whereSeparator: { $0 == " " || $0 == "-" }).first.map(String.init) ?? ""
      let groups = ["TSG", "SA", "RAN", "CT"]
      let isGroup = groups.contains { prefix in
        first == prefix
          || (first.hasPrefix(prefix) && first.dropFirst(prefix.count).allSatisfy(\.isNumber))
      }
      return isGroup ? "3GPP " + body : body
    }
  }

  /// A purpose no label stated: a line of its own, an answer, or 3GPP's empty actions.
  static func concludePurpose(_ reading: inout LabelReading, lines: [String]) {
    // Purpose written as a line of its own ("For Information", "In Response", "FOR ACTION").
    if reading.fields.purpose == nil {
      for line in lines.prefix(80) {
        let folded = TextFolding.fold(line).trimmingLiteral(".:")
        guard folded.count <= 24 else { continue }
        let lower = folded.lowercased()
        if lower.hasPrefix("for ") || lower.hasPrefix("in response") || lower.hasPrefix("in reply"),
          let p = PurposeParser.purpose(of: folded)
        {
          reading.fields.purpose = p
          reading.seen.insert(.purpose)
          break
        }
      }
    }
    // A statement that answers another and names no purpose is a response.
    if reading.fields.purpose == nil, reading.fields.inResponseTo != nil {
      reading.fields.purpose = .response
    }
    // 3GPP: an "Actions" section without any ACTION line asks for nothing.
    if reading.fields.purpose == nil, reading.seen.contains(.actionsSection),
      !lines.contains(where: { $0.uppercased().contains("ACTION:") })
    {
      reading.fields.purpose = .information
    }
  }

  /// A deadline no label stated, from the running text.
  static func concludeDeadline(_ reading: inout LabelReading, lines: [String]) {
    guard reading.fields.deadline == nil && reading.fields.deadlineText == nil,
      let prose = DeadlineParser.deadlineInProse(lines.joined(separator: "\n"))
    else { return }
    if let iso = prose.iso {
      reading.fields.deadline = iso
    } else {
      reading.fields.deadlineText = prose.text
    }
  }

  /// Identifiers of this statement, not of the one it answers.
  static func concludeIdentifiers(_ reading: inout LabelReading, lines: [String]) {
    let ownText = lines.enumerated().filter { !reading.responseLines.contains($0.offset) }
      .map(\.element)
    let answered = reading.fields.inResponseTo
    reading.fields.otherIdentifiers = IdentifierScanner.identifiers(
      in: ownText.joined(separator: "\n")
    ).filter { $0 != answered }
  }

  /// Purpose stated in running text, for letters with no purpose label at all.
  public static func purposeInProse(_ text: String) -> Purpose? {
    let lower = statementLines(text).joined(separator: "\n").lowercased()
    let cues: [(String, Purpose)] = [
      ("for your action", .action), ("for action", .action), ("request the ietf to", .action),
      ("kindly request", .action), ("we ask the ietf", .action), ("kindly asks", .action),
      ("for your information", .information), ("for information", .information),
      ("in response to your", .response), ("in reply to your", .response),
      ("for your comments", .comment), ("for comment", .comment),
    ]
    var best: (String.Index, Purpose)?
    for (cue, purpose) in cues {
      if let r = lower.range(of: cue), best == nil || r.lowerBound < best!.0 {
        best = (r.lowerBound, purpose)
      }
    }
    return best?.1
  }

  // MARK: - Lines and labels

  /// The lines that belong to this statement: quoted text (`> `) and anything after a
  /// forwarded or quoted original are someone else's words.
  static func statementLines(_ text: String) -> [String] {
    var out: [String] = []
    for raw in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).prefix(
      maxLines)
    {
      let line = String(raw)
      let trimmed = line.trimmingLiteral("")
      if trimmed.hasPrefix(">") { continue }
      let lower = trimmed.lowercased()
      if trimmed.hasPrefix("-----Original Message-----") || trimmed.hasPrefix("-----Ursprüngliche")
        || (trimmed.hasPrefix("On ") && trimmed.hasSuffix("wrote:"))
        || ForwardedStatement.markers.contains(where: { lower.hasPrefix($0) })
      {
        break
      }
      out.append(line)
    }
    return out
  }

  static func labelLines(_ lines: [String]) -> [LabelLine] {
    var out: [LabelLine] = []
    var i = 0
    while i < lines.count {
      defer { i += 1 }
      guard let (label, firstValue) = splitLabel(lines[i]) else { continue }
      var value = firstValue
      // A label with its value on the following lines (3GPP contact block, wrapped lists):
      // indented lines, or, for an empty value, the lines up to a blank or the next label.
      var j = i + 1
      var taken = 0
      // A label of one short value (`Response to:`, `Deadline:`) left empty is empty: the
      // next line is the template's next field (`Release: Rel-20`), not its value.
      let continues =
        !(LiaisonLabel.singleValued.contains(label) && value.trimmingLiteral("").isEmpty)
      while continues, j < lines.count, taken < 8 {
        let next = lines[j]
        let trimmed = next.trimmingLiteral("")
        if trimmed.isEmpty {
          if value.trimmingLiteral("").isEmpty && taken == 0 {
            j += 1
            continue
          }
          break
        }
        if stopWords.contains(where: { trimmed.lowercased().hasPrefix($0) }) { break }
        let indented = next.first == " " || next.first == "\t"
        let isLabel = splitLabel(next) != nil
        if label == .contact, isLabel, let (l, _) = splitLabel(next), l == .contact {
          break
        }
        if isLabel && !(label == .contact && indented) { break }
        if !indented && !value.trimmingLiteral("").isEmpty { break }
        value += "\n" + trimmed
        taken += 1
        j += 1
      }
      out.append(LabelLine(label: label, value: value, lineIndex: i))
    }
    return out
  }

  /// `Label: value`, `Label:<tab>value` (table cells) or `Label<tab>value`.
  static func splitLabel(_ line: String) -> (LiaisonLabel, String)? {
    let trimmed = line.drop(while: { $0 == " " || $0 == "\t" })
    // Stand-alone ACTION lines of 3GPP's "2. Actions" section.
    if trimmed.hasPrefix("ACTION:") || trimmed.hasPrefix("ACTIONS:") {
      return (.action, String(trimmed.drop(while: { $0 != ":" }).dropFirst()))
    }
    if trimmed.lowercased().hasPrefix("please reply by") { return nil }
    guard let sep = trimmed.firstIndex(where: { $0 == ":" || $0 == "\t" }) else { return nil }
    let name = TextFolding.fold(trimmed[..<sep]).lowercased()
    guard !name.isEmpty, name.count <= 24, let label = LiaisonLabel.words[name] else { return nil }
    // "For: Action" is a purpose; "For action to:" an addressee row; "For" alone at the
    // start of a prose sentence is neither.
    var rest = trimmed[trimmed.index(after: sep)...]
    while let f = rest.first, f == ":" || f == "\t" || f == " " { rest = rest.dropFirst() }
    return (label, String(rest))
  }
}
