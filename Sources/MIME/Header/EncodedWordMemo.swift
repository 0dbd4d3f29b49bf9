/// The decoded form of each distinct encoded word of one address field.
///
/// Python's address grammar reads the same phrase several times over (as a group's display
/// name, a name-addr's, an obsolete local part, an invalid mailbox's phrase), and one hostile
/// To: of 2,700 encoded words (mimekit's `stack-overflow.txt`) made decoding them nearly a
/// third of the whole corpus's parse time. What `get_encoded_word` builds from a word depends
/// on the word's text alone, so each distinct word is decoded once per field.
///
/// Keyed by text, not by position: the obsolete local part is reparsed from a fresh array
/// (`reparseObsLocalPart`), where positions mean other text. The terminals are shared between
/// the trees that read the same word, which is safe because the parser never mutates a
/// terminal (it relabels and extends only mailboxes, lists and words, which stay per read).
///
/// Bound to `current` for one synchronous parse call (`AddressParser.mailboxes`) and never
/// seen by another thread, hence `@unchecked Sendable`.
final class EncodedWordMemo: @unchecked Sendable {
  /// What `get_encoded_word` makes of a word's text, before looking at what follows it.
  enum Entry {
    /// The decoded text as `vtext` and `fws` terminals; `severalFields` is the defect Python
    /// records for a word whose undecoded text has blanks in it.
    case decoded(children: [HeaderToken], severalFields: Bool)
    /// `_encoded_words.decode` raised: the caller reads the text as something else.
    case malformed
  }

  @TaskLocal static var current: EncodedWordMemo?

  private var entries: [Word: Entry] = [:]

  func entry(for word: [Unicode.Scalar], _ make: ([Unicode.Scalar]) -> Entry) -> Entry {
    if let entry = entries[Word(scalars: word)] { return entry }
    let entry = make(word)
    entries[Word(scalars: word)] = entry
    return entry
  }

  /// A word's text as a key hashed in one call over its bytes: the array's own hashing, one
  /// scalar at a time, cost more than the lookups saved on the hostile field.
  private struct Word: Hashable {
    let scalars: [Unicode.Scalar]

    func hash(into hasher: inout Hasher) {
      scalars.withUnsafeBytes { hasher.combine(bytes: $0) }
    }
  }
}
