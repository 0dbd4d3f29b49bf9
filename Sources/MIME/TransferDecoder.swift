/// Content-Transfer-Encoding decoders with Python's exact leniency
/// (`email.message.Message.get_payload(decode=True)` and `binascii`).
public enum TransferDecoder {
  public struct Result: Sendable {
    public var bytes: [UInt8]
    /// Damage found while decoding (base64 padding, alphabet, length).
    public var defects: [MIMEDefect.Kind]
  }

  /// Decodes `body` for a mechanism token as produced by
  /// `TransferEncoding.mechanism`; unknown mechanisms return the bytes as is.
  public static func decode<C: Collection>(_ body: C, mechanism: String) -> Result
  where C.Element == UInt8 {
    switch mechanism {
    case "base64":
      let joined =
        body.withContiguousStorageIfAvailable(withoutLineBreaks)
        ?? Array(body).withUnsafeBufferPointer(withoutLineBreaks)
      return decodeBase64Lenient(joined)
    case "quoted-printable":
      let decoded =
        body.withContiguousStorageIfAvailable(decodeQuotedPrintable)
        ?? Array(body).withUnsafeBufferPointer(decodeQuotedPrintable)
      return Result(bytes: decoded, defects: [])
    case "x-uuencode", "uuencode", "uue", "x-uue":
      let raw = Array(body)
      return Result(bytes: decodeUU(raw) ?? raw, defects: [])
    default:
      return Result(bytes: Array(body), defects: [])
    }
  }

  // MARK: base64

  /// The bytes without CR and LF (over a buffer: the generic loop was a visible cost).
  private static func withoutLineBreaks(_ body: UnsafeBufferPointer<UInt8>) -> [UInt8] {
    [UInt8](unsafeUninitializedCapacity: body.count) { out, count in
      guard let src = body.baseAddress, let dst = out.baseAddress else {
        count = 0
        return
      }
      var n = 0
      var i = 0
      let ones: UInt64 = 0x0101_0101_0101_0101
      let highs: UInt64 = 0x8080_8080_8080_8080
      while i < body.count {
        // Eight bytes at a time while none of them is a CR or an LF (the SWAR zero-byte test
        // on the word XORed with each), then one byte.
        while i + 8 <= body.count {
          let word = UnsafeRawPointer(src + i).loadUnaligned(as: UInt64.self)
          let cr = word ^ (ones &* UInt64(ASCII.cr))
          let lf = word ^ (ones &* UInt64(ASCII.lf))
          guard ((cr &- ones) & ~cr | (lf &- ones) & ~lf) & highs == 0 else { break }
          UnsafeMutableRawPointer(dst + n).storeBytes(of: word, as: UInt64.self)
          n += 8
          i += 8
        }
        guard i < body.count else { break }
        let b = src[i]
        i += 1
        if b != ASCII.cr && b != ASCII.lf {
          dst[n] = b
          n += 1
        }
      }
      count = n
    }
  }

  /// `email._encoded_words.decode_b`: strict with padding fixed, then lax,
  /// then lax with extra padding, else the input undecoded.
  static func decodeBase64Lenient(_ encoded: [UInt8]) -> Result {
    let padError = encoded.count % 4
    // Nothing to pad: the strict attempt reads the input itself, not a padded copy.
    if padError == 0, let out = a2bBase64(encoded, strict: true) {
      return Result(bytes: out, defects: [])
    }
    let missing = padError == 0 ? 0 : 4 - padError
    var padded = encoded
    // b'==='[:4-pad_err]
    padded.append(contentsOf: repeatElement(UInt8(ascii: "="), count: min(3, missing)))
    if let out = a2bBase64(padded, strict: true) {
      return Result(bytes: out, defects: padError != 0 ? [.invalidBase64Padding] : [])
    }
    if let out = a2bBase64(encoded, strict: false) {
      return Result(bytes: out, defects: [.invalidBase64Characters])
    }
    if let out = a2bBase64(encoded + Array("==".utf8), strict: false) {
      return Result(bytes: out, defects: [.invalidBase64Characters, .invalidBase64Padding])
    }
    return Result(bytes: encoded, defects: [.invalidBase64Length])
  }

  /// `binascii.a2b_base64(data, strict_mode=strict)` of CPython 3.11; nil on error.
  static func a2bBase64(_ data: [UInt8], strict: Bool) -> [UInt8]? {
    if strict && data.first == UInt8(ascii: "=") { return nil }
    var failed = false
    let table = PythonBase64.table
    let out = [UInt8](unsafeUninitializedCapacity: data.count / 4 * 3 + 3) { out, count in
      data.withUnsafeBufferPointer { buf in
        table.withUnsafeBufferPointer { alphabet in
          var written = 0
          var quadPos = 0
          var leftChar: UInt8 = 0
          var pads = 0
          var paddingStarted = false
          let n = buf.count
          var i = 0
          while i < n {
            // Four alphabet characters at a quad boundary: the common case, done at once
            // (the same steps as the per-character path below).
            if quadPos == 0, i + 4 <= n, !(strict && paddingStarted) {
              let a = alphabet[Int(buf[i])]
              let b = alphabet[Int(buf[i + 1])]
              let c = alphabet[Int(buf[i + 2])]
              let d = alphabet[Int(buf[i + 3])]
              if (a | b | c | d) < 64 {
                out[written] = (a << 2) | (b >> 4)
                out[written + 1] = (b << 4) | (c >> 2)
                out[written + 2] = (c << 6) | d
                written += 3
                pads = 0
                i += 4
                continue
              }
            }
            let ch = buf[i]
            i += 1
            if ch == UInt8(ascii: "=") {
              paddingStarted = true
              if strict && quadPos == 0 {
                failed = true
                break
              }
              if quadPos >= 2 {
                pads += 1
                if quadPos + pads >= 4 {
                  if strict && i < n { failed = true }
                  count = written
                  return
                }
              }
              continue
            }
            let v = alphabet[Int(ch)]
            if v >= 64 {
              if strict {
                failed = true
                break
              }
              continue
            }
            if strict && paddingStarted {
              failed = true
              break
            }
            pads = 0
            switch quadPos {
            case 0:
              quadPos = 1
              leftChar = v
            case 1:
              quadPos = 2
              out[written] = (leftChar << 2) | (v >> 4)
              written += 1
              leftChar = v & 0x0F
            case 2:
              quadPos = 3
              out[written] = (leftChar << 4) | (v >> 2)
              written += 1
              leftChar = v & 0x03
            default:
              quadPos = 0
              out[written] = (leftChar << 6) | v
              written += 1
              leftChar = 0
            }
          }
          if quadPos != 0 { failed = true }
          count = written
        }
      }
    }
    return failed ? nil : out
  }

  // MARK: quoted-printable

  private static func hexValue(_ c: UInt8) -> UInt8? {
    switch c {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
    case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
    case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
    default: nil
    }
  }

  /// `binascii.a2b_qp(data)` of CPython 3.11.
  static func decodeQuotedPrintable(_ data: [UInt8]) -> [UInt8] {
    data.withUnsafeBufferPointer(decodeQuotedPrintable)
  }

  /// The same over a buffer, written straight into the output (never longer than the input).
  private static func decodeQuotedPrintable(_ data: UnsafeBufferPointer<UInt8>) -> [UInt8] {
    [UInt8](unsafeUninitializedCapacity: data.count) { out, count in
      var written = 0
      let n = data.count
      var i = 0
      while i < n {
        let c = data[i]
        guard c == UInt8(ascii: "=") else {
          out[written] = c
          written += 1
          i += 1
          continue
        }
        i += 1
        if i >= n { break }
        let d = data[i]
        if d == ASCII.lf || d == ASCII.cr {
          if d != ASCII.lf {
            while i < n && data[i] != ASCII.lf { i += 1 }
          }
          if i < n { i += 1 }
        } else if d == UInt8(ascii: "=") {
          out[written] = UInt8(ascii: "=")
          written += 1
          i += 1
        } else if i + 1 < n, let hi = hexValue(d), let lo = hexValue(data[i + 1]) {
          out[written] = hi << 4 | lo
          written += 1
          i += 2
        } else {
          out[written] = UInt8(ascii: "=")
          written += 1
        }
      }
      count = written
    }
  }

  // MARK: uuencode

  /// `email.message._decode_uu`; nil where Python raises ValueError.
  static func decodeUU(_ data: [UInt8]) -> [UInt8]? {
    let lines = splitLines(data)
    var index = 0
    var found = false
    while index < lines.count {
      let line = lines[index]
      index += 1
      if line.starts(with: "begin ".utf8) {
        let rest = line.dropFirst(6)
        let mode =
          rest.split(separator: UInt8(ascii: " "), maxSplits: 1, omittingEmptySubsequences: false)
          .first ?? []
        if isOctalInt(mode) {
          found = true
          break
        }
      }
    }
    guard found else { return nil }
    var out: [UInt8] = []
    while index < lines.count {
      let line = lines[index]
      index += 1
      if line.isEmpty { return nil }
      if trimUUBlanks(line).elementsEqual("end".utf8) { break }
      if let decoded = a2bUU(line) {
        out.append(contentsOf: decoded)
      } else {
        let nbytes = ((Int(line[line.startIndex] &- 32) & 63) * 4 + 5) / 3
        guard let decoded = a2bUU(line.prefix(nbytes)) else { return nil }
        out.append(contentsOf: decoded)
      }
    }
    return out
  }

  private static func trimUUBlanks(_ s: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
    // Called for every line: a switch, not a Set built each time.
    func isBlank(_ b: UInt8) -> Bool {
      switch b {
      case 0x20, 0x09, 0x0D, 0x0A, 0x0C: true
      default: false
      }
    }
    var s = s
    while let f = s.first, isBlank(f) { s.removeFirst() }
    while let l = s.last, isBlank(l) { s.removeLast() }
    return s
  }

  /// Python's `int(s, 8)` acceptance.
  private static func isOctalInt(_ s: ArraySlice<UInt8>) -> Bool {
    var s = s
    let ws: Set<UInt8> = [0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D]
    while let f = s.first, ws.contains(f) { s.removeFirst() }
    while let l = s.last, ws.contains(l) { s.removeLast() }
    if let f = s.first, f == UInt8(ascii: "+") || f == UInt8(ascii: "-") { s.removeFirst() }
    if s.count >= 2, s.first == UInt8(ascii: "0"),
      s[s.startIndex + 1] == UInt8(ascii: "o") || s[s.startIndex + 1] == UInt8(ascii: "O")
    {
      s.removeFirst(2)
      if s.first == UInt8(ascii: "_") { s.removeFirst() }
    }
    guard !s.isEmpty, s.last != UInt8(ascii: "_") else { return false }
    var previousUnderscore = true
    for b in s {
      if b == UInt8(ascii: "_") {
        if previousUnderscore { return false }
        previousUnderscore = true
      } else if b >= UInt8(ascii: "0") && b <= UInt8(ascii: "7") {
        previousUnderscore = false
      } else {
        return false
      }
    }
    return true
  }

  /// `bytes.splitlines()`: on CRLF, CR and LF, terminators dropped.
  static func splitLines(_ data: [UInt8]) -> [ArraySlice<UInt8>] {
    var lines: [ArraySlice<UInt8>] = []
    var start = 0
    var i = 0
    let n = data.count
    while i < n {
      let b = data[i]
      if b == ASCII.lf || b == ASCII.cr {
        lines.append(data[start..<i])
        if b == ASCII.cr && i + 1 < n && data[i + 1] == ASCII.lf { i += 1 }
        start = i + 1
      }
      i += 1
    }
    if start < n { lines.append(data[start..<n]) }
    return lines
  }

  /// `binascii.a2b_uu` of CPython 3.11; nil on "Illegal char"/"Trailing garbage".
  static func a2bUU(_ line: ArraySlice<UInt8>) -> [UInt8]? {
    guard let first = line.first else { return [] }
    var binLen = Int((first &- 0x20) & 0o77)
    var out: [UInt8] = []
    out.reserveCapacity(binLen)
    var i = line.startIndex + 1
    var leftChar = 0
    var leftBits = 0
    while binLen > 0 {
      var ch: Int
      if i >= line.endIndex || line[i] == ASCII.lf || line[i] == ASCII.cr {
        ch = 0
      } else {
        let c = line[i]
        if c < 0x20 || c > 0x20 + 64 { return nil }
        ch = Int((c &- 0x20) & 0o77)
      }
      leftChar = (leftChar << 6) | ch
      leftBits += 6
      if leftBits >= 8 {
        leftBits -= 8
        out.append(UInt8((leftChar >> leftBits) & 0xFF))
        leftChar &= (1 << leftBits) - 1
        binLen -= 1
      }
      i += 1
    }
    while i < line.endIndex {
      let c = line[i]
      if c != 0x20 && c != 0x20 + 64 && c != ASCII.lf && c != ASCII.cr { return nil }
      i += 1
    }
    return out
  }
}
