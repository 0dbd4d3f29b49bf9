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
public enum LabelledFieldParser {
  /// Lines read per text; statements put their labels at the top.
  public static let maxLines = 600

  enum Label: Hashable {
    case title, from, contact, sendReplyTo, to, forAction, forComment, forInformation
    case toContact, sendTo, cc, purpose, deadline, responseTo, action, actionsSection
  }

  static let labels: [String: Label] = [
    "title": .title, "ls title": .title, "subject": .title,
    "source": .from, "from": .from, "sender": .from,
    "contact": .contact, "contacts": .contact, "contact person": .contact,
    "from contact": .contact, "from contacts": .contact, "technical contact": .contact,
    "technical contacts": .contact, "e-mail": .contact, "e-mail address": .contact,
    "email": .contact, "email address": .contact,
    "send any reply ls to": .sendReplyTo, "send any reply to": .sendReplyTo,
    "send reply to": .sendReplyTo, "send replies to": .sendReplyTo,
    "response contact": .sendReplyTo, "response contacts": .sendReplyTo,
    "reply to": .sendReplyTo, "from liaison contact": .sendReplyTo,
    "to": .to, "for action to": .forAction, "for comment to": .forComment,
    "for comments to": .forComment, "for information to": .forInformation,
    "for info to": .forInformation,
    "to contact": .toContact, "to contacts": .toContact, "send to": .sendTo,
    "to liaison contact": .sendTo,
    "cc": .cc, "copy": .cc, "copy to": .cc,
    "purpose": .purpose, "for": .purpose, "ls purpose": .purpose,
    "deadline": .deadline, "response deadline": .deadline, "reply deadline": .deadline,
    "due date": .deadline, "action deadline": .deadline,
    "response to": .responseTo, "in response to": .responseTo, "reply to ls": .responseTo,
    "referenced liaison": .responseTo, "referenced liaisons": .responseTo,
    "action": .action, "actions": .actionsSection, "2. actions": .actionsSection,
  ]

  /// Words that end a label's continuation lines: the next section of a letter.
  static let stopWords = ["dear ", "1. overall description", "overall description", "body:"]

  struct LabelLine {
    var label: Label
    var value: String
    var lineIndex: Int
  }

  /// Parses `text`. `subject` (the mail's, when this is the mail body) only helps to
  /// recognise a datatracker notice.
  public static func parse(_ text: String, subject: String? = nil) -> LabelledFields {
    var fields = LabelledFields()
    let lines = statementLines(text)
    let found = labelLines(lines)

    var seen = Set<Label>()
    var forAction: [String] = []
    var forComment: [String] = []
    var forInformation: [String] = []
    var responseLines = Set<Int>()

    for item in found {
      let value = item.value
      switch item.label {
      case .title:
        if fields.title == nil, let t = nonEmpty(value) {
          fields.title = t
          seen.insert(.title)
        }
      case .from:
        if fields.from.isEmpty {
          let (bodies, addresses) = splitBodies(value)
          fields.from = bodies
          fields.fromContacts = AddressNormaliser.unique(fields.fromContacts + addresses)
          if !bodies.isEmpty { seen.insert(.from) }
        }
      case .contact:
        let addresses = AddressNormaliser.addresses(in: value)
        fields.fromContacts = AddressNormaliser.unique(fields.fromContacts + addresses)
        if !addresses.isEmpty { seen.insert(.contact) }
      case .sendReplyTo:
        if fields.sendReplyTo == nil, let a = AddressNormaliser.addresses(in: value).first {
          fields.sendReplyTo = a
          seen.insert(.sendReplyTo)
        }
      case .to:
        if fields.to.isEmpty {
          let (bodies, addresses) = splitBodies(value)
          fields.to = bodies
          fields.toContacts = AddressNormaliser.unique(fields.toContacts + addresses)
          if !bodies.isEmpty { seen.insert(.to) }
        }
      case .forAction, .forComment, .forInformation:
        let (bodies, addresses) = splitBodies(value)
        fields.toContacts = AddressNormaliser.unique(fields.toContacts + addresses)
        switch item.label {
        case .forAction: forAction += bodies
        case .forComment: forComment += bodies
        default: forInformation += bodies
        }
        seen.insert(.to)
      case .toContact:
        fields.toContacts = AddressNormaliser.unique(
          fields.toContacts + AddressNormaliser.addresses(in: value))
      case .sendTo:
        if fields.sendTo == nil { fields.sendTo = AddressNormaliser.addresses(in: value).first }
      case .cc:
        fields.cc = AddressNormaliser.unique(fields.cc + AddressNormaliser.addresses(in: value))
      case .purpose:
        if fields.purpose == nil, let p = PurposeParser.purpose(of: value) {
          fields.purpose = p
          seen.insert(.purpose)
        }
      case .action:
        if fields.purpose == nil {
          fields.purpose = .action
          seen.insert(.purpose)
        }
      case .actionsSection:
        seen.insert(.actionsSection)
      case .deadline:
        guard fields.deadline == nil, fields.deadlineText == nil, let v = nonEmpty(value) else {
          continue
        }
        if let iso = DeadlineParser.isoDate(in: v) {
          fields.deadline = iso
        } else {
          fields.deadlineText = v
        }
        seen.insert(.deadline)
      case .responseTo:
        responseLines.insert(item.lineIndex)
        if fields.inResponseTo == nil, let v = nonEmpty(value) {
          fields.inResponseTo = IdentifierScanner.identifiers(in: v).first ?? v
          seen.insert(.responseTo)
        }
      }
    }

    // ITU-T: the addressees are split by purpose; the first non-empty row names it.
    if fields.to.isEmpty {
      fields.to = AddressNormaliser.unique(forAction + forComment + forInformation)
    }
    if fields.purpose == nil {
      if !forAction.isEmpty {
        fields.purpose = .action
      } else if !forComment.isEmpty {
        fields.purpose = .comment
      } else if !forInformation.isEmpty {
        fields.purpose = .information
      }
      if fields.purpose != nil { seen.insert(.purpose) }
    }

    let joined = lines.joined(separator: "\n")
    // Purpose written as a line of its own ("For Information", "In Response", "FOR ACTION").
    if fields.purpose == nil {
      for line in lines.prefix(80) {
        let folded = TextFolding.fold(line).trimmingLiteral(".:")
        guard folded.count <= 24 else { continue }
        let lower = folded.lowercased()
        if lower.hasPrefix("for ") || lower.hasPrefix("in response") || lower.hasPrefix("in reply"),
          let p = PurposeParser.purpose(of: folded)
        {
          fields.purpose = p
          seen.insert(.purpose)
          break
        }
      }
    }
    // A statement that answers another and names no purpose is a response.
    if fields.purpose == nil, fields.inResponseTo != nil {
      fields.purpose = .response
    }
    // 3GPP: an "Actions" section without any ACTION line asks for nothing.
    if fields.purpose == nil, seen.contains(.actionsSection),
      !lines.contains(where: { $0.uppercased().contains("ACTION:") })
    {
      fields.purpose = .information
    }

    if fields.deadline == nil && fields.deadlineText == nil,
      let prose = DeadlineParser.deadlineInProse(joined)
    {
      if let iso = prose.iso { fields.deadline = iso } else { fields.deadlineText = prose.text }
    }

    let notice =
      (subject?.lowercased().hasPrefix("new liaison statement") ?? false)
      || lines.contains(where: { $0.hasPrefix("URL of the IETF Web page:") })
    fields.isDatatrackerNotice = notice && fields.title != nil

    // Identifiers of this statement, not of the one it answers.
    let ownText = lines.enumerated().filter { !responseLines.contains($0.offset) }.map(\.element)
    fields.otherIdentifiers = IdentifierScanner.identifiers(in: ownText.joined(separator: "\n"))
      .filter { $0 != fields.inResponseTo }

    fields.labelCount = seen.subtracting([.actionsSection]).count
    return fields
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
      if trimmed.hasPrefix("-----Original Message-----") || trimmed.hasPrefix("-----Ursprüngliche")
        || (trimmed.hasPrefix("On ") && trimmed.hasSuffix("wrote:"))
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
      while j < lines.count, taken < 8 {
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
  static func splitLabel(_ line: String) -> (Label, String)? {
    let trimmed = line.drop(while: { $0 == " " || $0 == "\t" })
    // Stand-alone ACTION lines of 3GPP's "2. Actions" section.
    if trimmed.hasPrefix("ACTION:") || trimmed.hasPrefix("ACTIONS:") {
      return (.action, String(trimmed.drop(while: { $0 != ":" }).dropFirst()))
    }
    if trimmed.lowercased().hasPrefix("please reply by") { return nil }
    guard let sep = trimmed.firstIndex(where: { $0 == ":" || $0 == "\t" }) else { return nil }
    let name = TextFolding.fold(trimmed[..<sep]).lowercased()
    guard !name.isEmpty, name.count <= 24, let label = labels[name] else { return nil }
    // "For: Action" is a purpose; "For action to:" an addressee row; "For" alone at the
    // start of a prose sentence is neither.
    var rest = trimmed[trimmed.index(after: sep)...]
    while let f = rest.first, f == ":" || f == "\t" || f == " " { rest = rest.dropFirst() }
    return (label, String(rest))
  }

  static func nonEmpty(_ value: String) -> String? {
    let folded = TextFolding.fold(value)
    let lower = folded.lowercased().trimmingLiteral(".")
    if folded.isEmpty || ["-", "--", "n/a", "na", "none", "nil", "tbd", "no"].contains(lower) {
      return nil
    }
    return folded
  }

  // MARK: - Bodies and their contacts

  static let organisationWords = [
    "ietf", "irtf", "iab", "iesg", "ieee", "itu", "3gpp", "etsi", "mef", "bbf", "broadband forum",
    "tsg", "sg", "wg", "working group", "study group", "committee", "forum", "area", "council",
    "board", "iso", "iec", "jtc", "oif", "gsma", "o-ran", "ccsa", "tia", "atis", "w3c", "sa ",
    "ran ", "ct ", "802", "rg", "research group", "question", "q1", "q2", "q3", "q4", "q5", "q6",
    "q7", "q8", "q9", "wp", "iana",
  ]

  /// Splits a From/To value into the bodies it names and the addresses it carries.
  /// `ITU-T-SG-15 (Name <a@b>)` -> ["ITU-T-SG-15"], ["a@b"]; `Glenn Parsons, Chair,
  /// IEEE 802.1` -> ["IEEE 802.1"] (segments naming no organisation are people or roles).
  static func splitBodies(_ value: String) -> (bodies: [String], addresses: [String]) {
    let addresses = AddressNormaliser.addresses(in: value)
    // Drop parenthesised and angle-bracketed parts (contacts), then bare addresses.
    var stripped = ""
    var depth = 0
    var angle = false
    for ch in value {
      switch ch {
      case "(": depth += 1
      case ")": depth = max(0, depth - 1)
      case "<": angle = true
      case ">": angle = false
      default:
        if depth == 0 && !angle { stripped.append(ch) }
      }
    }
    let segments = stripped.split(whereSeparator: { $0 == "," || $0 == ";" || $0 == "\n" })
      .map { segment in
        TextFolding.fold(
          segment.split(separator: " ").filter { AddressNormaliser.normalise(String($0)) == nil }
            .joined(separator: " ")
        ).trimmingLiteral(".:-")
      }
      .filter { !$0.isEmpty && nonEmpty($0) != nil && !$0.lowercased().hasPrefix("mailto") }
    let organisational = segments.filter(namesOrganisation)
    let bodies = organisational.isEmpty ? segments : organisational
    return (AddressNormaliser.unique(bodies), addresses)
  }

  static func namesOrganisation(_ segment: String) -> Bool {
    let lower = " " + segment.lowercased() + " "
    return organisationWords.contains { word in
      // Whole words only: "sg" must not match "msg".
      guard let r = lower.range(of: word) else { return false }
      let before = lower[lower.index(before: r.lowerBound)]
      let after = r.upperBound < lower.endIndex ? lower[r.upperBound] : " "
      return !before.isLetter && !(after.isLetter && !word.hasSuffix(" "))
    }
  }
}
