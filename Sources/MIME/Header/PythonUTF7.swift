/// CPython's UTF-7 decoder (`PyUnicode_DecodeUTF7Stateful`), reproduced because glibc's
/// UTF-7 is stricter (it rejects directly written characters such as "\" that Python accepts)
/// and Python's error ranges decide whether an encoded word is decoded at all.
enum PythonUTF7 {
  static func decode(_ bytes: [UInt8], errors: IconvDecoder.ErrorMode) throws(Charset
    .UndecodableASCII) -> String
  {
    var out = String.UnicodeScalarView()
    var inShift = false
    var bits = 0
    var buffer: UInt64 = 0
    var surrogate: UInt32 = 0
    var start = 0
    var s = 0
    let e = bytes.count

    func isBase64(_ c: UInt8) -> Bool {
      (0x41...0x5A).contains(c) || (0x61...0x7A).contains(c) || (0x30...0x39).contains(c)
        || c == 0x2B || c == 0x2F
    }
    func fromBase64(_ c: UInt8) -> UInt64 {
      switch c {
      case 0x41...0x5A: return UInt64(c - 0x41)
      case 0x61...0x7A: return UInt64(c - 0x61 + 26)
      case 0x30...0x39: return UInt64(c - 0x30 + 52)
      case 0x2B: return 62
      default: return 63
      }
    }
    func isDirect(_ c: UInt8) -> Bool { c <= 127 && c != 0x2B }
    func write(_ v: UInt32) { out.append(Unicode.Scalar(v) ?? "\u{FFFD}") }
    /// Python's error handler for bytes[from..<to]; decoding resumes at `to`.
    func fail(_ from: Int, _ to: Int) throws(Charset.UndecodableASCII) {
      if errors == .replace {
        out.append("\u{FFFD}")
        return
      }
      for b in bytes[from..<to] {
        guard b >= 0x80 else { throw Charset.UndecodableASCII() }
        out.append(PythonText.escaped(b))
      }
    }

    while true {
      while s < e {
        let ch = bytes[s]
        if inShift {
          if isBase64(ch) {
            buffer = (buffer << 6) | fromBase64(ch)
            bits += 6
            s += 1
            if bits >= 16 {
              let outCh = UInt32(truncatingIfNeeded: buffer >> UInt64(bits - 16))
              bits -= 16
              buffer &= (1 << UInt64(bits)) - 1
              if surrogate != 0 {
                if (0xDC00...0xDFFF).contains(outCh) {
                  write(0x10000 + ((surrogate - 0xD800) << 10) + (outCh - 0xDC00))
                  surrogate = 0
                  continue
                }
                write(surrogate)
                surrogate = 0
              }
              if (0xD800...0xDBFF).contains(outCh) {
                surrogate = outCh
              } else {
                write(outCh)
              }
            }
          } else {
            inShift = false
            if bits > 0 {
              if bits >= 6 || buffer != 0 {
                // A partial character or non-zero padding bits: the error covers the shift.
                s += 1
                try fail(start, s)
                continue
              }
            }
            if surrogate != 0 && isDirect(ch) { write(surrogate) }
            surrogate = 0
            if ch == 0x2D { s += 1 }
          }
        } else if ch == 0x2B {
          start = s
          s += 1
          if s < e && bytes[s] == 0x2D {
            s += 1
            out.append("+")
          } else if s < e && !isBase64(bytes[s]) {
            s += 1
            try fail(start, s)
          } else {
            inShift = true
            surrogate = 0
            bits = 0
            buffer = 0
          }
        } else if isDirect(ch) {
          s += 1
          out.append(Unicode.Scalar(ch))
        } else {
          start = s
          s += 1
          try fail(start, s)
        }
      }
      // End of input inside a shift sequence in an inconsistent state is an error.
      guard inShift else { break }
      inShift = false
      guard surrogate != 0 || bits >= 6 || (bits > 0 && buffer != 0) else { break }
      s = e
      try fail(start, e)
      break
    }
    return String(out)
  }
}
