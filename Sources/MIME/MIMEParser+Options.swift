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
    /// Largest address field (From, To, Cc, ...) or Content-Type / Content-Disposition value,
    /// in bytes of its unfolded value, that is parsed with Python's header grammar. Unlike the
    /// limits above it does not throw: a longer field keeps its raw value, is marked
    /// ``MIMEHeaderField/tooLargeToParse`` (no mailboxes, no parameters) and the entity gets
    /// an ``MIMEDefect/Kind/oversizedHeaderField`` defect. That grammar costs about 2 µs per
    /// byte of an address list, so a 1 MB To: took seconds. Default 256 KiB: Postfix relays no
    /// header field over 100 KiB (`header_size_limit`), and the largest field of the
    /// 594-message conformance corpus (MimeKit's stack-overflow.txt, a To: of 3,000 encoded
    /// words) is 132 KiB and must keep its oracle result.
    public var maxStructuredFieldSize: Int

    public init(
      maxMessageSize: Int = 64 << 20,
      maxNestingDepth: Int = 100,
      maxParts: Int = 10_000,
      maxHeaderBlockSize: Int = 1 << 20,
      maxStructuredFieldSize: Int = 256 << 10
    ) {
      self.maxMessageSize = maxMessageSize
      self.maxNestingDepth = maxNestingDepth
      self.maxParts = maxParts
      self.maxHeaderBlockSize = maxHeaderBlockSize
      self.maxStructuredFieldSize = maxStructuredFieldSize
    }
  }
}
