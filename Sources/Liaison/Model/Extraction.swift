/// The result of extracting one mail: the metadata and the attachments' bytes.
public struct Extraction: Hashable, Sendable {
  public var statement: ExtractedStatement
  public var attachments: [ExtractedAttachment]

  public init(statement: ExtractedStatement, attachments: [ExtractedAttachment] = []) {
    self.statement = statement
    self.attachments = attachments
  }
}
