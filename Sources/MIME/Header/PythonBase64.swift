/// Base64 decoding exactly as CPython 3.11 does it for mail: `binascii.a2b_base64` (lenient and
/// strict modes) and `email._encoded_words.decode_b`, which retries with extra padding and
/// falls back to the undecoded input. Also the decoder of base64 message bodies (rule P).
enum PythonBase64 {
  /// A defect Python records while decoding (`errors.InvalidBase64*Defect`).
  enum Defect: String, Sendable {
    case invalidPadding = "InvalidBase64PaddingDefect"
    case invalidCharacters = "InvalidBase64CharactersDefect"
    case invalidLength = "InvalidBase64LengthDefect"
  }

  /// Each byte's value in the base64 alphabet; 0xFF for a byte outside it.
  static let table: [UInt8] = {
    var t = [UInt8](repeating: 0xFF, count: 256)
    for (i, c) in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8
      .enumerated()
    {
      t[Int(c)] = UInt8(i)
    }
    return t
  }()

  /// `binascii.a2b_base64(data, strict_mode:)`; nil where Python raises `binascii.Error`.
  static func a2b<C: Collection>(_ data: C, strict: Bool) -> [UInt8]? where C.Element == UInt8 {
    var out: [UInt8] = []
    out.reserveCapacity(data.count / 4 * 3 + 3)
    var quadPos = 0
    var leftChar: UInt8 = 0
    var pads = 0
    var paddingStarted = false
    var index = 0
    let count = data.count
    for byte in data {
      defer { index += 1 }
      if byte == UInt8(ascii: "=") {
        paddingStarted = true
        if strict && quadPos == 0 { return nil }
        if quadPos >= 2 {
          pads += 1
          if quadPos + pads >= 4 {
            // A complete pad sequence ends the data; strict mode rejects anything after it.
            if strict && index + 1 < count { return nil }
            return out
          }
        }
        continue
      }
      let v = table[Int(byte)]
      if v >= 64 {
        if strict { return nil }
        continue
      }
      if strict && paddingStarted { return nil }
      pads = 0
      switch quadPos {
      case 0:
        quadPos = 1
        leftChar = v
      case 1:
        quadPos = 2
        out.append((leftChar << 2) | (v >> 4))
        leftChar = v & 0x0F
      case 2:
        quadPos = 3
        out.append((leftChar << 4) | (v >> 2))
        leftChar = v & 0x03
      default:
        quadPos = 0
        out.append((leftChar << 6) | v)
        leftChar = 0
      }
    }
    return quadPos == 0 ? out : nil
  }

  /// `email._encoded_words.decode_b`: the decoded bytes and the defects Python records.
  static func decodeB(_ encoded: [UInt8]) -> (bytes: [UInt8], defects: [Defect]) {
    let padError = encoded.count % 4
    let missing = padError == 0 ? 0 : 4 - padError
    let padded = encoded + [UInt8](repeating: UInt8(ascii: "="), count: missing)
    if let bytes = a2b(padded, strict: true) {
      return (bytes, padError != 0 ? [.invalidPadding] : [])
    }
    if let bytes = a2b(encoded, strict: false) {
      return (bytes, [.invalidCharacters])
    }
    if let bytes = a2b(encoded + Array("==".utf8), strict: false) {
      return (bytes, [.invalidCharacters, .invalidPadding])
    }
    return (encoded, [.invalidLength])
  }
}
