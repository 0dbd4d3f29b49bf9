extension MIMEParser {
  /// Limits that bound the work a hostile message can cause.
  ///
  /// Each limit that trips throws its own ``MIMEError``; everything else that
  /// is wrong with a message is recorded as a ``MIMEDefect``.
  public struct Options: Sendable, Hashable {
    /// Largest message accepted, in bytes. Default 64 MiB: far above any
    /// liaison statement with attachments that a mail server would relay.
    public var maxMessageSize: Int
    /// Deepest nesting of multiparts and embedded messages. Default 100:
    /// real mail rarely exceeds 5, and the parser recurses once per level.
    public var maxNestingDepth: Int
    /// Most MIME entities in one message, containers included. Default 10,000.
    public var maxParts: Int
    /// Largest single header block, in bytes (the root's or any part's).
    /// Default 1 MiB: RFC 5322 header blocks are a few KiB.
    public var maxHeaderBlockSize: Int

    public init(
      maxMessageSize: Int = 64 << 20,
      maxNestingDepth: Int = 100,
      maxParts: Int = 10_000,
      maxHeaderBlockSize: Int = 1 << 20
    ) {
      self.maxMessageSize = maxMessageSize
      self.maxNestingDepth = maxNestingDepth
      self.maxParts = maxParts
      self.maxHeaderBlockSize = maxHeaderBlockSize
    }
  }
}
