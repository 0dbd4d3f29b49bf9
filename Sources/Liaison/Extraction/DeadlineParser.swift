import Foundation

/// Finds and normalises the deadline of a statement.
///
/// Statements write dates as `2027-03-01`, `1 March 2027`, `March 1, 2027`, `15 Jan. 2027`,
/// or only in prose ("before your next meeting"). A date that cannot be read with
/// certainty (`03/04/2027`) is not guessed: the caller keeps the text instead.
public enum DeadlineParser {
  /// The first unambiguous calendar date in `text`, as `YYYY-MM-DD`.
  public static func isoDate(in text: String) -> String? {
    var best: (offset: Int, iso: String)?
    for candidate in candidates(in: text) where best == nil || candidate.offset < best!.offset {
      best = candidate
    }
    return best?.iso
  }

  /// A deadline stated in running text: "please reply by 15 Jan. 2027", "comments before
  /// your next meeting". Returns the phrase (trimmed to its sentence) and its date if the
  /// phrase holds one.
  public static func deadlineInProse(_ text: String) -> (iso: String?, text: String)? {
    let cues = [
      "please reply by", "please respond by", "reply by", "respond by", "response by",
      "responses by", "comments by", "feedback by", "reply before", "respond before",
      "response before", "feedback before", "comments before", "no later than", "deadline for",
      "deadline of", "by the deadline",
    ]
    var earliest: Range<String.Index>?
    for cue in cues {
      if let r = text.range(of: cue, options: .caseInsensitive),
        earliest == nil || r.lowerBound < earliest!.lowerBound
      {
        earliest = r
      }
    }
    guard let start = earliest?.lowerBound else { return nil }
    let original = text[start...]
    var sentence = ""
    var previous: Character = " "
    for (offset, ch) in zip(original.indices, original) {
      if ch == "\n" && previous == "\n" { break }
      // A following line that carries a label is the next field, not this sentence.
      if ch == "\n" {
        let next = original[original.index(after: offset)...].prefix(while: { $0 != "\n" })
        if next.prefix(32).contains(":") { break }
      }
      // A full stop ends the sentence unless it follows an abbreviated month ("Jan.").
      if ch == "." || ch == "!" || ch == "?" {
        let lastWord = sentence.split(separator: " ").last.map { $0.lowercased() } ?? ""
        if !(monthNumber(lastWord) != nil && ch == "." && lastWord.count <= 4) {
          break
        }
      }
      sentence.append(ch)
      previous = ch
      if sentence.count > 200 { break }
    }
    let folded = TextFolding.fold(sentence)
    guard !folded.isEmpty else { return nil }
    return (isoDate(in: folded), folded)
  }

  // MARK: - Recognisers

  private static let months: [(String, Int)] = [
    ("january", 1), ("february", 2), ("march", 3), ("april", 4), ("may", 5), ("june", 6),
    ("july", 7), ("august", 8), ("september", 9), ("sept", 9), ("october", 10),
    ("november", 11), ("december", 12),
    ("jan", 1), ("feb", 2), ("mar", 3), ("apr", 4), ("jun", 6), ("jul", 7), ("aug", 8),
    ("sep", 9), ("oct", 10), ("nov", 11), ("dec", 12),
  ]

  static func monthNumber(_ word: String) -> Int? {
    let w = word.lowercased().trimmingLiteral(".,")
    return months.first(where: { $0.0 == w })?.1
  }

  /// Tokens of the text with their offsets: runs of letters, runs of digits, or single
  /// punctuation characters. Dates are then recognised as token sequences, which keeps
  /// the recogniser linear on hostile input.
  private struct Token {
    enum Kind { case word, number, punct }
    var kind: Kind
    var text: String
    var offset: Int
  }

  private static func tokens(_ text: String) -> [Token] {
    var out: [Token] = []
    var current: Token?
    var offset = 0
    for ch in text {
      let kind: Token.Kind? =
        ch.isLetter ? .word : (ch.isASCII && ch.isNumber) ? .number : ch.isWhitespace ? nil : .punct
      if let kind, kind != .punct, current?.kind == kind {
        current!.text.append(ch)
      } else {
        if let c = current { out.append(c) }
        current = kind.map { Token(kind: $0, text: String(ch), offset: offset) }
      }
      offset += 1
    }
    if let c = current { out.append(c) }
    return out
  }

  private static func candidates(in text: String) -> [(offset: Int, iso: String)] {
    let t = tokens(text)
    var found: [(Int, String)] = []
    func num(_ i: Int) -> Int? {
      i < t.count && t[i].kind == .number ? Int(t[i].text) : nil
    }
    func punct(_ i: Int, _ set: String) -> Bool {
      i < t.count && t[i].kind == .punct && set.contains(t[i].text)
    }
    func month(_ i: Int) -> Int? {
      i < t.count && t[i].kind == .word ? monthNumber(t[i].text) : nil
    }
    func ordinalSuffix(_ i: Int) -> Bool {
      i < t.count && t[i].kind == .word
        && ["st", "nd", "rd", "th"].contains(t[i].text.lowercased())
    }
    var i = 0
    while i < t.count {
      defer { i += 1 }
      // 2027-03-01, 2027/03/01
      if let y = num(i), t[i].text.count == 4, punct(i + 1, "-/."), let m = num(i + 2),
        punct(i + 3, "-/."), t[i + 3].text == t[i + 1].text, let d = num(i + 4),
        let iso = iso(y, m, d)
      {
        found.append((t[i].offset, iso))
        continue
      }
      // 1 March 2027, 1st March 2027, 15 Jan. 2027, 1-Mar-2027
      if let d = num(i), t[i].text.count <= 2 {
        var j = i + 1
        if ordinalSuffix(j) { j += 1 }
        if punct(j, "-") { j += 1 }
        if let m = month(j) {
          j += 1
          if punct(j, ".") { j += 1 }
          if punct(j, "-,") { j += 1 }
          if let y = num(j), t[j].text.count == 4, let iso = iso(y, m, d) {
            found.append((t[i].offset, iso))
            continue
          }
        }
        // 15/01/2027 or 01/15/2027: only when one reading is impossible.
        if punct(i + 1, "/."), let b = num(i + 2), punct(i + 3, "/."), let y = num(i + 4),
          t[i + 4].text.count == 4
        {
          let dayFirst = iso(y, b, d)
          let monthFirst = iso(y, d, b)
          if let only = (dayFirst == nil ? monthFirst : (monthFirst == nil ? dayFirst : nil))
            ?? (d == b ? dayFirst : nil)
          {
            found.append((t[i].offset, only))
          }
        }
      }
      // March 1, 2027, Jan. 15 2027, March 1st, 2027
      if let m = month(i) {
        var j = i + 1
        if punct(j, ".") { j += 1 }
        if let d = num(j), t[j].text.count <= 2 {
          j += 1
          if ordinalSuffix(j) { j += 1 }
          if punct(j, ",") { j += 1 }
          if let y = num(j), t[j].text.count == 4, let iso = iso(y, m, d) {
            found.append((t[i].offset, iso))
          }
        }
      }
    }
    return found
  }

  static func iso(_ y: Int, _ m: Int, _ d: Int) -> String? {
    guard (1900...2200).contains(y), (1...12).contains(m), d >= 1 else { return nil }
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
    let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    guard d <= days[m - 1] else { return nil }
    func pad(_ n: Int, _ w: Int) -> String {
      let s = String(n)
      return String(repeating: "0", count: max(0, w - s.count)) + s
    }
    return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))"
  }
}
