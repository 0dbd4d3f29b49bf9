/// Decoding of bytes in a named charset the way Python's codecs do it.
///
/// The charset NAME is resolved as Python resolves it (its alias table, its normalisation), so
/// a name Python does not know gives nil here too; the bytes are then decoded by a fast path
/// (ASCII, Latin-1, UTF-8), by Python's own table for a few single-byte codecs, or by glibc
/// iconv. Undecodable bytes become U+FFFD, one per byte, as with Python's `errors="replace"`.
public enum Charset {
  /// bytes decoded like Python's codec of that name with errors="replace" (U+FFFD for undecodable bytes);
  /// nil when Python has no text codec of that name (e.g. "unknown-8bit", "x-user-defined", "base64").
  public static func decode<C: Collection>(_ bytes: C, charset: String) -> String?
  where C.Element == UInt8 {
    guard let codec = CodecRegistry.lookup(charset) else { return nil }
    return decode(Array(bytes), codec: codec, errors: .replace)
  }

  /// Python's `bytes.decode(charset, "surrogateescape")`: undecodable bytes are kept as escaped
  /// scalars for a later `PythonText.sanitize`. Nil when Python has no text codec of that name;
  /// throws where Python's error handler itself fails (an undecodable byte below 0x80 cannot be
  /// escaped, so Python raises UnicodeDecodeError).
  static func decodeEscaping(_ bytes: [UInt8], charset: String) throws(UndecodableASCII) -> String?
  {
    guard let codec = CodecRegistry.lookup(charset) else { return nil }
    return try decodeOrThrow(bytes, codec: codec, errors: .escape)
  }

  /// Raised where `surrogateescape` meets an undecodable byte below 0x80.
  struct UndecodableASCII: Error {}

  static func decode(_ bytes: [UInt8], codec: CodecRegistry.Codec, errors: IconvDecoder.ErrorMode)
    -> String?
  {
    // With "replace" nothing can fail.
    try? decodeOrThrow(bytes, codec: codec, errors: errors)
  }

  static func decodeOrThrow(
    _ bytes: [UInt8], codec: CodecRegistry.Codec, errors: IconvDecoder.ErrorMode
  ) throws(UndecodableASCII) -> String? {
    func bad(_ byte: UInt8) throws(UndecodableASCII) -> Unicode.Scalar {
      if errors == .replace { return "\u{FFFD}" }
      guard byte >= 0x80 else { throw UndecodableASCII() }
      return PythonText.escaped(byte)
    }
    switch codec {
    case .notText:
      return nil
    case .ascii:
      var out = String.UnicodeScalarView()
      for b in bytes { out.append(b < 0x80 ? Unicode.Scalar(b) : try bad(b)) }
      return String(out)
    case .latin1:
      return PythonText.string(bytes.map { Unicode.Scalar($0) })
    case .utf8:
      return decodeUTF8(bytes[...], errors: errors)
    case .utf8BOM:
      let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? bytes.dropFirst(3) : bytes[...]
      return decodeUTF8(body, errors: errors)
    case .utf16:
      if bytes.starts(with: [0xFE, 0xFF]) {
        return try IconvDecoder.decode(Array(bytes.dropFirst(2)), from: "UTF-16BE", errors: errors)
      }
      let body = bytes.starts(with: [0xFF, 0xFE]) ? Array(bytes.dropFirst(2)) : bytes
      return try IconvDecoder.decode(body, from: "UTF-16LE", errors: errors)
    case .utf32:
      if bytes.starts(with: [0, 0, 0xFE, 0xFF]) {
        return try IconvDecoder.decode(Array(bytes.dropFirst(4)), from: "UTF-32BE", errors: errors)
      }
      let body = bytes.starts(with: [0xFF, 0xFE, 0, 0]) ? Array(bytes.dropFirst(4)) : bytes
      return try IconvDecoder.decode(body, from: "UTF-32LE", errors: errors)
    case .table(let name):
      guard let table = CodecRegistry.singleByteTables[name] else { return nil }
      let map = Array(table.unicodeScalars)
      var out = String.UnicodeScalarView()
      for b in bytes {
        let c = map[Int(b)]
        out.append(c == "\u{FFFE}" ? try bad(b) : c)
      }
      return String(out)
    case .utf7:
      return try PythonUTF7.decode(bytes, errors: errors)
    case .iconv(let name):
      return try IconvDecoder.decode(bytes, from: name, errors: errors)
    }
  }

  /// UTF-8 with Python's error handling. With "replace", Swift's decoder already substitutes
  /// per maximal ill-formed subsequence, as Python does; with "surrogateescape" every byte of
  /// an ill-formed sequence is escaped on its own.
  private static func decodeUTF8(_ bytes: ArraySlice<UInt8>, errors: IconvDecoder.ErrorMode)
    -> String
  {
    if errors == .replace { return String(decoding: bytes, as: UTF8.self) }
    if let valid = String(validating: bytes, as: UTF8.self) { return valid }
    var out = String.UnicodeScalarView()
    var iterator = bytes.makeIterator()
    var parser = Unicode.UTF8.ForwardParser()
    var position = bytes.startIndex
    loop: while true {
      switch parser.parseScalar(from: &iterator) {
      case .valid(let encoded):
        out.append(Unicode.UTF8.decode(encoded))
        position += encoded.count
      case .error(let length):
        for b in bytes[position..<(position + length)] {
          out.append(b >= 0x80 ? PythonText.escaped(b) : Unicode.Scalar(b))
        }
        position += length
      case .emptyInput:
        break loop
      }
    }
    return String(out)
  }
}
