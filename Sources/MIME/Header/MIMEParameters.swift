/// A Content-Type or Content-Disposition value seen the way Python's `Message.get_param`,
/// `get_params` and `get_filename` see it under `policy.default`.
///
/// Python does not read parameters from the raw field: its header parser renders the parsed
/// value back to text (`str(header)`: RFC 2231 sections joined and decoded, encoded words
/// decoded even inside quotes, every value re-quoted), and `get_param` splits that text again
/// with the old `_parseparam`. Both steps are reproduced, so quirks of either carry over.
public struct MIMEParameters: Sendable, Hashable {
  /// One parameter after `utils.decode_params`.
  enum Value: Sendable, Hashable {
    /// The value as `decode_params` stores it (quoted).
    case plain(String)
    /// An RFC 2231 value still to be collapsed: charset, language, quoted text.
    case rfc2231(charset: String?, language: String?, text: String)
  }

  /// The part before the first ";" (not lowercased).
  public var value: String
  /// `str(header)`: the value as Python's header object renders it.
  public var rendered: String
  /// `ContentDisposition.content_disposition`: the leading token of the value, stripped and
  /// lowercased, or nil when the value does not start with a token (`is_attachment` compares
  /// this with "attachment").
  public var dispositionToken: String?
  /// True when Python's header parser raises on this value (an exception escapes
  /// `msg.get(...)` in Python, so the oracle reports the field's empty value: no charset,
  /// filename or disposition, not an attachment); `value` is then "", the parameters and
  /// `dispositionToken` nil.
  public var parserRaised: Bool
  /// (name, value) in `get_params` order; the first entry is the value itself.
  var params: [(name: String, value: Value)]

  /// A Content-Type / Content-Disposition value and its parameters, the way Python's Message.get_param /
  /// get_params / get_filename see them (RFC 2231 continuations name*0*, charset'lang'value, and RFC 2047 words inside quotes decoded).
  public static func parse(_ value: String) -> MIMEParameters {
    parse(value, asDisposition: false)
  }

  /// `parse` for a Content-Disposition value. Python parses the two fields with different
  /// grammars; they render differently only when the value is malformed (no ";" after the
  /// disposition type, a "/" in it): then `get_content_disposition` and `get_filename` see
  /// this rendering.
  public static func parse(contentDisposition value: String) -> MIMEParameters {
    parse(value, asDisposition: true)
  }

  static func parse(_ value: String, asDisposition: Bool) -> MIMEParameters {
    if let (rendered, token) = plainRendering(value, asDisposition: asDisposition) {
      return parsed(rendered: rendered, dispositionToken: token)
    }
    return parseWithGrammar(value, asDisposition: asDisposition)
  }

  /// `parse` through Python's whole header grammar, whatever the value.
  static func parseWithGrammar(_ value: String, asDisposition: Bool) -> MIMEParameters {
    let input = HeaderValueParser.input(value)
    var disposition: String?
    if let (token, _) = try? HeaderValueParser.getToken(input), let v = try? token.value() {
      disposition = PythonText.sanitize(PythonText.strip(v)).lowercased()
    }
    var ignored: String?
    guard
      let tree = try? asDisposition
        ? HeaderValueParser.parseContentDisposition(input, disposition: &ignored)
        : HeaderValueParser.parseContentType(input),
      let rendered = try? tree.renderedValue()
    else {
      return MIMEParameters(
        value: "", rendered: "", dispositionToken: nil, parserRaised: true, params: [])
    }
    return parsed(rendered: rendered, dispositionToken: disposition)
  }

  /// What `get_param` and `get_params` read from Python's rendering of the value.
  private static func parsed(rendered: String, dispositionToken: String?) -> MIMEParameters {
    let text = PythonText.sanitize(rendered)
    let head = text.unicodeScalars.prefix(while: { $0 != ";" })
    return MIMEParameters(
      value: PythonText.strip(PythonText.string(head)), rendered: text,
      dispositionToken: dispositionToken, parserRaised: false, params: Self.decodeParams(text))
  }

  /// Case-insensitive parameter lookup, decoded: `Message.get_param(name)` (quotes removed,
  /// an RFC 2231 value collapsed to text); nil when the parameter is absent.
  public subscript(_ name: String) -> String? {
    guard let found = lookup(name) else { return nil }
    switch found {
    case .plain(let v): return PythonText.unquote(v)
    case .rfc2231(let charset, _, let text): return Self.collapse(charset: charset, text: text)
    }
  }

  /// `utils.collapse_rfc2231_value(msg.get_param(name))`: what `get_filename` returns before
  /// its final strip (a plain value is unquoted a second time there).
  public func collapsed(_ name: String) -> String? {
    guard let found = lookup(name) else { return nil }
    switch found {
    case .plain(let v): return PythonText.unquote(PythonText.unquote(v))
    case .rfc2231(let charset, _, let text): return Self.collapse(charset: charset, text: text)
    }
  }

  /// Whether the parameter exists at all (`get_param(name, missing) is not missing`).
  public func contains(_ name: String) -> Bool { lookup(name) != nil }

  public static func == (a: MIMEParameters, b: MIMEParameters) -> Bool {
    a.rendered == b.rendered && a.dispositionToken == b.dispositionToken
      && a.parserRaised == b.parserRaised
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(rendered)
    hasher.combine(dispositionToken)
    hasher.combine(parserRaised)
  }

  private func lookup(_ name: String) -> Value? {
    let wanted = name.lowercased()
    return params.first(where: { $0.name.lowercased() == wanted })?.value
  }

  /// `collapse_rfc2231_value` for a tuple (its text already unquoted by `get_param`).
  static func collapse(charset: String?, text: String) -> String {
    let unquoted = PythonText.unquote(text)
    // `bytes(text, "raw-unicode-escape")`: code points below 256 are the bytes themselves.
    var raw: [UInt8] = []
    for c in unquoted.unicodeScalars {
      if c.value < 256 {
        raw.append(UInt8(c.value))
      } else {
        raw.append(contentsOf: Array(String(format4or8(c)).utf8))
      }
    }
    return Charset.decode(raw, charset: charset ?? "us-ascii") ?? PythonText.unquote(unquoted)
  }

  private static func format4or8(_ c: Unicode.Scalar) -> String {
    let hex = String(c.value, radix: 16)
    return c.value > 0xFFFF
      ? "\\U" + String(repeating: "0", count: 8 - hex.count) + hex
      : "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
  }

  /// `Message._parseparam` on the rendered value.
  ///
  /// Python decides whether a ";" is inside quotes by re-counting `"` and `\"` from the start
  /// of the parameter for every candidate ";" (quadratic in a value full of quoted ";"). The
  /// parity is kept incrementally here: a `\"` pair cannot overlap another, and no pair can
  /// straddle the candidate ";", so the difference of the two counts is the number of `"` not
  /// preceded by a backslash inside the parameter.
  ///
  /// Read on UTF-8 bytes: every character it looks for (`;`, `"`, `\\`, `=`) is ASCII, and an
  /// ASCII byte is always that character, so the cuts fall where the scalars' would.
  static func parseParam(_ text: String) -> [String] {
    let bytes = [UInt8(ascii: ";")] + Array(text.utf8)
    let semicolon = UInt8(ascii: ";")
    var s = bytes[...]
    var plist: [String] = []
    while s.first == semicolon {
      s = s.dropFirst()
      let start = s.startIndex
      var scanned = start
      var unescapedQuotes = 0
      var end = s.firstIndex(of: semicolon)
      while let e = end, e > start {
        while scanned < e {
          if bytes[scanned] == UInt8(ascii: "\""),
            scanned == start || bytes[scanned - 1] != UInt8(ascii: "\\")
          {
            unescapedQuotes += 1
          }
          scanned += 1
        }
        guard unescapedQuotes % 2 != 0 else { break }
        end = s[(e + 1)...].firstIndex(of: semicolon)
      }
      let stop = end ?? s.endIndex
      let field = s[start..<stop]
      var f = String(decoding: field, as: UTF8.self)
      if let eq = field.firstIndex(of: UInt8(ascii: "=")) {
        let name = String(decoding: field[start..<eq], as: UTF8.self)
        let rest = String(decoding: field[(eq + 1)...], as: UTF8.self)
        f = PythonText.strip(name).lowercased() + "=" + PythonText.strip(rest)
      }
      plist.append(PythonText.strip(f))
      s = s[stop...]
    }
    return plist
  }

  /// `Message._get_params_preserve`: split into (name, value), then `utils.decode_params`.
  static func decodeParams(_ text: String) -> [(name: String, value: Value)] {
    let pairs: [(String, String)] = parseParam(text).map { p in
      guard let eq = p.unicodeScalars.firstIndex(of: "=") else { return (PythonText.strip(p), "") }
      return (
        PythonText.strip(String(p.unicodeScalars[p.unicodeScalars.startIndex..<eq])),
        PythonText.strip(String(p.unicodeScalars[p.unicodeScalars.index(after: eq)...]))
      )
    }
    guard let head = pairs.first else { return [] }
    var out: [(name: String, value: Value)] = [(head.0, .plain(head.1))]
    var continuations: [(String, [(Int, String, Bool)])] = []
    for (name, raw) in pairs.dropFirst() {
      let encoded = name.hasSuffix("*")
      let value = PythonText.unquote(raw)
      if let (base, num) = continuation(name) {
        if let i = continuations.firstIndex(where: { $0.0 == base }) {
          continuations[i].1.append((num ?? -1, value, encoded))
        } else {
          continuations.append((base, [(num ?? -1, value, encoded)]))
        }
      } else {
        out.append((name, .plain("\"" + PythonText.quote(value) + "\"")))
      }
    }
    for (name, parts) in continuations {
      var extended = false
      var pieces: [String] = []
      for (_, s, encoded) in parts.sorted(by: { ($0.0, $0.1) < ($1.0, $1.1) }) {
        if encoded {
          pieces.append(latin1Unquote(s))
          extended = true
        } else {
          pieces.append(s)
        }
      }
      let value = PythonText.quote(pieces.joined())
      if extended {
        let fields = value.split(separator: "'", maxSplits: 2, omittingEmptySubsequences: false)
        if fields.count <= 2 {
          out.append((name, .rfc2231(charset: nil, language: nil, text: "\"" + value + "\"")))
        } else {
          out.append(
            (
              name,
              .rfc2231(
                charset: String(fields[0]), language: String(fields[1]),
                text: "\"" + String(fields[2]) + "\"")
            ))
        }
      } else {
        out.append((name, .plain("\"" + value + "\"")))
      }
    }
    return out
  }

  /// `rfc2231_continuation`: `^(\w+)\*(([0-9]+)\*?)?$` (ASCII word characters).
  static func continuation(_ name: String) -> (String, Int?)? {
    guard name.utf8.contains(UInt8(ascii: "*")) else { return nil }
    let scalars = Array(name.unicodeScalars)
    func isWord(_ c: Unicode.Scalar) -> Bool {
      c.isASCII
        && (c == "_" || ("a"..."z").contains(c) || ("A"..."Z").contains(c)
          || ("0"..."9").contains(c))
    }
    var i = 0
    while i < scalars.count, isWord(scalars[i]) { i += 1 }
    guard i > 0, i < scalars.count, scalars[i] == "*" else { return nil }
    let base = PythonText.string(scalars[0..<i])
    let rest = scalars[(i + 1)...]
    if rest.isEmpty { return (base, nil) }
    let digits = rest.prefix(while: { ("0"..."9").contains($0) })
    guard !digits.isEmpty else { return nil }
    let after = rest[digits.endIndex...]
    guard after.isEmpty || (after.count == 1 && after.first == "*") else { return nil }
    return (base, Int(PythonText.string(digits)) ?? Int.max)
  }

  /// `urllib.parse.unquote(s, encoding="latin-1")`: "%XX" escapes become Latin-1 characters.
  static func latin1Unquote(_ s: String) -> String {
    var out = String.UnicodeScalarView()
    let scalars = Array(s.unicodeScalars)
    var i = 0
    while i < scalars.count {
      if scalars[i] == "%", i + 2 < scalars.count,
        let byte = PythonText.hexByte(scalars[i + 1], scalars[i + 2])
      {
        out.append(Unicode.Scalar(byte))
        i += 3
      } else {
        out.append(scalars[i])
        i += 1
      }
    }
    return String(out)
  }
}
