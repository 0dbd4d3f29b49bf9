/// `MimeParameters.params` and `MimeParameters.__str__`: Python renders the parameters of a
/// parsed Content-Type / Content-Disposition back as `name="value"` pairs, RFC 2231 sections
/// already joined and decoded, and `Message.get_param` later re-parses that rendering.
extension HeaderToken {
  /// The (name, value) pairs of a `mime-parameters` token, in first-seen order of the names.
  func parameters() throws(Failure) -> [(String, String)] {
    var order: [String] = []
    var sections: [String: [(Int, HeaderToken)]] = [:]
    for token in children {
      guard !token.isTerminal, token.kind != .comment, token.type.hasSuffix("parameter") else {
        continue
      }
      guard try token.child(0).tokenType() == "attribute" else { continue }
      let name = PythonText.strip(try token.children[0].value())
      if sections[name] == nil {
        order.append(name)
        sections[name] = []
      }
      sections[name]!.append((HeaderValueParser.sectionNumber(token), token))
    }
    var result: [(String, String)] = []
    for name in order {
      // A stable sort, as Python's sorted().
      var parts = sections[name]!.enumerated().sorted {
        $0.element.0 != $1.element.0 ? $0.element.0 < $1.element.0 : $0.offset < $1.offset
      }.map(\.element)
      let firstParam = parts[0].1
      let charset = firstParam.charset
      if !firstParam.extended, parts.count > 1, parts[1].0 == 0 { parts = [parts[0]] }
      var valueParts: [String] = []
      var i = 0
      for (sectionNumber, param) in parts {
        if sectionNumber != i, !param.extended { continue }
        i += 1
        var value = try param.paramValue()
        if param.extended { value = try Self.decodeExtended(value, charset: charset) }
        valueParts.append(value)
      }
      result.append((name, valueParts.joined()))
    }
    return result
  }

  /// `Parameter.param_value`.
  func paramValue() throws(Failure) -> String {
    for token in children {
      let type = try token.tokenType()
      if type == "value" { return try token.valueStrippedValue() }
      if type == "quoted-string" {
        for inner in token.children where try inner.tokenType() == "bare-quoted-string" {
          for v in inner.children where try v.tokenType() == "value" {
            return try v.valueStrippedValue()
          }
        }
      }
    }
    return ""
  }

  /// `Value.stripped_value`.
  func valueStrippedValue() throws(Failure) -> String {
    var token = try child(0)
    if try token.tokenType() == "cfws" { token = try child(1) }
    let type = try token.tokenType()
    if type.hasSuffix("quoted-string") {
      return try token.strippedQuotedValue() ?? ""
    }
    if type.hasSuffix("attribute") || type.hasSuffix("extended-attribute") {
      // `Attribute.stripped_value`: the attrtext child's value.
      for x in token.children where try x.tokenType().hasSuffix("attrtext") {
        return try x.value()
      }
      return ""
    }
    return try value()
  }

  /// `urllib.parse.unquote_to_bytes` then `bytes.decode(charset, "surrogateescape")`, falling
  /// back to ASCII for a charset Python does not know.
  static func decodeExtended(_ value: String, charset: String) throws(Failure) -> String {
    if value.unicodeScalars.contains(where: { PythonText.escapedByte($0) != nil }) {
      // Python cannot UTF-8-encode escaped bytes, and unquotes with Latin-1 instead.
      return MIMEParameters.latin1Unquote(value)
    }
    let bytes = unquoteToBytes(Array(value.utf8))
    // Python's decode raises ValueError for a codec name with a NUL, uncaught here.
    if charset.unicodeScalars.contains("\0"), charset.unicodeScalars.allSatisfy(\.isASCII) {
      throw .crash
    }
    do {
      return try Charset.decodeEscaping(bytes, charset: charset)
        ?? Charset.decodeEscaping(bytes, charset: "us-ascii")!
    } catch {
      // Python's UnicodeDecodeError escapes the parameter rendering.
      throw .crash
    }
  }

  /// `urllib.parse.unquote_to_bytes`: "%XX" (either case) to a byte, the rest unchanged.
  static func unquoteToBytes(_ bytes: [UInt8]) -> [UInt8] {
    func hex(_ b: UInt8) -> UInt8? {
      switch b {
      case 0x30...0x39: return b - 0x30
      case 0x41...0x46: return b - 0x41 + 10
      case 0x61...0x66: return b - 0x61 + 10
      default: return nil
      }
    }
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count)
    var i = 0
    while i < bytes.count {
      if bytes[i] == 0x25, i + 2 < bytes.count, let hi = hex(bytes[i + 1]),
        let lo = hex(bytes[i + 2])
      {
        out.append(hi << 4 | lo)
        i += 3
      } else {
        out.append(bytes[i])
        i += 1
      }
    }
    return out
  }

  /// `MimeParameters.__str__`.
  func renderParameters() throws(Failure) -> String {
    let rendered = try parameters().map { name, value in
      value.isEmpty ? name : name + "=" + PythonText.quoteString(value)
    }.joined(separator: "; ")
    return rendered.isEmpty ? "" : " " + rendered
  }
}
