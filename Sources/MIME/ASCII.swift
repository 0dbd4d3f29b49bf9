/// Byte-level helpers shared by the parser and decoders.
enum ASCII {
  static let cr: UInt8 = 0x0D
  static let lf: UInt8 = 0x0A
  static let space: UInt8 = 0x20
  static let tab: UInt8 = 0x09

  @inline(__always) static func lower(_ b: UInt8) -> UInt8 {
    b >= 0x41 && b <= 0x5A ? b | 0x20 : b
  }

  /// Python's `str.isspace()` for one scalar.
  static func isPythonSpace(_ s: Unicode.Scalar) -> Bool {
    switch s.value {
    case 0x09...0x0D, 0x1C...0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F,
      0x205F, 0x3000:
      true
    default: false
    }
  }

  /// Python's `str.strip()` with no argument.
  static func pythonStrip(_ s: String) -> String {
    let scalars = s.unicodeScalars
    guard let first = scalars.firstIndex(where: { !isPythonSpace($0) }) else { return "" }
    let last = scalars.lastIndex(where: { !isPythonSpace($0) })!
    return String(scalars[first...last])
  }

  /// Python's `str.rstrip()` with no argument.
  static func pythonRStrip(_ s: String) -> String {
    let scalars = s.unicodeScalars
    guard let last = scalars.lastIndex(where: { !isPythonSpace($0) }) else { return "" }
    return String(scalars[...last])
  }

  /// Python's `str.split()` with no argument.
  static func pythonSplit(_ s: String) -> [String] {
    s.unicodeScalars.split(whereSeparator: isPythonSpace).map { String($0) }
  }

  /// Python's `str.lower()` is full Unicode lowercasing; Swift's matches it for
  /// everything that occurs in MIME type names.
  static func pythonLower(_ s: String) -> String { s.lowercased() }
}
