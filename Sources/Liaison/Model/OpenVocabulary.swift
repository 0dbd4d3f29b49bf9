/// A vocabulary that stays open: the values the process knows are static members, and a
/// value nobody has named yet (read from an older record, a registry, a mail) stays
/// representable. Encoded as its raw string (the standard library's `RawRepresentable`
/// coding); described as it is written.
public protocol OpenVocabulary: RawRepresentable, Hashable, Sendable, Codable,
  CustomStringConvertible
where RawValue == String {
  init(rawValue: String)
}

extension OpenVocabulary {
  public var description: String { rawValue }
}
