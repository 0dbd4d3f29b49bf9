/// The oracle's crude HTML-to-text (rule T.3), pass by pass, with the same
/// matching as its Python regular expressions. Works on UTF-8 bytes (every
/// delimiter is ASCII; non-ASCII is decoded only where `\s` or `\b` asks).
/// Linear time: a pass that finds no terminator stops looking for it.
enum HTMLStripper {
  typealias Text = [UInt8]

  static func strip(_ html: String) -> String {
    var s = Array(html.utf8)
    s = deleteScriptAndStyle(s)
    s = deleteComments(s)
    s = replaceBreaks(s)
    s = replaceBlockEnds(s)
    s = deleteTags(s)
    s = replaceEntities(s)
    return String(decoding: s, as: UTF8.self)
  }

  /// Case-insensitive match of an ASCII lowercase `word` at `i`.
  private static func hasWord(_ s: Text, _ i: Int, _ word: StaticString) -> Bool {
    let n = word.utf8CodeUnitCount
    guard i + n <= s.count else { return false }
    let w = word.utf8Start
    for k in 0..<n where ASCII.lower(s[i + k]) != w[k] { return false }
    return true
  }

  /// The scalar whose UTF-8 encoding starts at `i` (the input is valid UTF-8).
  private static func scalar(_ s: Text, _ i: Int) -> (Unicode.Scalar, Int) {
    let b = s[i]
    let (n, initial): (Int, UInt32) =
      b < 0xE0 ? (2, UInt32(b & 0x1F)) : b < 0xF0 ? (3, UInt32(b & 0x0F)) : (4, UInt32(b & 0x07))
    var v = initial
    for k in 1..<n where i + k < s.count { v = v << 6 | UInt32(s[i + k] & 0x3F) }
    return (Unicode.Scalar(v) ?? "\u{FFFD}", n)
  }

  /// Past Python's `\s*` (Unicode whitespace) from `i`.
  private static func skipSpace(_ s: Text, _ i: Int) -> Int {
    var i = i
    while i < s.count {
      let b = s[i]
      if b < 0x80 {
        guard ASCII.isPythonSpace(Unicode.Scalar(b)) else { return i }
        i += 1
      } else {
        let (c, n) = scalar(s, i)
        guard ASCII.isPythonSpace(c) else { return i }
        i += n
      }
    }
    return i
  }

  /// Python's `\w` for the character at `i`.
  private static func isWordChar(_ s: Text, _ i: Int) -> Bool {
    let b = s[i]
    if b < 0x80 {
      return (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || (b >= 0x30 && b <= 0x39)
        || b == 0x5F
    }
    let c = scalar(s, i).0
    return c.properties.isAlphabetic || c.properties.numericType != nil
  }

  private static let lt = UInt8(ascii: "<")
  private static let gt = UInt8(ascii: ">")
  private static let slash = UInt8(ascii: "/")
  private static let amp = UInt8(ascii: "&")

  /// Emits `s[i]` and every byte after it before the next `stop` (or the end), in one copy,
  /// and returns the index reached. A pass calls it where nothing starts at `i`: its matches
  /// all begin with `stop`, so none can start inside the run either.
  private static func copyRun(_ s: Text, from i: Int, upTo stop: UInt8, into out: inout Text)
    -> Int
  {
    var j = i + 1
    while j < s.count && s[j] != stop { j += 1 }
    out.append(contentsOf: s[i..<j])
    return j
  }

  /// `(?is)<(script|style)\b.*?</\1\s*>` deleted.
  static func deleteScriptAndStyle(_ s: Text) -> Text {
    var out: Text = []
    out.reserveCapacity(s.count)
    let names: [StaticString] = ["script", "style"]
    var noClose = [false, false]
    var i = 0
    outer: while i < s.count {
      if s[i] == lt {
        for (n, name) in names.enumerated() where !noClose[n] && hasWord(s, i + 1, name) {
          let after = i + 1 + name.utf8CodeUnitCount
          if after < s.count && isWordChar(s, after) { continue }
          var k = after
          while k + 1 < s.count {
            if s[k] == lt && s[k + 1] == slash && hasWord(s, k + 2, name) {
              let e = skipSpace(s, k + 2 + name.utf8CodeUnitCount)
              if e < s.count && s[e] == gt {
                i = e + 1
                continue outer
              }
            }
            k += 1
          }
          noClose[n] = true
        }
      }
      i = copyRun(s, from: i, upTo: lt, into: &out)
    }
    return out
  }

  /// `(?s)<!--.*?-->` deleted.
  static func deleteComments(_ s: Text) -> Text {
    var out: Text = []
    out.reserveCapacity(s.count)
    var i = 0
    while i < s.count {
      if s[i] == lt && hasWord(s, i + 1, "!--") {
        var k = i + 4
        while k + 2 < s.count && !hasWord(s, k, "-->") { k += 1 }
        if k + 2 < s.count {
          i = k + 3
          continue
        }
        out.append(contentsOf: s[i...])
        return out
      }
      i = copyRun(s, from: i, upTo: lt, into: &out)
    }
    return out
  }

  /// `(?i)<br\s*/?>` replaced by a newline.
  static func replaceBreaks(_ s: Text) -> Text {
    var out: Text = []
    out.reserveCapacity(s.count)
    var i = 0
    while i < s.count {
      if s[i] == lt && hasWord(s, i + 1, "br") {
        var e = skipSpace(s, i + 3)
        if e < s.count && s[e] == slash { e += 1 }
        if e < s.count && s[e] == gt {
          out.append(ASCII.lf)
          i = e + 1
          continue
        }
      }
      i = copyRun(s, from: i, upTo: lt, into: &out)
    }
    return out
  }

  private static let blockNames: [StaticString] = [
    "p", "div", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6", "table", "blockquote",
  ]

  /// `(?i)</(p|div|tr|li|h[1-6]|table|blockquote)\s*>` replaced by a newline.
  static func replaceBlockEnds(_ s: Text) -> Text {
    var out: Text = []
    out.reserveCapacity(s.count)
    var i = 0
    outer: while i < s.count {
      if s[i] == lt && i + 1 < s.count && s[i + 1] == slash {
        for name in blockNames where hasWord(s, i + 2, name) {
          let e = skipSpace(s, i + 2 + name.utf8CodeUnitCount)
          if e < s.count && s[e] == gt {
            out.append(ASCII.lf)
            i = e + 1
            continue outer
          }
        }
      }
      i = copyRun(s, from: i, upTo: lt, into: &out)
    }
    return out
  }

  /// `(?s)<[^>]*>` deleted.
  static func deleteTags(_ s: Text) -> Text {
    var out: Text = []
    out.reserveCapacity(s.count)
    var i = 0
    while i < s.count {
      if s[i] == lt {
        var k = i + 1
        while k < s.count && s[k] != gt { k += 1 }
        if k < s.count {
          i = k + 1
          continue
        }
        out.append(contentsOf: s[i...])
        return out
      }
      i = copyRun(s, from: i, upTo: lt, into: &out)
    }
    return out
  }

  private static let named: [(StaticString, Unicode.Scalar)] = [
    ("amp", "&"), ("lt", "<"), ("gt", ">"), ("quot", "\""), ("apos", "'"), ("nbsp", "\u{A0}"),
  ]

  private static func append(_ c: Unicode.Scalar, to out: inout Text) {
    out.append(contentsOf: String(c).utf8)
  }

  /// `&(#[0-9]+|#[xX][0-9a-fA-F]+|amp|lt|gt|quot|apos|nbsp);` in one pass.
  static func replaceEntities(_ s: Text) -> Text {
    var out: Text = []
    out.reserveCapacity(s.count)
    let semicolon = UInt8(ascii: ";")
    var i = 0
    outer: while i < s.count {
      guard s[i] == amp else {
        i = copyRun(s, from: i, upTo: amp, into: &out)
        continue
      }
      if i + 1 < s.count && s[i + 1] == UInt8(ascii: "#") {
        var k = i + 2
        var hex = false
        if k < s.count && (s[k] == UInt8(ascii: "x") || s[k] == UInt8(ascii: "X")) {
          hex = true
          k += 1
        }
        let digitsStart = k
        var value: UInt32 = 0
        var overflow = false
        while k < s.count {
          let c = s[k]
          let d: UInt32
          if c >= 0x30 && c <= 0x39 {
            d = UInt32(c - 0x30)
          } else if hex && c >= 0x61 && c <= 0x66 {
            d = UInt32(c - 0x61 + 10)
          } else if hex && c >= 0x41 && c <= 0x46 {
            d = UInt32(c - 0x41 + 10)
          } else {
            break
          }
          if value > 0x10FFFF { overflow = true } else { value = value * (hex ? 16 : 10) + d }
          k += 1
        }
        if k > digitsStart && k < s.count && s[k] == semicolon {
          if overflow || value == 0 || value > 0x10FFFF || (0xD800...0xDFFF).contains(value) {
            append("\u{FFFD}", to: &out)
          } else {
            append(Unicode.Scalar(value)!, to: &out)
          }
          i = k + 1
          continue
        }
      } else {
        for (name, scalar) in named where hasExact(s, i + 1, name) {
          let e = i + 1 + name.utf8CodeUnitCount
          if e < s.count && s[e] == semicolon {
            append(scalar, to: &out)
            i = e + 1
            continue outer
          }
        }
      }
      i = copyRun(s, from: i, upTo: amp, into: &out)
    }
    return out
  }

  private static func hasExact(_ s: Text, _ i: Int, _ word: StaticString) -> Bool {
    let n = word.utf8CodeUnitCount
    guard i + n <= s.count else { return false }
    let w = word.utf8Start
    for k in 0..<n where s[i + k] != w[k] { return false }
    return true
  }
}
