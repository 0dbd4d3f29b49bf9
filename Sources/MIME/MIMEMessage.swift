/// A parsed message: the root entity and every defect found.
public struct MIMEMessage: Sendable {
  public var root: MIMEEntity
  /// Structural defects of every entity, depth-first (transfer-decoding
  /// defects are reported by ``MIMEEntity/decodeBody()``).
  public var defects: [MIMEDefect]
  /// The buffer the message was parsed from (shared, not copied).
  public var bytes: [UInt8]

  public init(root: MIMEEntity, defects: [MIMEDefect], bytes: [UInt8]) {
    self.root = root
    self.defects = defects
    self.bytes = bytes
  }

  public var header: MIMEHeader { root.header }

  /// The best readable body text (oracle rule T), or nil if there is no
  /// text/plain or text/html body outside attachments.
  public var bestText: String? { BodyTextSelector.bestText(of: root) }
}
