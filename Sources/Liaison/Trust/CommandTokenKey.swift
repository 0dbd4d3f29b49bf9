/// The secret behind command-address tokens (`trust.token_key_file`): at least 32 random
/// bytes. Printing it shows `<redacted>`.
public struct CommandTokenKey: Sendable, Hashable, CustomStringConvertible,
  CustomDebugStringConvertible,
  CustomReflectable
{
  /// Shortest key accepted: 256 bits, the HMAC-SHA256 block strength.
  public static let minimumBytes = 32

  let bytes: [UInt8]

  /// Refuses a key shorter than `minimumBytes`; `file` names it in the error. A trailing
  /// newline (`echo ... > key`) is part of the key: the bytes are used as they are.
  public init(bytes: [UInt8], file: String) throws {
    guard bytes.count >= Self.minimumBytes else {
      throw LiaisonError.tokenKeyTooShort(
        file: file, size: bytes.count, minimum: Self.minimumBytes)
    }
    self.bytes = bytes
  }

  public var description: String { "<redacted>" }
  public var debugDescription: String { "CommandTokenKey(<redacted>)" }
  public var customMirror: Mirror { Mirror(self, children: []) }
}
