/// Where one extracted field came from; the record keeps it for every field.
///
/// Encoded as a string: `header`, `body`, `attachment:<filename>`, `manual`.
public struct FieldSource: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
  public var rawValue: String
  public init(rawValue: String) { self.rawValue = rawValue }

  public static let header = FieldSource(rawValue: "header")
  public static let body = FieldSource(rawValue: "body")
  public static let manual = FieldSource(rawValue: "manual")
  public static func attachment(_ filename: String) -> FieldSource {
    FieldSource(rawValue: "attachment:" + filename)
  }

  public var description: String { rawValue }

  public init(from decoder: any Decoder) throws {
    rawValue = try decoder.singleValueContainer().decode(String.self)
  }
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.singleValueContainer()
    try c.encode(rawValue)
  }
}
