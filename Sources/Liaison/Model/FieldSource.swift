/// Where one extracted field came from; the record keeps it for every field.
///
/// Encoded as a string: `header`, `body`, `attachment:<filename>`, `manual`,
/// `datatracker`.
public struct FieldSource: OpenVocabulary {
  public var rawValue: String
  public init(rawValue: String) { self.rawValue = rawValue }

  public static let header = FieldSource(rawValue: "header")
  public static let body = FieldSource(rawValue: "body")
  public static let manual = FieldSource(rawValue: "manual")
  /// Read from the datatracker's record of the statement (`liaisond history import`).
  public static let datatracker = FieldSource(rawValue: "datatracker")
  public static func attachment(_ filename: String) -> FieldSource {
    FieldSource(rawValue: "attachment:" + filename)
  }
}
