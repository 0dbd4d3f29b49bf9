/// The purpose a statement declares (seed 002, "Purpose").
///
/// An open vocabulary: the four values below are the ones the process knows,
/// and a label nobody has normalised yet stays representable.
public struct Purpose: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
  public var rawValue: String
  public init(rawValue: String) { self.rawValue = rawValue }

  public static let information = Purpose(rawValue: "information")
  public static let action = Purpose(rawValue: "action")
  public static let response = Purpose(rawValue: "response")
  /// "For Comment", the label older statements use.
  public static let comment = Purpose(rawValue: "comment")

  public var description: String { rawValue }

  public init(from decoder: any Decoder) throws {
    rawValue = try decoder.singleValueContainer().decode(String.self)
  }
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.singleValueContainer()
    try c.encode(rawValue)
  }
}
