/// An attachment as the record and the `extract` JSON describe it.
public struct AttachmentInfo: Hashable, Sendable, Codable {
  /// The sanitised file name (no directories, no control characters).
  public var filename: String
  public var contentType: String
  public var size: Int
  /// Lower-case hex SHA-256 of the decoded bytes; also the content address in the store.
  public var sha256: String

  public init(filename: String, contentType: String, size: Int, sha256: String) {
    self.filename = filename
    self.contentType = contentType
    self.size = size
    self.sha256 = sha256
  }

  enum CodingKeys: String, CodingKey {
    case filename
    case contentType = "content_type"
    case size, sha256
  }
}
