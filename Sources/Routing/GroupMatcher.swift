import Foundation

/// Finds registry groups by the names statements use for them: acronyms, full names, the
/// usual variants ("IETF CCAMP WG", "the Routing Area", "CCAMP, TEAS and PCE WGs") and
/// small typos.
struct GroupMatcher: Sendable {
  struct Match: Hashable, Sendable {
    var group: RegisteredGroup
    /// False when the name was recognised only within the edit-distance allowance.
    var exact: Bool
  }

  private let receivers: [RegisteredGroup]
  /// Keys of acronyms, full names and extra names -> receivers.
  private let primary: [String: [Int]]
  /// Keys of names with their kind word removed ("Routing Area" -> "routing").
  private let secondary: [String: [Int]]
  /// Keys of the acronyms alone, for picking acronyms out of free text.
  private let acronyms: [String: Int]
  private let senders: [String: RegisteredGroup]

  init(registry: GroupRegistry) {
    let receivers = registry.groups.filter { $0.type.receivesStatements }
    var primary: [String: [Int]] = [:]
    var secondary: [String: [Int]] = [:]
    var acronyms: [String: Int] = [:]
    for (i, group) in receivers.enumerated() {
      let texts = [group.acronym, group.name] + group.names
      for text in texts {
        let full = BodyName.key(text)
        if !full.isEmpty, !(primary[full]?.contains(i) ?? false) {
          primary[full, default: []].append(i)
        }
        let stripped = BodyName(text).key
        if !stripped.isEmpty, stripped != full, !(secondary[stripped]?.contains(i) ?? false) {
          secondary[stripped, default: []].append(i)
        }
      }
      acronyms[BodyName.key(group.acronym)] = i
    }
    var senders: [String: RegisteredGroup] = [:]
    for group in registry.groups where group.type == .sdo {
      for text in [group.acronym, group.name] + group.names {
        let key = BodyName.key(text)
        // The first entry wins: parents precede their sub-groups in the file.
        if !key.isEmpty, senders[key] == nil { senders[key] = group }
      }
    }
    self.receivers = receivers
    self.primary = primary
    self.secondary = secondary
    self.acronyms = acronyms
    self.senders = senders
  }

  /// The groups a To body names; several when it lists them ("CCAMP and TEAS WGs").
  func receivers(named text: String) -> [Match] {
    let name = BodyName(text)
    guard !name.allWords.isEmpty else { return [] }
    if let match = single(name) { return [match] }
    var found: [Match] = []
    let parts = Self.split(text)
    if parts.count > 1 {
      for part in parts {
        var partName = BodyName(part)
        if partName.hint == .none { partName.hint = name.hint }
        if let match = single(partName),
          !found.contains(where: { $0.group.acronym == match.group.acronym })
        {
          found.append(match)
        }
      }
      if !found.isEmpty { return found }
    }
    // Last resort: acronyms written in capitals inside a longer phrase
    // ("Liaison to IETF on OTN: CCAMP").
    for word in name.allWords where name.capitalised.contains(word) {
      guard !["ietf", "irtf", "iab", "iesg", "ls", "wg", "rg"].contains(word),
        let i = acronyms[word],
        !found.contains(where: { $0.group.acronym == receivers[i].acronym })
      else { continue }
      found.append(Match(group: receivers[i], exact: true))
    }
    return found
  }

  /// The sending body a From names: the longest known prefix ("ITU-T SG15 Q11/15" is SG15).
  func sender(named text: String) -> RegisteredGroup? {
    var words = BodyName.tokenise(text).0
    if words.first == "the" { words.removeFirst() }
    var n = words.count
    while n > 0 {
      if let group = senders[words[0..<n].joined()] { return group }
      n -= 1
    }
    return nil
  }

  /// Close names, for an error message.
  func suggestions(for text: String) -> [String] {
    let key = BodyName(text).key
    guard !key.isEmpty else { return [] }
    var scored: [(Int, String)] = []
    for (candidate, indices) in primary {
      guard
        let d = EditDistance.distance(
          key, candidate, limit: max(2, EditDistance.allowance(forLength: key.count)))
      else { continue }
      for i in indices { scored.append((d, receivers[i].acronym)) }
    }
    var seen: Set<String> = []
    return scored.sorted { $0 < $1 }.map(\.1).filter { seen.insert($0).inserted }.prefix(3).map {
      $0
    }
  }

  private func single(_ name: BodyName) -> Match? {
    let key = name.key
    guard !key.isEmpty else { return nil }
    var candidates: [Int] = []
    for index in [primary[key], primary[name.fullKey], secondary[key]] {
      for i in index ?? [] where !candidates.contains(i) { candidates.append(i) }
    }
    if let best = pick(candidates, hint: name.hint) {
      return Match(group: receivers[best], exact: true)
    }
    let allowance = EditDistance.allowance(forLength: key.count)
    guard allowance > 0 else { return nil }
    var bestDistance = Int.max
    var best: Set<Int> = []
    for table in [primary, secondary] {
      for (candidate, indices) in table where candidate.count >= 4 {
        guard let d = EditDistance.distance(key, candidate, limit: allowance) else { continue }
        if d < bestDistance {
          bestDistance = d
          best = Set(indices)
        } else if d == bestDistance {
          best.formUnion(indices)
        }
      }
    }
    // An ambiguous typo is no match: guessing between two groups would misroute.
    guard let chosen = pick(Array(best), hint: name.hint),
      best.count == 1 || typed(Array(best), name.hint).count == 1
    else { return nil }
    return Match(group: receivers[chosen], exact: false)
  }

  private func typed(_ candidates: [Int], _ hint: BodyName.Hint) -> [Int] {
    candidates.filter { i in
      switch hint {
      case .none: return true
      case .workingGroup: return [.wg, .ag].contains(receivers[i].type)
      case .researchGroup: return [.rg, .irtf].contains(receivers[i].type)
      case .area: return [.area, .ag].contains(receivers[i].type)
      }
    }
  }

  private func pick(_ candidates: [Int], hint: BodyName.Hint) -> Int? {
    guard !candidates.isEmpty else { return nil }
    let fitting = typed(candidates, hint)
    let pool = fitting.isEmpty ? candidates : fitting
    return pool.first { receivers[$0].state == .active } ?? pool.first
  }

  /// "CCAMP, TEAS and PCE WGs" -> ["CCAMP", "TEAS", "PCE WGs"].
  static func split(_ text: String) -> [String] {
    var parts: [String] = []
    var current = ""
    for ch in text {
      if [",", ";", "/", "&", "+"].contains(ch) {
        parts.append(current)
        current = ""
      } else {
        current.append(ch)
      }
    }
    parts.append(current)
    return parts.flatMap { part -> [String] in
      let words = part.split(whereSeparator: \.isWhitespace)
      var pieces: [String] = []
      var piece: [Substring] = []
      for word in words {
        if word.lowercased() == "and" {
          pieces.append(piece.joined(separator: " "))
          piece = []
        } else {
          piece.append(word)
        }
      }
      pieces.append(piece.joined(separator: " "))
      return pieces
    }.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
  }
}
