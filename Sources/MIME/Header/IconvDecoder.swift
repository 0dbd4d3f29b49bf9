import Glibc

/// Decoding through glibc iconv, with Python's error handling: at an undecodable byte one
/// replacement (or escaped byte) is emitted and decoding resumes at the next byte.
///
/// An `iconv_t` carries conversion state and is not thread-safe, so every call opens its own
/// descriptor; glibc caches the loaded conversion modules, which keeps `iconv_open` cheap.
enum IconvDecoder {
  /// What to emit for a byte the codec cannot decode.
  enum ErrorMode {
    /// U+FFFD, Python's "replace".
    case replace
    /// The byte itself as an escaped scalar, Python's "surrogateescape".
    case escape
  }

  /// Decodes `bytes` from the iconv charset `name`; nil when glibc does not know it.
  static func decode(_ bytes: [UInt8], from name: String, errors: ErrorMode) throws(Charset
    .UndecodableASCII) -> String?
  {
    let cd = iconv_open("UTF-32LE", name)
    if cd == iconv_t(bitPattern: -1) { return nil }
    defer { iconv_close(cd) }
    if let starts = CodecRegistry.singleByteStarts[name] {
      return try decodeStepping(bytes, cd: cd, starts: Array(starts.unicodeScalars), errors: errors)
    }
    var scalars = String.UnicodeScalarView()
    var output = [UInt8](repeating: 0, count: max(64, bytes.count * 4 + 16))
    var input = bytes
    var start = 0
    while true {
      let consumed: Int
      let produced: Int
      var failed: Int32 = 0
      (consumed, produced, failed) = input.withUnsafeMutableBufferPointer { inBuf in
        output.withUnsafeMutableBufferPointer { outBuf in
          var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBuf.baseAddress!)
            .advanced(by: start).assumingMemoryBound(to: CChar.self)
          var inLeft = inBuf.count - start
          var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuf.baseAddress!)
            .assumingMemoryBound(to: CChar.self)
          var outLeft = outBuf.count
          let inStart = inLeft
          let result: Int
          if start == inBuf.count {
            // Flush any pending shift state (ISO-2022-*).
            result = iconv(cd, nil, nil, &outPtr, &outLeft)
          } else {
            result = iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft)
          }
          let err: Int32 = result == -1 ? errno : 0
          return (inStart - inLeft, outBuf.count - outLeft, err)
        }
      }
      appendUTF32LE(output[0..<produced], to: &scalars)
      if start == input.count { break }
      start += consumed
      switch failed {
      case 0:
        continue
      case E2BIG:
        continue
      default:
        // EILSEQ, or EINVAL for a sequence cut off by the end of the input.
        guard start < input.count else { continue }
        if errors == .replace {
          scalars.append("\u{FFFD}")
        } else if input[start] >= 0x80 {
          scalars.append(PythonText.escaped(input[start]))
        } else {
          throw Charset.UndecodableASCII()
        }
        start += 1
      }
    }
    return String(scalars)
  }

  /// One character per iconv call, so that a byte Python decodes on its own (see
  /// `CodecRegistry.singleByteStarts`) is decoded Python's way before glibc sees it.
  private static func decodeStepping(
    _ bytes: [UInt8], cd: iconv_t?, starts: [Unicode.Scalar], errors: ErrorMode
  ) throws(Charset.UndecodableASCII) -> String {
    var scalars = String.UnicodeScalarView()
    var input = bytes
    var start = 0
    var output = [UInt8](repeating: 0, count: 4)
    func bad(_ byte: UInt8) throws(Charset.UndecodableASCII) {
      if errors == .replace {
        scalars.append("\u{FFFD}")
      } else if byte >= 0x80 {
        scalars.append(PythonText.escaped(byte))
      } else {
        throw Charset.UndecodableASCII()
      }
    }
    while start < input.count {
      switch starts[Int(input[start])] {
      case "\u{FFFE}":
        break
      case "\u{FFFD}":
        try bad(input[start])
        start += 1
        continue
      case let single:
        scalars.append(single)
        start += 1
        continue
      }
      // Errors need no inspection here: an unconverted byte is looked at on the next turn.
      let (consumed, produced) = input.withUnsafeMutableBufferPointer { inBuf in
        output.withUnsafeMutableBufferPointer { outBuf in
          var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBuf.baseAddress!)
            .advanced(by: start).assumingMemoryBound(to: CChar.self)
          // A window of a few bytes (characters of these codecs have at most 4): glibc converts
          // its whole input into an internal buffer first, which made long inputs quadratic.
          var inLeft = min(inBuf.count - start, 8)
          var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuf.baseAddress!)
            .assumingMemoryBound(to: CChar.self)
          var outLeft = outBuf.count
          let inStart = inLeft
          _ = iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft)
          return (inStart - inLeft, outBuf.count - outLeft)
        }
      }
      appendUTF32LE(output[0..<produced], to: &scalars)
      start += consumed
      // glibc may report an error about the character after the one it converted; that byte
      // is looked at again on the next turn. Without progress the byte is undecodable.
      if produced == 0 && consumed == 0 && start < input.count {
        try bad(input[start])
        start += 1
      }
    }
    return String(scalars)
  }

  private static func appendUTF32LE(
    _ bytes: ArraySlice<UInt8>, to scalars: inout String.UnicodeScalarView
  ) {
    var i = bytes.startIndex
    while i + 3 < bytes.endIndex {
      let v =
        UInt32(bytes[i]) | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2]) << 16
        | UInt32(bytes[i + 3]) << 24
      scalars.append(Unicode.Scalar(v) ?? "\u{FFFD}")
      i += 4
    }
  }
}
