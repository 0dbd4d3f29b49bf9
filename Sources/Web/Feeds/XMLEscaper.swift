/// Escaping for XML 1.0 text and attribute values.
///
/// Besides the five markup characters, it drops what XML 1.0 cannot carry at all (C0
/// controls other than tab, LF and CR; U+FFFE, U+FFFF): a hostile subject must not make
/// the whole feed unparseable.
enum XMLEscaper {
  static func escape(_ text: String) -> String {
    var out = ""
    out.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&apos;"
      case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
      default:
        if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF {
          out += "\u{FFFD}"
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    return out
  }
}
