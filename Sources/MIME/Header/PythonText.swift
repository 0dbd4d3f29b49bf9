/// Python `str` semantics the header layer has to mirror exactly.
///
/// Python's email package works on code-point strings in which undecodable bytes are carried
/// as lone surrogates (U+DC80...U+DCFF, "surrogateescape") and turned into UTF-8 with
/// replacement only at the very end (`utils._sanitize`, the oracle's `clean`). Swift strings
/// cannot hold lone surrogates, so an escaped byte `b` is carried as the private-use scalar
/// U+10FF00 + b instead and resolved by `sanitize`. A real U+10FF80...U+10FFFF in a header is
/// therefore read back as raw bytes; those scalars are unassigned and do not occur in mail.
enum PythonText {
  /// First scalar of the range that stands for surrogate-escaped bytes 0x80...0xFF.
  static let escapeBase: UInt32 = 0x10_FF00

  /// The scalar that carries the undecodable byte `byte` (0x80...0xFF).
  static func escaped(_ byte: UInt8) -> Unicode.Scalar {
    Unicode.Scalar(escapeBase + UInt32(byte))!
  }

  /// The raw byte an escaped scalar stands for, or nil for an ordinary scalar.
  static func escapedByte(_ scalar: Unicode.Scalar) -> UInt8? {
    let v = scalar.value
    guard v >= escapeBase + 0x80, v <= escapeBase + 0xFF else { return nil }
    return UInt8(v - escapeBase)
  }

  /// `utils._sanitize`: escaped bytes back to bytes, the whole read as UTF-8 with replacement
  /// (so escaped bytes of adjacent encoded words can join into one character, as in Python).
  static func sanitize(_ s: String) -> String {
    guard s.unicodeScalars.contains(where: { escapedByte($0) != nil }) else { return s }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(s.utf8.count)
    for scalar in s.unicodeScalars {
      if let b = escapedByte(scalar) {
        bytes.append(b)
      } else {
        bytes.append(contentsOf: String(scalar).utf8)
      }
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  /// The bytes Python had for a header string: every scalar of a header value that is not ASCII
  /// came from a raw 8-bit byte (BytesParser reads headers as ASCII + surrogateescape), and the
  /// caller handed it to us decoded as UTF-8, so re-encoding as UTF-8 restores those bytes.
  static func headerBytes<S: Sequence>(_ scalars: S) -> [UInt8] where S.Element == Unicode.Scalar {
    var out: [UInt8] = []
    out.reserveCapacity(scalars.underestimatedCount)
    for scalar in scalars {
      if let b = escapedByte(scalar) {
        out.append(b)
      } else if scalar.isASCII {
        out.append(UInt8(scalar.value))
      } else {
        out.append(contentsOf: String(scalar).utf8)
      }
    }
    return out
  }

  /// The byte of two hexadecimal digits (either case), or nil.
  static func hexByte(_ hi: Unicode.Scalar, _ lo: Unicode.Scalar) -> UInt8? {
    func digit(_ c: Unicode.Scalar) -> UInt8? {
      switch c {
      case "0"..."9": return UInt8(c.value - 0x30)
      case "a"..."f": return UInt8(c.value - 0x61 + 10)
      case "A"..."F": return UInt8(c.value - 0x41 + 10)
      default: return nil
      }
    }
    guard let h = digit(hi), let l = digit(lo) else { return nil }
    return h << 4 | l
  }

  /// Python `str.isspace()`: Unicode White_Space plus the separators U+001C...U+001F.
  static func isSpace(_ c: Unicode.Scalar) -> Bool {
    switch c.value {
    case 0x09...0x0D, 0x1C...0x20: return true
    case 0...0x7F: return false
    default: return c.properties.isWhitespace
    }
  }

  /// Python `str.strip()` with no argument.
  static func strip(_ s: String) -> String {
    // Nearly every caller passes text with nothing to strip: no copy then.
    guard let first = s.unicodeScalars.first, let last = s.unicodeScalars.last,
      isSpace(first) || isSpace(last)
    else { return s }
    let scalars = Array(s.unicodeScalars)
    var lo = 0
    var hi = scalars.count
    while lo < hi, isSpace(scalars[lo]) { lo += 1 }
    while hi > lo, isSpace(scalars[hi - 1]) { hi -= 1 }
    return string(scalars[lo..<hi])
  }

  /// A String of the scalars, built through one UTF-8 buffer: appending collections to a
  /// `String.UnicodeScalarView` copies the whole string each time (quadratic on long values).
  static func string(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
    // The common case, written straight into the String's storage: no buffer in between,
    // and no allocation at all for a short (small-string) result.
    String(unsafeUninitializedCapacity: scalars.count * 4) { buffer in
      var n = 0
      for c in scalars {
        if c.value < 0x80 {
          buffer[n] = UInt8(truncatingIfNeeded: c.value)
          n += 1
        } else {
          UTF8.encode(c) { byte in
            buffer[n] = byte
            n += 1
          }
        }
      }
      return n
    }
  }

  static func string(_ scalars: [Unicode.Scalar]) -> String { string(scalars[...]) }

  static func string<S: Sequence>(_ scalars: S) -> String where S.Element == Unicode.Scalar {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(scalars.underestimatedCount)
    for c in scalars {
      if c.value < 0x80 {
        bytes.append(UInt8(c.value))
      } else {
        UTF8.encode(c) { bytes.append($0) }
      }
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  /// `len(s.split()) > 1` without building the fields.
  static func hasSeveralFields<C: Collection>(_ scalars: C) -> Bool
  where C.Element == Unicode.Scalar {
    var fields = 0
    var inField = false
    for c in scalars {
      if isSpace(c) {
        inField = false
      } else if !inField {
        inField = true
        fields += 1
        if fields > 1 { return true }
      }
    }
    return false
  }

  /// Python `str.split()` with no argument: runs of whitespace separate, empty fields dropped.
  static func split(_ s: String) -> [String] {
    var fields: [String] = []
    let scalars = s.unicodeScalars
    var i = scalars.startIndex
    while i < scalars.endIndex {
      guard !isSpace(scalars[i]) else {
        scalars.formIndex(after: &i)
        continue
      }
      var j = i
      while j < scalars.endIndex, !isSpace(scalars[j]) { scalars.formIndex(after: &j) }
      fields.append(String(scalars[i..<j]))
      i = j
    }
    return fields
  }

  /// Python `str.lower()` for the ASCII range (the only range the callers compare).
  static func asciiLower(_ s: String) -> String {
    String(
      String.UnicodeScalarView(
        s.unicodeScalars.map { c in
          (0x41...0x5A).contains(c.value) ? Unicode.Scalar(c.value + 0x20)! : c
        }))
  }

  /// `email._header_value_parser.quote_string`.
  static func quoteString(_ s: String) -> String {
    "\"" + s.replacingAll("\\", with: "\\\\").replacingAll("\"", with: "\\\"") + "\""
  }

  /// `email.utils.unquote`.
  static func unquote(_ s: String) -> String {
    // On UTF-8 bytes: the quotes and brackets are ASCII, so dropping one byte at each end
    // drops exactly the outer characters.
    let utf8 = s.utf8
    guard utf8.count > 1, let first = utf8.first, let last = utf8.last else { return s }
    if first == UInt8(ascii: "\""), last == UInt8(ascii: "\"") {
      let inner = String(decoding: utf8.dropFirst().dropLast(), as: UTF8.self)
      return inner.replacingAll("\\\\", with: "\\").replacingAll("\\\"", with: "\"")
    }
    if first == UInt8(ascii: "<"), last == UInt8(ascii: ">") {
      return String(decoding: utf8.dropFirst().dropLast(), as: UTF8.self)
    }
    return s
  }

  /// `email.utils.quote`.
  static func quote(_ s: String) -> String {
    s.replacingAll("\\", with: "\\\\").replacingAll("\"", with: "\\\"")
  }

  /// Python `int(s)` for a decimal literal: optional sign, ASCII digits with single `_` between
  /// digits, surrounding whitespace allowed. Nil where Python raises ValueError or the value
  /// does not fit (Python would fail later on such a value anyway).
  static func int(_ text: String) -> Int? {
    var scalars = Substring(strip(text)).unicodeScalars[...]
    var negative = false
    if let first = scalars.first, first == "+" || first == "-" {
      negative = first == "-"
      scalars = scalars.dropFirst()
    }
    guard let first = scalars.first, ("0"..."9").contains(first),
      let last = scalars.last, ("0"..."9").contains(last)
    else { return nil }
    var value = 0
    var previousUnderscore = false
    for c in scalars {
      if c == "_" {
        if previousUnderscore { return nil }
        previousUnderscore = true
        continue
      }
      guard ("0"..."9").contains(c) else { return nil }
      previousUnderscore = false
      let (m, o1) = value.multipliedReportingOverflow(by: 10)
      let (a, o2) = m.addingReportingOverflow(Int(c.value - 48))
      if o1 || o2 { return nil }
      value = a
    }
    return negative ? -value : value
  }
}

extension String {
  /// Literal, non-overlapping, left-to-right replacement on Unicode scalars, as Python's
  /// `str.replace` does (Swift's Character-based search would treat combining marks differently).
  func replacingAll(_ target: String, with replacement: String) -> String {
    // Most values hold no quote or backslash at all: answer those without copying.
    if let lead = target.utf8.first, lead < 0x80, !utf8.contains(lead) { return self }
    let hay = Array(unicodeScalars)
    let needle = Array(target.unicodeScalars)
    guard !needle.isEmpty, hay.count >= needle.count else { return self }
    let insert = Array(replacement.unicodeScalars)
    var out: [Unicode.Scalar] = []
    out.reserveCapacity(hay.count)
    var i = 0
    while i < hay.count {
      if i + needle.count <= hay.count, hay[i..<(i + needle.count)].elementsEqual(needle) {
        out += insert
        i += needle.count
      } else {
        out.append(hay[i])
        i += 1
      }
    }
    return PythonText.string(out)
  }
}
