import Foundation

/// A liaison label a statement text can carry (`Title:`, `For action to:`, `Deadline:`),
/// the words that write it, and how its value is read into `LabelledFields`.
///
/// The one place a new label goes: its case, its words in `words`, its rule in `read`.
enum LiaisonLabel: Hashable, Sendable {
  case title, from, contact, sendReplyTo, to, forAction, forComment, forInformation
  case toContact, sendTo, cc, purpose, deadline, responseTo, action, actionsSection

  /// The label as written (lower case, whitespace folded) -> the label it is.
  static let words: [String: LiaisonLabel] = [
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

  /// Labels whose value is one short line; left empty, they take no continuation lines.
  static let singleValued: Set<LiaisonLabel> = [.responseTo, .deadline, .purpose]

  /// Reads one labelled value (the line at `lineIndex` and its continuation) into
  /// `reading`. The first statement of a single-valued label wins; address labels add up.
  func read(_ value: String, lineIndex: Int, into reading: inout LabelReading) {
    switch self {
    case .title:
      if reading.fields.title == nil, let t = Self.nonEmpty(value) {
        reading.fields.title = t
        reading.seen.insert(.title)
      }
    case .from:
      if reading.fields.from.isEmpty {
        let (bodies, addresses) = Self.splitBodies(value)
        reading.fields.from = bodies
        reading.addFromContacts(addresses)
        if !bodies.isEmpty { reading.seen.insert(.from) }
      }
    case .contact:
      let addresses = AddressNormaliser.addresses(in: value)
      reading.addFromContacts(addresses)
      if !addresses.isEmpty { reading.seen.insert(.contact) }
    case .sendReplyTo:
      if reading.fields.sendReplyTo == nil, let a = AddressNormaliser.addresses(in: value).first {
        reading.fields.sendReplyTo = a
        reading.seen.insert(.sendReplyTo)
      }
    case .to:
      if reading.fields.to.isEmpty {
        let (bodies, addresses) = Self.splitBodies(value)
        reading.fields.to = bodies
        reading.addToContacts(addresses)
        if !bodies.isEmpty { reading.seen.insert(.to) }
      }
    case .forAction, .forComment, .forInformation:
      let (bodies, addresses) = Self.splitBodies(value)
      reading.addToContacts(addresses)
      reading.addressees[self, default: []] += bodies
      reading.seen.insert(.to)
    case .toContact:
      reading.addToContacts(AddressNormaliser.addresses(in: value))
    case .sendTo:
      if reading.fields.sendTo == nil {
        reading.fields.sendTo = AddressNormaliser.addresses(in: value).first
      }
    case .cc:
      reading.fields.cc = AddressNormaliser.unique(
        reading.fields.cc + AddressNormaliser.addresses(in: value))
    case .purpose:
      if reading.fields.purpose == nil, let p = PurposeParser.purpose(of: value) {
        reading.fields.purpose = p
        reading.seen.insert(.purpose)
      }
    case .action:
      if reading.fields.purpose == nil {
        reading.fields.purpose = .action
        reading.seen.insert(.purpose)
      }
    case .actionsSection:
      reading.seen.insert(.actionsSection)
    case .deadline:
      guard reading.fields.deadline == nil, reading.fields.deadlineText == nil,
        let v = Self.nonEmpty(value)
      else { return }
      if let iso = DeadlineParser.isoDate(in: v) {
        reading.fields.deadline = iso
      } else {
        reading.fields.deadlineText = v
      }
      reading.seen.insert(.deadline)
    case .responseTo:
      reading.responseLines.insert(lineIndex)
      if reading.fields.inResponseTo == nil, let v = Self.nonEmpty(value) {
        reading.fields.inResponseTo = IdentifierScanner.identifiers(in: v).first ?? v
        reading.seen.insert(.responseTo)
      }
    }
  }

  /// A value that says something: folded, and not a placeholder (`-`, `N/A`, `TBD`).
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
      .map(withoutRoleSuffix)
    let organisational = segments.filter(namesOrganisation)
    let bodies = organisational.isEmpty ? segments : organisational
    return (AddressNormaliser.unique(bodies), addresses)
  }

  /// Roles after a body's name are people, not the body: IEEE's "IETF DETNET WG chairs"
  /// names the body "IETF DETNET WG".
  static let roleSuffixes = [
    " co-chairs", " chairs", " chair", " co-chair", " leadership", " liaison manager",
    " liaison managers", " ads", " area directors",
  ]

  static func withoutRoleSuffix(_ segment: String) -> String {
    let lower = segment.lowercased()
    for suffix in roleSuffixes where lower.hasSuffix(suffix) && lower.count > suffix.count + 2 {
      return TextFolding.fold(String(segment.dropLast(suffix.count)))
    }
    return segment
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

/// What the labels of one text have said so far, while `LabelledFieldParser` reads it.
struct LabelReading {
  var fields = LabelledFields()
  /// The labels that gave a value: `labelCount`, the evidence that the text is a statement.
  var seen = Set<LiaisonLabel>()
  /// ITU-T's addressee rows by purpose (`forAction`, `forComment`, `forInformation`).
  var addressees: [LiaisonLabel: [String]] = [:]
  /// Lines of `Response to:` labels: their identifiers are the answered statement's.
  var responseLines = Set<Int>()

  mutating func addFromContacts(_ addresses: [String]) {
    fields.fromContacts = AddressNormaliser.unique(fields.fromContacts + addresses)
  }

  mutating func addToContacts(_ addresses: [String]) {
    fields.toContacts = AddressNormaliser.unique(fields.toContacts + addresses)
  }
}
