/// One SMTP reply: the three-digit code and its text (RFC 5321 section 4.2).
public struct SMTPReply: Sendable, Equatable, CustomStringConvertible {
  public var code: Int
  public var text: String

  public init(code: Int, text: String) {
    self.code = code
    self.text = text
  }

  /// Parses a reply line such as `550 5.1.1 unknown user` or `250-SIZE 100`; nil otherwise.
  public init?(line: String) {
    let bytes = Array(line.utf8)
    guard bytes.count >= 3, bytes[0...2].allSatisfy({ (0x30...0x39).contains($0) }),
      (0x32...0x35).contains(bytes[0]), bytes.count == 3 || bytes[3] == 0x20 || bytes[3] == 0x2D
    else { return nil }
    code = Int(bytes[0] - 0x30) * 100 + Int(bytes[1] - 0x30) * 10 + Int(bytes[2] - 0x30)
    text = bytes.count > 4 ? String(decoding: bytes[4...], as: UTF8.self) : ""
  }

  /// 5xx: the server will not accept this, ever; retrying is pointless.
  public var isPermanent: Bool { code >= 500 }
  /// 4xx: try again later.
  public var isTransient: Bool { (400..<500).contains(code) }
  public var isPositive: Bool { code < 400 }

  public var description: String { "\(code) \(text)" }
}
