extension MIMEParameters {
  /// Python's rendering (`str(header)`) and leading token of a value that takes none of the
  /// grammar's rarer paths, read straight from its bytes; nil for anything else, which then
  /// goes through the full header grammar.
  ///
  /// Nearly every Content-Type and Content-Disposition in mail is `type/subtype` or a token,
  /// then `; name=token` or `; name="text"` pairs: printable ASCII and blanks only, no comment,
  /// no backslash, no RFC 2231 `*`, no encoded word, no repeated name. For those the parse tree
  /// renders as the head copied as written, then `;` and ` name="value"` pairs joined by `; `
  /// (a pair with an empty value as the bare name). Building and rendering that tree was the
  /// largest cost of parsing a message; `MIMEParametersTests` checks this path against the
  /// grammar on every shape it accepts and on the near misses it must refuse.
  static func plainRendering(_ value: String, asDisposition: Bool) -> (
    rendered: String, token: String
  )? {
    var value = value
    return value.withUTF8 { plainRendering($0, asDisposition: asDisposition) }
  }

  private static func plainRendering(_ v: UnsafeBufferPointer<UInt8>, asDisposition: Bool) -> (
    rendered: String, token: String
  )? {
    let n = v.count
    var i = 0
    func skipBlanks() { while i < n, v[i] == 0x20 || v[i] == 0x09 { i += 1 } }
    func run(_ allowed: (UInt8) -> Bool) -> Range<Int>? {
      let start = i
      while i < n, allowed(v[i]) { i += 1 }
      return i > start ? start..<i : nil
    }
    skipBlanks()
    guard let first = run(isTokenByte) else { return nil }
    skipBlanks()
    if i < n, v[i] == UInt8(ascii: "/") {
      // Content-Disposition's grammar reads a "/" as junk.
      guard !asDisposition else { return nil }
      i += 1
      skipBlanks()
      guard run(isTokenByte) != nil else { return nil }
      skipBlanks()
    }
    let headEnd = i
    var pairs: [(name: Range<Int>, value: Range<Int>)] = []
    if i < n {
      guard v[i] == UInt8(ascii: ";") else { return nil }
      i += 1
      skipBlanks()
      while i < n {
        guard let name = run(isAttributeByte) else { return nil }
        skipBlanks()
        guard i < n, v[i] == UInt8(ascii: "=") else { return nil }
        i += 1
        skipBlanks()
        let text: Range<Int>
        if i < n, v[i] == UInt8(ascii: "\"") {
          i += 1
          let start = i
          while i < n, v[i] != UInt8(ascii: "\"") {
            // A backslash quotes, "=?" may start an encoded word, a control is a defect.
            let b = v[i]
            guard b == 0x09 || (b >= 0x20 && b < 0x7F && b != UInt8(ascii: "\\")),
              !(b == UInt8(ascii: "=") && i + 1 < n && v[i + 1] == UInt8(ascii: "?"))
            else { return nil }
            i += 1
          }
          guard i < n else { return nil }
          text = start..<i
          i += 1
        } else {
          guard let token = run(isValueByte) else { return nil }
          text = token
        }
        for pair in pairs where v[pair.name].elementsEqual(v[name]) { return nil }
        pairs.append((name, text))
        skipBlanks()
        guard i < n else { break }
        guard v[i] == UInt8(ascii: ";") else { return nil }
        i += 1
        skipBlanks()
      }
    }
    var out: [UInt8] = []
    out.reserveCapacity(n + 4 * pairs.count + 2)
    out.append(contentsOf: v[0..<headEnd])
    if headEnd < n {
      out.append(UInt8(ascii: ";"))
      for (k, pair) in pairs.enumerated() {
        out.append(contentsOf: k == 0 ? [0x20] : [UInt8(ascii: ";"), 0x20])
        out.append(contentsOf: v[pair.name])
        guard !pair.value.isEmpty else { continue }
        out.append(contentsOf: [UInt8(ascii: "="), UInt8(ascii: "\"")])
        out.append(contentsOf: v[pair.value])
        out.append(UInt8(ascii: "\""))
      }
    }
    let token = String(decoding: v[first], as: UTF8.self).lowercased()
    return (String(decoding: out, as: UTF8.self), token)
  }

  /// Printable ASCII outside Python's `TSPECIALS` (`ttext`).
  private static func isTokenByte(_ b: UInt8) -> Bool {
    b > 0x20 && b < 0x7F && !HeaderValueParser.tokenEnds.contains(b)
  }

  /// `attrtext`: also without `*`, `'` and `%`.
  private static func isAttributeByte(_ b: UInt8) -> Bool {
    b > 0x20 && b < 0x7F && !HeaderValueParser.attributeEnds.contains(b)
  }

  /// `extended-attrtext`, the grammar of an unquoted value: `%` allowed again.
  private static func isValueByte(_ b: UInt8) -> Bool {
    b > 0x20 && b < 0x7F && !HeaderValueParser.extendedAttributeEnds.contains(b)
  }
}
