/// The purpose a statement declares (seed 002, "Purpose").
///
/// An open vocabulary: the four values below are the ones the process knows,
/// and a label nobody has normalised yet stays representable.
public struct Purpose: OpenVocabulary {
  public var rawValue: String
  public init(rawValue: String) { self.rawValue = rawValue }

  public static let information = Purpose(rawValue: "information")
  public static let action = Purpose(rawValue: "action")
  public static let response = Purpose(rawValue: "response")
  /// "For Comment", the label older statements use.
  public static let comment = Purpose(rawValue: "comment")

  /// The values the process knows, which filters accept.
  public static let known: [Purpose] = [.information, .action, .response, .comment]
}
