import Crypto
import Foundation

/// SHA-256 as 64 lower-case hex digits: the content addresses of the store, the digests of
/// `parse --json` and the `sha256` of every attachment.
public enum SHA256Hex {
  /// The digest of `bytes`.
  public static func of(_ bytes: some DataProtocol) -> String {
    let digest = SHA256.hash(data: bytes)
    var out: [UInt8] = []
    out.reserveCapacity(SHA256.Digest.byteCount * 2)
    for byte in digest {
      out.append(digits[Int(byte >> 4)])
      out.append(digits[Int(byte & 0x0F)])
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// True for exactly 64 characters of `0-9a-f`: the only strings the store ever turns into
  /// a path.
  public static func isValid(_ text: String) -> Bool {
    let utf8 = text.utf8
    return utf8.count == 64
      && utf8.allSatisfy {
        ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9"))
          || ($0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "f"))
      }
  }

  private static let digits = Array("0123456789abcdef".utf8)
}
