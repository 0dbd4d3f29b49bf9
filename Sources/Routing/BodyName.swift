import Foundation

/// A body name as a statement writes it ("IETF CCAMP WG", "the Routing Area"), reduced to
/// the words that identify the group plus a hint of what kind of group was meant.
struct BodyName: Hashable, Sendable {
  enum Hint: Hashable, Sendable { case none, workingGroup, researchGroup, area }

  /// Identifying words, lower-case, without organisation prefixes or group-kind suffixes.
  var words: [String]
  /// All words, with nothing stripped ("ietf" alone must still find the IETF).
  var allWords: [String]
  var hint: Hint
  /// Words written in capitals in the original (`CCAMP`), which read as acronyms.
  var capitalised: Set<String>

  var key: String { words.joined() }
  var fullKey: String { allWords.joined() }

  private static let prefixes: Set<String> = ["the", "to", "ietf", "irtf", "iab"]
  private static let wgSuffixes: [[String]] = [
    ["working", "groups"], ["working", "group"], ["wgs"], ["wg"],
  ]
  private static let rgSuffixes: [[String]] = [
    ["research", "groups"], ["research", "group"], ["rgs"], ["rg"],
  ]
  private static let areaSuffixes: [[String]] = [
    ["area", "directors"], ["area", "director"], ["ads"], ["area"],
  ]
  private static let roleSuffixes: [[String]] = [
    ["co", "chairs"], ["chairs"], ["chair"], ["mailing", "list"], ["list"],
  ]

  init(_ text: String) {
    let (tokens, capitals) = Self.tokenise(text)
    allWords = tokens
    capitalised = capitals
    var words = tokens
    while let first = words.first, Self.prefixes.contains(first), words.count > 1 {
      words.removeFirst()
    }
    var hint = Hint.none
    var changed = true
    while changed && words.count > 1 {
      changed = false
      for (suffixes, kind) in [
        (Self.roleSuffixes, Hint.none), (Self.wgSuffixes, .workingGroup),
        (Self.rgSuffixes, .researchGroup), (Self.areaSuffixes, .area),
      ] {
        for suffix in suffixes
        where words.count > suffix.count && words.suffix(suffix.count).elementsEqual(suffix) {
          words.removeLast(suffix.count)
          if kind != .none && hint == .none { hint = kind }
          changed = true
          break
        }
      }
    }
    if words.count == 1, words[0] == "ietf" || words[0] == "irtf" { hint = .none }
    self.words = words
    self.hint = hint
  }

  /// Lower-case alphanumeric words; diacritics folded; "&" read as "and".
  static func tokenise(_ text: String) -> ([String], Set<String>) {
    let folded = text.replacingOccurrences(of: "&", with: " and ")
      .folding(options: [.diacriticInsensitive, .widthInsensitive], locale: nil)
    var tokens: [String] = []
    var capitals: Set<String> = []
    var current = ""
    func flush() {
      guard !current.isEmpty else { return }
      let lower = current.lowercased()
      // An acronym is written with capitals ("CCAMP", "6MAN", "CoRE"): at least two of them.
      if current.filter(\.isUppercase).count >= 2
        || (current.count <= 5 && current.first?.isNumber == true
          && current.contains(where: \.isUppercase))
      {
        capitals.insert(lower)
      }
      tokens.append(lower)
      current = ""
    }
    for ch in folded {
      if ch.isLetter || ch.isNumber {
        current.append(ch)
      } else {
        flush()
      }
    }
    flush()
    return (tokens, capitals)
  }

  /// Alphanumeric key of a name as the registry writes it (no stripping).
  static func key(_ text: String) -> String {
    tokenise(text).0.joined()
  }
}
