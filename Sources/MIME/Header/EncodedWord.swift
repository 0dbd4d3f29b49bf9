/// `email._encoded_words.decode`: one RFC 2047 word `=?charset*lang?cte?text?=` to text.
enum EncodedWord {
  /// Raised where Python's `decode` raises ValueError or KeyError (wrong number of "?" fields,
  /// a CTE other than Q or B); the caller then treats the word as plain text.
  struct Malformed: Error {}

  /// Decodes the word whose inner part (between "=?" and "?=") is `inner`. The result carries
  /// undecodable bytes as escaped scalars (see `PythonText`), resolved by a final sanitize.
  static func decode(_ inner: ArraySlice<Unicode.Scalar>) throws(Malformed) -> String {
    // `ew.split("?")` must give charset, cte and text: exactly two "?" in `inner`.
    guard let q1 = inner.firstIndex(of: "?"),
      let q2 = inner[(q1 + 1)...].firstIndex(of: "?"),
      !inner[(q2 + 1)...].contains("?")
    else { throw Malformed() }
    let fields = [inner[..<q1], inner[(q1 + 1)..<q2], inner[(q2 + 1)...]]
    let charset = PythonText.string(fields[0].prefix(while: { $0 != "*" }))
    // The CTE lowercased (ASCII only, as `str.lower` on the two names that matter).
    let cte = fields[1].count == 1 ? PythonText.asciiLower(PythonText.string(fields[1])) : ""
    // Python cannot pass a codec name with a NUL to C (ValueError: the word is malformed),
    // unless the name also holds a raw byte, whose UnicodeEncodeError comes first.
    if charset.unicodeScalars.contains("\0"), charset.unicodeScalars.allSatisfy(\.isASCII) {
      throw Malformed()
    }
    let encoded = PythonText.headerBytes(fields[2])
    let bytes: [UInt8]
    switch cte {
    case "q": bytes = decodeQ(encoded)
    case "b": bytes = PythonBase64.decodeB(encoded).bytes
    default: throw Malformed()
    }
    // A codec Python does not know decodes as ASCII with the other bytes escaped.
    do {
      return try Charset.decodeEscaping(bytes, charset: charset)
        ?? Charset.decodeEscaping(bytes, charset: "ascii")!
    } catch {
      throw Malformed()
    }
  }

  /// `decode_q`: "_" is a space, "=XX" (either case) a byte, everything else literal.
  static func decodeQ(_ encoded: [UInt8]) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(encoded.count)
    var i = 0
    while i < encoded.count {
      let b = encoded[i]
      if b == UInt8(ascii: "="), i + 2 < encoded.count, let hi = hex(encoded[i + 1]),
        let lo = hex(encoded[i + 2])
      {
        out.append(hi << 4 | lo)
        i += 3
      } else {
        out.append(b == UInt8(ascii: "_") ? UInt8(ascii: " ") : b)
        i += 1
      }
    }
    return out
  }

  private static func hex(_ b: UInt8) -> UInt8? {
    switch b {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): return b - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): return b - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): return b - UInt8(ascii: "A") + 10
    default: return nil
    }
  }
}
