/// An attachment with its bytes, as the extractor hands it to the store.
///
/// `info` is what is published; `data` is stored content-addressed under its SHA-256;
/// `text` (the document's text layer, when one could be read) feeds full-text search.
public struct ExtractedAttachment: Hashable, Sendable {
  public var info: AttachmentInfo
  public var data: [UInt8]
  public var text: String?

  public init(info: AttachmentInfo, data: [UInt8], text: String? = nil) {
    self.info = info
    self.data = data
    self.text = text
  }
}
