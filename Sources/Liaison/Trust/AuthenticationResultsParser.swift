/// The RFC 8601 section 2.2 grammar over one field value, byte by byte.
///
/// Linear and without recursion (comment nesting is a counter), so a hostile field
/// costs no more than its length. Two leniencies, both seen from real MTAs and neither
/// able to hide a separator: a property value may hold any visible character but `;`,
/// `(`, `)`, `"` and `\` (DKIM's `header.b=` carries base64 with `/`, `+`, `=`), and a
/// `;` at the very end is accepted.
struct AuthenticationResultsParser {
  private let bytes: [UInt8]
  private var index = 0

  private struct Malformed: Error {}

  init(_ value: String) {
    bytes = Array(value.utf8)
  }

  mutating func parse() -> AuthenticationResults? {
    try? parseField()
  }

  private mutating func parseField() throws -> AuthenticationResults {
    try skipCFWS()
    let authservID = try value()
    try skipCFWS()
    var version: Int?
    if let byte = peek, Self.isDigit(byte) {
      version = try number()
      try skipCFWS()
    }
    var results: [AuthenticationResults.MethodResult] = []
    var sawNone = false
    while !atEnd {
      try expect(UInt8(ascii: ";"))
      try skipCFWS()
      if atEnd { break }
      let method = try keyword()
      try skipCFWS()
      if method == "none" && (atEnd || peek == UInt8(ascii: ";")) {
        // `authserv-id; none`: nothing was checked. Only alone.
        guard results.isEmpty, !sawNone else { throw Malformed() }
        sawNone = true
        continue
      }
      guard !sawNone else { throw Malformed() }
      results.append(try methodResult(method))
    }
    return AuthenticationResults(authservID: authservID, version: version, results: results)
  }

  /// The rest of one resinfo after its method keyword: `[/version] = result [reason=...]
  /// [ptype.property=value ...]`, up to the next `;` or the end.
  private mutating func methodResult(_ method: String) throws -> AuthenticationResults.MethodResult
  {
    var methodVersion: Int?
    if peek == UInt8(ascii: "/") {
      index += 1
      try skipCFWS()
      methodVersion = try number()
      try skipCFWS()
    }
    try expect(UInt8(ascii: "="))
    try skipCFWS()
    var item = AuthenticationResults.MethodResult(
      method: method, methodVersion: methodVersion, result: try keyword())
    try skipCFWS()
    while !atEnd && peek != UInt8(ascii: ";") {
      let name = try keyword()
      try skipCFWS()
      if name == "reason" && peek == UInt8(ascii: "=") {
        guard item.reason == nil, item.properties.isEmpty else { throw Malformed() }
        index += 1
        try skipCFWS()
        item.reason = try value()
        try skipCFWS()
        continue
      }
      try expect(UInt8(ascii: "."))
      try skipCFWS()
      let property = try keyword()
      try skipCFWS()
      try expect(UInt8(ascii: "="))
      try skipCFWS()
      let propertyValue = try propertyValue()
      // A property must be followed by a separator, not glued to the next item.
      let before = index
      try skipCFWS()
      if index == before && !atEnd && peek != UInt8(ascii: ";") { throw Malformed() }
      item.properties.append(
        AuthenticationResults.Property(ptype: name, property: property, value: propertyValue))
    }
    return item
  }

  // MARK: - Lexical pieces

  private var atEnd: Bool { index >= bytes.count }
  private var peek: UInt8? { atEnd ? nil : bytes[index] }

  private mutating func expect(_ byte: UInt8) throws {
    guard peek == byte else { throw Malformed() }
    index += 1
  }

  /// Folding white space and comments, `(...)` nested, with `\` quoting one byte.
  private mutating func skipCFWS() throws {
    while let byte = peek {
      if Self.isSpace(byte) {
        index += 1
      } else if byte == UInt8(ascii: "(") {
        var depth = 0
        repeat {
          guard let c = peek else { throw Malformed() }
          index += 1
          switch c {
          case UInt8(ascii: "("): depth += 1
          case UInt8(ascii: ")"): depth -= 1
          case UInt8(ascii: "\\"):
            guard !atEnd else { throw Malformed() }
            index += 1
          default: break
          }
        } while depth > 0
      } else {
        return
      }
    }
  }

  /// RFC 8601 `Keyword` (letters, digits, `-`, `_`), lower-cased.
  private mutating func keyword() throws -> String {
    let start = index
    while let byte = peek, Self.isKeyword(byte) { index += 1 }
    guard index > start else { throw Malformed() }
    return String(decoding: bytes[start..<index], as: UTF8.self).lowercased()
  }

  private mutating func number() throws -> Int {
    let start = index
    while let byte = peek, Self.isDigit(byte), index - start < 9 { index += 1 }
    guard index > start, let n = Int(String(decoding: bytes[start..<index], as: UTF8.self))
    else { throw Malformed() }
    if let byte = peek, Self.isDigit(byte) { throw Malformed() }
    return n
  }

  /// RFC 2045 `value`: a token or a quoted string.
  private mutating func value() throws -> String {
    if peek == UInt8(ascii: "\"") { return try quotedString() }
    let start = index
    while let byte = peek, Self.isToken(byte) { index += 1 }
    guard index > start else { throw Malformed() }
    return String(decoding: bytes[start..<index], as: UTF8.self)
  }

  /// A property value: a quoted string, or a run of visible characters (which covers
  /// `local-part@domain`, `@domain` and base64), or a quoted local part and its domain
  /// (`"a b"@example.org`).
  private mutating func propertyValue() throws -> String {
    var out: [UInt8] = []
    if peek == UInt8(ascii: "\"") {
      out = Array(try quotedString().utf8)
      guard peek == UInt8(ascii: "@") else { return String(decoding: out, as: UTF8.self) }
    }
    let start = index
    while let byte = peek, Self.isPropertyValue(byte) { index += 1 }
    guard index > start || !out.isEmpty, peek != UInt8(ascii: "\"") else { throw Malformed() }
    out += bytes[start..<index]
    return String(decoding: out, as: UTF8.self)
  }

  private mutating func quotedString() throws -> String {
    try expect(UInt8(ascii: "\""))
    var out: [UInt8] = []
    while true {
      guard let byte = peek else { throw Malformed() }
      index += 1
      switch byte {
      case UInt8(ascii: "\""):
        return String(decoding: out, as: UTF8.self)
      case UInt8(ascii: "\\"):
        guard let quoted = peek else { throw Malformed() }
        out.append(quoted)
        index += 1
      default:
        out.append(byte)
      }
    }
  }

  // MARK: - Character classes

  private static func isSpace(_ b: UInt8) -> Bool {
    b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0A
  }

  private static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

  private static func isKeyword(_ b: UInt8) -> Bool {
    isDigit(b) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x2D || b == 0x5F
  }

  /// RFC 2045 token characters; 8-bit bytes allowed for internationalised ids.
  private static func isToken(_ b: UInt8) -> Bool {
    guard b > 0x20, b != 0x7F else { return false }
    return !Array("()<>@,;:\\\"/[]?=".utf8).contains(b)
  }

  private static func isPropertyValue(_ b: UInt8) -> Bool {
    guard b > 0x20, b != 0x7F else { return false }
    return b != UInt8(ascii: ";") && b != UInt8(ascii: "(") && b != UInt8(ascii: ")")
      && b != UInt8(ascii: "\\") && b != UInt8(ascii: "\"")
  }
}
