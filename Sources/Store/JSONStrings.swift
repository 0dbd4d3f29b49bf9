import Foundation

/// The JSON text of a list-of-strings column (bodies, contacts, route groups, outbox
/// recipients), written and read without `JSONEncoder`/`JSONDecoder`: going through them
/// for every list of every row read was a tenth of a backlog's CPU (BENCHMARKS.md). The
/// text is the one `JSONEncoder` writes (GRDB's encoding of these columns before), so
/// rows written before and after read the same; anything unusual is left to Foundation.
enum JSONStrings {
  static func encode(_ strings: [String]) -> String {
    var out: [UInt8] = [UInt8(ascii: "[")]
    out.reserveCapacity(strings.reduce(2) { $0 + $1.utf8.count + 3 })
    for (index, string) in strings.enumerated() {
      if index > 0 { out.append(UInt8(ascii: ",")) }
      out.append(UInt8(ascii: "\""))
      for byte in string.utf8 {
        switch byte {
        case UInt8(ascii: "\""): out += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
        case UInt8(ascii: "\\"): out += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
        case UInt8(ascii: "/"): out += [UInt8(ascii: "\\"), UInt8(ascii: "/")]
        case 0x0A: out += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
        case 0x0D: out += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
        case 0x09: out += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
        case 0x08: out += [UInt8(ascii: "\\"), UInt8(ascii: "b")]
        case 0x0C: out += [UInt8(ascii: "\\"), UInt8(ascii: "f")]
        case 0x00..<0x20:
          out += Array("\\u00".utf8)
          out.append(hexDigit(byte >> 4))
          out.append(hexDigit(byte & 0x0F))
        default: out.append(byte)
        }
      }
      out.append(UInt8(ascii: "\""))
    }
    out.append(UInt8(ascii: "]"))
    return String(decoding: out, as: UTF8.self)
  }

  /// The strings of `text`; nil when it is not a JSON array of strings.
  static func decode(_ text: String) -> [String]? {
    var text = text
    return text.withUTF8 { bytes in
      var parser = Parser(bytes: bytes)
      return parser.array()
    } ?? (try? JSONDecoder().decode([String].self, from: Data(text.utf8)))
  }

  private static func hexDigit(_ value: UInt8) -> UInt8 {
    value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "a") + value - 10
  }

  /// A JSON array of strings, and nothing else; nil on anything it does not expect.
  private struct Parser {
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0

    mutating func array() -> [String]? {
      skipSpace()
      guard next() == UInt8(ascii: "[") else { return nil }
      var strings: [String] = []
      skipSpace()
      if peek() == UInt8(ascii: "]") {
        index += 1
      } else {
        elements: while true {
          skipSpace()
          guard let string = string() else { return nil }
          strings.append(string)
          skipSpace()
          switch next() {
          case UInt8(ascii: ","): continue elements
          case UInt8(ascii: "]"): break elements
          default: return nil
          }
        }
      }
      skipSpace()
      return index == bytes.count ? strings : nil
    }

    mutating func string() -> String? {
      guard next() == UInt8(ascii: "\"") else { return nil }
      let start = index
      // The common case: no escape, copied as it is.
      while index < bytes.count, bytes[index] != UInt8(ascii: "\""),
        bytes[index] != UInt8(ascii: "\\"),
        bytes[index] >= 0x20
      {
        index += 1
      }
      guard index < bytes.count else { return nil }
      var out = Array(bytes[start..<index])
      while index < bytes.count {
        let byte = bytes[index]
        index += 1
        switch byte {
        case UInt8(ascii: "\""):
          return String(validating: out, as: UTF8.self)
        case UInt8(ascii: "\\"):
          guard let escaped = next() else { return nil }
          switch escaped {
          case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(escaped)
          case UInt8(ascii: "n"): out.append(0x0A)
          case UInt8(ascii: "r"): out.append(0x0D)
          case UInt8(ascii: "t"): out.append(0x09)
          case UInt8(ascii: "b"): out.append(0x08)
          case UInt8(ascii: "f"): out.append(0x0C)
          case UInt8(ascii: "u"):
            guard var scalar = hex4() else { return nil }
            if (0xD800..<0xDC00).contains(scalar) {
              // A high surrogate must be followed by its low one.
              guard next() == UInt8(ascii: "\\"), next() == UInt8(ascii: "u"), let low = hex4(),
                (0xDC00..<0xE000).contains(low)
              else { return nil }
              scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            }
            guard let unicode = Unicode.Scalar(scalar) else { return nil }
            out += Array(String(Character(unicode)).utf8)
          default: return nil
          }
        case 0x00..<0x20:
          return nil
        default:
          out.append(byte)
        }
      }
      return nil
    }

    mutating func hex4() -> UInt32? {
      guard index + 4 <= bytes.count else { return nil }
      var value: UInt32 = 0
      for _ in 0..<4 {
        let byte = bytes[index]
        index += 1
        let digit: UInt8
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
        default: return nil
        }
        value = value << 4 | UInt32(digit)
      }
      return value
    }

    mutating func next() -> UInt8? {
      guard index < bytes.count else { return nil }
      defer { index += 1 }
      return bytes[index]
    }

    func peek() -> UInt8? { index < bytes.count ? bytes[index] : nil }

    mutating func skipSpace() {
      while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
    }
  }
}
