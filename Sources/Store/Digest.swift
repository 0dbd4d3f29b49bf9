import Crypto

/// SHA-256 content addresses: 64 lower-case hex digits.
enum Digest {
  static func sha256Hex(_ bytes: [UInt8]) -> String {
    hex(SHA256.hash(data: bytes))
  }

  private static let digits = Array("0123456789abcdef".utf8)

  private static func hex(_ digest: SHA256.Digest) -> String {
    var out = [UInt8]()
    out.reserveCapacity(64)
    for byte in digest {
      out.append(digits[Int(byte >> 4)])
      out.append(digits[Int(byte & 0x0f)])
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// True for exactly 64 characters of `0-9a-f`: the only strings ever turned into a path.
  static func isValidHex(_ text: String) -> Bool {
    let utf8 = text.utf8
    return utf8.count == 64
      && utf8.allSatisfy {
        ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9"))
          || ($0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "f"))
      }
  }
}
