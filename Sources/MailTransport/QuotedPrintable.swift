/// Quoted-printable body encoding (RFC 2045 section 6.7) with CRLF line ends.
enum QuotedPrintable {
  /// Encodes text; any line end (CRLF, CR, LF) becomes CRLF, lines stay within 76 characters.
  static func encode(_ text: String) -> [UInt8] {
    var output: [UInt8] = []
    let bytes = Array(text.utf8)
    var lines: [ArraySlice<UInt8>] = []
    var start = 0
    var index = 0
    while index < bytes.count {
      if bytes[index] == 0x0D || bytes[index] == 0x0A {
        lines.append(bytes[start..<index])
        if bytes[index] == 0x0D && index + 1 < bytes.count && bytes[index + 1] == 0x0A {
          index += 1
        }
        start = index + 1
      }
      index += 1
    }
    lines.append(bytes[start..<bytes.count])
    for (number, line) in lines.enumerated() {
      encodeLine(line, into: &output)
      if number < lines.count - 1 || !line.isEmpty { output += [0x0D, 0x0A] }
    }
    return output
  }

  private static let hex = Array("0123456789ABCDEF".utf8)

  private static func encodeLine(_ line: ArraySlice<UInt8>, into output: inout [UInt8]) {
    var column = 0
    for (offset, byte) in zip(0..., line) {
      let isLast = offset == line.count - 1
      var literal: Bool
      switch byte {
      case 0x20, 0x09: literal = !isLast  // trailing white space would be stripped in transit
      case UInt8(ascii: "="): literal = false
      case UInt8(ascii: "."): literal = column != 0  // a lone "." line ends SMTP DATA
      case UInt8(ascii: "F"):
        literal = !(column == 0 && line.dropFirst(offset).starts(with: Array("From ".utf8)))
      case 33...126: literal = true
      default: literal = false
      }
      var width = literal ? 1 : 3
      // Keep one column for the soft break "=" (76 characters at most per line).
      if column + width > (isLast ? 76 : 75) {
        output += [UInt8(ascii: "="), 0x0D, 0x0A]
        column = 0
        if byte == UInt8(ascii: ".") {
          literal = false
          width = 3
        }
      }
      if literal {
        output.append(byte)
      } else {
        output += [UInt8(ascii: "="), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
      }
      column += width
    }
  }
}
