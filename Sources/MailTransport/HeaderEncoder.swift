import MIME

/// Builds header fields that cannot be abused: CR, LF and NUL in any value are refused
/// (no header injection), non-ASCII text becomes RFC 2047 encoded-words, and every line
/// is folded at 78 characters (RFC 5322 section 2.2.3).
public enum HeaderEncoder {
  /// The line length folding aims for.
  public static let lineLimit = 78

  /// Refuses a value that could end the header (CR, LF) or that C code would truncate (NUL).
  public static func checkValue(_ value: String, field: String) throws {
    for byte in value.utf8 where byte == 0x0D || byte == 0x0A || byte == 0x00 {
      let name = byte == 0x00 ? "NUL" : byte == 0x0D ? "CR" : "LF"
      throw MailTransportError.invalidHeader(
        field: field, reason: "the value contains \(name), which could inject header lines")
    }
  }

  /// A field name: printable ASCII without colon or space (RFC 5322 `ftext`).
  public static func checkName(_ name: String) throws {
    guard !name.isEmpty, name.utf8.count <= 76,
      name.utf8.allSatisfy({ $0 >= 33 && $0 <= 126 && $0 != UInt8(ascii: ":") })
    else {
      throw MailTransportError.invalidHeader(
        field: name.debugDescription, reason: "not a valid header field name")
    }
  }

  /// `Name: value` for free text (Subject, Comments, extension fields), folded, without
  /// the final CRLF.
  public static func unstructured(_ name: String, _ value: String) throws -> String {
    try checkName(name)
    try checkValue(value, field: name)
    let prefix = name + ": "
    if needsEncoding(value) {
      return fold(prefix: prefix, tokens: encodedWords(value), separator: "")
    }
    let words = value.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
    if words.contains(where: { $0.utf8.count > 900 }) {
      // A word this long cannot be folded and would break the 998-byte line limit.
      return fold(prefix: prefix, tokens: encodedWords(value), separator: "")
    }
    return fold(prefix: prefix, tokens: words, separator: " ")
  }

  /// `Name: a, "B" <b@x>` for an address list, folded between addresses.
  public static func addressList(_ name: String, _ addresses: [MailAddress]) throws -> String {
    try checkName(name)
    var tokens: [String] = []
    for (index, address) in addresses.enumerated() {
      let comma = index < addresses.count - 1 ? "," : ""
      if let displayName = address.displayName {
        var parts = phrase(displayName)
        parts[parts.count - 1] += " " + address.angleAddress + comma
        tokens += parts
      } else {
        tokens.append(address.address + comma)
      }
    }
    return fold(prefix: name + ": ", tokens: tokens, separator: " ")
  }

  /// `Name: <id@host> <id2@host>` for Message-ID, In-Reply-To and References.
  public static func messageIDs(_ name: String, _ ids: [String]) throws -> String {
    try checkName(name)
    for id in ids { try checkMessageID(id, field: name) }
    return fold(prefix: name + ": ", tokens: ids, separator: " ")
  }

  /// `<left@right>` with printable ASCII and no brackets, spaces or quotes inside.
  public static func checkMessageID(_ id: String, field: String) throws {
    try checkValue(id, field: field)
    let bytes = Array(id.utf8)
    guard bytes.count >= 5, bytes.count <= 250, bytes.first == UInt8(ascii: "<"),
      bytes.last == UInt8(ascii: ">"),
      bytes.dropFirst().dropLast().allSatisfy({
        $0 > 32 && $0 < 127 && $0 != UInt8(ascii: "<") && $0 != UInt8(ascii: ">")
          && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\")
      }),
      bytes.contains(UInt8(ascii: "@"))
    else {
      throw MailTransportError.invalidHeader(
        field: field, reason: "\(id.debugDescription) is not a <left@right> message id")
    }
  }

  // MARK: Building blocks

  /// True when `value` cannot go out as plain text: non-ASCII, control characters, or
  /// something a reader would mistake for an encoded-word.
  static func needsEncoding(_ value: String) -> Bool {
    value.utf8.contains { $0 >= 0x7F || ($0 < 0x20 && $0 != 0x09) } || value.contains("=?")
  }

  /// A display name as atoms, a quoted-string or encoded-words; one token per fold point.
  static func phrase(_ name: String) -> [String] {
    if needsEncoding(name) { return encodedWords(name) }
    let plain = name.utf8.allSatisfy { byte in
      byte.isASCIIAlphanumeric || byte == 0x20 || Set("!#$%&'*+-/=?^_`{|}~".utf8).contains(byte)
    }
    if plain { return name.split(separator: " ").map(String.init) }
    var quoted = "\""
    for character in name {
      if character == "\"" || character == "\\" { quoted.append("\\") }
      quoted.append(character)
    }
    return [quoted + "\""]
  }

  /// `=?UTF-8?B?...?=` words of at most 75 characters, never splitting a character.
  static func encodedWords(_ text: String) -> [String] {
    // 75 - "=?UTF-8?B?" - "?=" leaves 63 base64 characters: at most 45 bytes.
    let maximumBytes = 45
    var words: [String] = []
    var chunk: [UInt8] = []
    for character in text {
      let bytes = Array(String(character).utf8)
      if chunk.count + bytes.count > maximumBytes && !chunk.isEmpty {
        words.append("=?UTF-8?B?" + base64(chunk) + "?=")
        chunk = []
      }
      chunk += bytes
    }
    if !chunk.isEmpty || words.isEmpty { words.append("=?UTF-8?B?" + base64(chunk) + "?=") }
    return words
  }

  /// Joins tokens after `prefix`, starting a continuation line (CRLF SP) whenever the
  /// next token would pass the line limit.
  static func fold(prefix: String, tokens: [String], separator: String) -> String {
    var result = prefix
    var lineLength = prefix.utf8.count
    for (index, token) in tokens.enumerated() {
      let glue = index == 0 ? "" : separator
      let length = token.utf8.count
      if index == 0 && lineLength + length > lineLimit && prefix.hasSuffix(" ") {
        // Even the first token does not fit after the name: fold right after the colon.
        result = String(prefix.dropLast()) + "\r\n " + token
        lineLength = 1 + length
      } else if index > 0 && lineLength + glue.utf8.count + length > lineLimit {
        result += "\r\n " + token
        lineLength = 1 + length
      } else {
        result += glue + token
        lineLength += glue.utf8.count + length
      }
    }
    return result
  }

  private static let base64Alphabet = Array(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

  static func base64(_ bytes: [UInt8]) -> String {
    var output: [UInt8] = []
    output.reserveCapacity((bytes.count + 2) / 3 * 4)
    var index = 0
    while index < bytes.count {
      let b0 = bytes[index]
      let b1 = index + 1 < bytes.count ? bytes[index + 1] : 0
      let b2 = index + 2 < bytes.count ? bytes[index + 2] : 0
      output.append(base64Alphabet[Int(b0 >> 2)])
      output.append(base64Alphabet[Int((b0 & 0x03) << 4 | b1 >> 4)])
      output.append(
        index + 1 < bytes.count
          ? base64Alphabet[Int((b1 & 0x0F) << 2 | b2 >> 6)] : UInt8(ascii: "="))
      output.append(index + 2 < bytes.count ? base64Alphabet[Int(b2 & 0x3F)] : UInt8(ascii: "="))
      index += 3
    }
    return String(decoding: output, as: UTF8.self)
  }
}
