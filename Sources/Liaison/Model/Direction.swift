/// Which way a statement travels: to the IETF (`incoming`, the default of every record made
/// before outgoing statements existed) or from it (`outgoing`, seed 004 section 4).
public struct Direction: OpenVocabulary {
  public var rawValue: String
  public init(rawValue: String) { self.rawValue = rawValue }

  public static let incoming = Direction(rawValue: "incoming")
  public static let outgoing = Direction(rawValue: "outgoing")

  public static let allCases: [Direction] = [.incoming, .outgoing]
}
