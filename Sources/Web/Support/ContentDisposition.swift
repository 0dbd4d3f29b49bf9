import Foundation

/// `Content-Disposition: attachment` with a file name that cannot escape the header or a
/// directory (RFC 6266 `filename` ASCII fallback plus RFC 8187 `filename*`).
enum ContentDisposition {
  static let maximumNameLength = 150

  static func attachment(filename: String, fallback: String) -> String {
    let name = safeName(filename, fallback: fallback)
    let ascii = String(
      String.UnicodeScalarView(
        name.unicodeScalars.map { $0.isASCII ? $0 : "_" }))
    return "attachment; filename=\"\(ascii)\"; filename*=UTF-8''\(percentEncoded(name))"
  }

  /// The last path component, without controls, leading dots, bidi overrides, or the
  /// characters Windows refuses in names (the user saves the file on their system).
  static func safeName(_ filename: String, fallback: String) -> String {
    let lastComponent =
      filename.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
    var scalars = String.UnicodeScalarView()
    for scalar in lastComponent.unicodeScalars {
      if scalar.value < 0x20 || scalar.value == 0x7F || (0x80..<0xA0).contains(scalar.value)
        || "\"<>:|?*;%".unicodeScalars.contains(scalar) || scalar.properties.isBidiControl
      {
        scalars.append("_")
      } else {
        scalars.append(scalar)
      }
    }
    var name = String(scalars).trimmingCharacters(in: .whitespaces)
    while name.hasPrefix(".") { name.removeFirst() }
    if name.unicodeScalars.count > maximumNameLength {
      // Keep the extension: it tells the user's system what the file is.
      let ext = name.split(separator: ".").count > 1 ? name.split(separator: ".").last! : ""
      let keep = maximumNameLength - ext.count - 1
      name = String(String.UnicodeScalarView(name.unicodeScalars.prefix(max(keep, 1))))
      if !ext.isEmpty, ext.count < 16 { name += "." + ext }
    }
    return name.isEmpty ? fallback : name
  }

  /// RFC 8187 `attr-char` is the only thing left unescaped.
  static func percentEncoded(_ text: String) -> String {
    var out = ""
    for byte in text.utf8 {
      switch byte {
      case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
        UInt8(ascii: "0")...UInt8(ascii: "9"):
        out.unicodeScalars.append(Unicode.Scalar(byte))
      case UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "&"),
        UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "^"),
        UInt8(ascii: "_"), UInt8(ascii: "`"), UInt8(ascii: "|"), UInt8(ascii: "~"):
        out.unicodeScalars.append(Unicode.Scalar(byte))
      default:
        out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
      }
    }
    return out
  }
}

extension String {
  fileprivate func leftPadded(to width: Int) -> String {
    count >= width ? self : String(repeating: "0", count: width - count) + self
  }
}
