/// Python's codec name resolution (`codecs.lookup`), and how each Python codec is decoded here.
///
/// A charset name counts exactly when Python would find a codec for it: the name is normalised
/// like `_Py_normalize_encoding` and `encodings.normalize_encoding`, looked up in Python's alias
/// table, and must then name a module of the `encodings` package.
enum CodecRegistry {
  /// How bytes of one Python codec are turned into text.
  enum Codec: Hashable, Sendable {
    case ascii
    case latin1
    case utf8
    /// `utf_8_sig`: a leading BOM is dropped.
    case utf8BOM
    /// `utf_16` / `utf_32`: byte order from the BOM, little-endian without one (as Python).
    case utf16
    case utf32
    /// A single-byte codec taken from Python's own table.
    case table(String)
    /// Python's own UTF-7 decoder (glibc's differs).
    case utf7
    /// A codec decoded by glibc iconv under the given name.
    case iconv(String)
    /// A codec Python has but that does not decode bytes to text (base64, zlib, rot13, ...).
    case notText
  }

  /// Python module name -> decoder, for every module of CPython 3.11's `encodings` package
  /// that exists on Linux (mbcs and oem are Windows-only and so absent, as in Python).
  static let modules: [String: Codec] = {
    var m: [String: Codec] = [
      "ascii": .ascii, "latin_1": .latin1, "utf_8": .utf8, "utf_8_sig": .utf8BOM,
      "utf_16": .utf16, "utf_32": .utf32,
      "utf_16_le": .iconv("UTF-16LE"), "utf_16_be": .iconv("UTF-16BE"),
      "utf_32_le": .iconv("UTF-32LE"), "utf_32_be": .iconv("UTF-32BE"), "utf_7": .utf7,
      // charmap without a mapping, raw_unicode_escape and unicode_escape read plain bytes as
      // Latin-1; idna and punycode read ASCII labels as themselves.
      "charmap": .latin1, "raw_unicode_escape": .latin1, "unicode_escape": .latin1,
      "idna": .ascii, "punycode": .ascii,
      "base64_codec": .notText, "bz2_codec": .notText, "hex_codec": .notText,
      "quopri_codec": .notText, "uu_codec": .notText, "zlib_codec": .notText,
      "rot_13": .notText, "undefined": .notText,
      "big5": .iconv("BIG5"), "big5hkscs": .iconv("BIG5-HKSCS"), "cp932": .iconv("CP932"),
      "cp949": .iconv("CP949"), "cp950": .iconv("CP950"),
      "euc_jis_2004": .iconv("EUC-JISX0213"), "euc_jisx0213": .iconv("EUC-JISX0213"),
      "euc_jp": .iconv("EUC-JP"), "euc_kr": .iconv("EUC-KR"), "gb18030": .iconv("GB18030"),
      "gb2312": .iconv("EUC-CN"), "gbk": .iconv("GBK"), "hz": .notText,
      "iso2022_jp": .iconv("ISO-2022-JP"), "iso2022_jp_1": .iconv("ISO-2022-JP-2"),
      "iso2022_jp_2": .iconv("ISO-2022-JP-2"), "iso2022_jp_2004": .iconv("ISO-2022-JP-3"),
      "iso2022_jp_3": .iconv("ISO-2022-JP-3"), "iso2022_jp_ext": .iconv("ISO-2022-JP-2"),
      "iso2022_kr": .iconv("ISO-2022-KR"), "johab": .iconv("JOHAB"),
      "shift_jis": .iconv("SHIFT_JIS"), "shift_jis_2004": .iconv("SHIFT_JISX0213"),
      "shift_jisx0213": .iconv("SHIFT_JISX0213"),
      "cp037": .iconv("IBM037"), "cp1125": .iconv("CP1125"), "cp1140": .iconv("IBM1140"),
      "cp437": .iconv("CP437"), "cp500": .iconv("IBM500"), "cp737": .iconv("CP737"),
      "cp775": .iconv("CP775"), "cp850": .iconv("CP850"), "cp852": .iconv("CP852"),
      "cp855": .iconv("CP855"), "cp857": .iconv("CP857"), "cp858": .iconv("CP858"),
      "cp860": .iconv("CP860"), "cp861": .iconv("CP861"), "cp862": .iconv("CP862"),
      "cp863": .iconv("CP863"), "cp864": .iconv("CP864"), "cp865": .iconv("CP865"),
      "cp866": .iconv("CP866"), "cp869": .iconv("CP869"), "cp874": .iconv("CP874"),
      "hp_roman8": .iconv("HP-ROMAN8"), "koi8_r": .iconv("KOI8-R"), "koi8_t": .iconv("KOI8-T"),
      "koi8_u": .iconv("KOI8-U"), "kz1048": .iconv("RK1048"),
      "mac_latin2": .iconv("MAC-CENTRALEUROPE"),
      "ptcp154": .iconv("PT154"),
    ]
    for n in 1250...1258 { m["cp\(n)"] = .iconv("CP\(n)") }
    for n in [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 14, 15, 16] {
      m["iso8859_\(n)"] = .iconv("ISO-8859-\(n)")
    }
    for name in singleByteTables.keys { m[name] = .table(name) }
    return m
  }()

  /// `codecs.lookup(name)`: the codec Python would use, or nil where it raises LookupError.
  static func lookup(_ name: String) -> Codec? {
    frequent[name] ?? resolve(name)
  }

  /// The spellings found on most mail, resolved once: every encoded word and text part looks
  /// its charset up, and normalising the name each time was a visible share of parsing.
  private static let frequent: [String: Codec] = {
    var m: [String: Codec] = [:]
    let names = [
      "utf-8", "UTF-8", "utf8", "UTF8", "Utf-8", "us-ascii", "US-ASCII", "ascii", "iso-8859-1",
      "ISO-8859-1", "iso-8859-2", "ISO-8859-2", "iso-8859-15", "ISO-8859-15", "windows-1250",
      "windows-1251", "windows-1252", "Windows-1252", "cp1252", "latin1", "koi8-r", "KOI8-R",
      "gb2312", "GB2312", "gbk", "GBK", "big5", "Big5", "BIG5", "shift_jis", "Shift_JIS",
      "iso-2022-jp", "ISO-2022-JP", "euc-jp", "EUC-JP", "euc-kr", "EUC-KR", "ks_c_5601-1987",
    ]
    for name in names { m[name] = resolve(name) }
    return m
  }()

  private static func resolve(_ name: String) -> Codec? {
    // Every non-ASCII character of a header is an escaped raw byte in Python (a lone surrogate),
    // and Python cannot encode such a codec name: LookupError-like failure.
    guard name.unicodeScalars.allSatisfy(\.isASCII) else { return nil }
    let normalized = normalize(name)
    let alias = aliases[normalized] ?? aliases[normalized.replacingAll(".", with: "_")]
    for candidate in [alias, normalized] {
      guard let candidate, !candidate.isEmpty, !candidate.utf8.contains(0x2E) else { continue }
      if let codec = modules[candidate] { return codec }
    }
    return nil
  }

  /// `_Py_normalize_encoding` then `encodings.normalize_encoding`: ASCII letters lowercased,
  /// every run of other characters (but ".") between two kept characters becomes one "_".
  static func normalize(_ name: String) -> String {
    // Byte-wise: in ASCII, `isLetter` and `isNumber` hold exactly for A-Z, a-z and 0-9.
    var out: [UInt8] = []
    out.reserveCapacity(name.utf8.count)
    var punctuation = false
    for byte in name.utf8 {
      let lower = byte | 0x20
      if (lower >= 0x61 && lower <= 0x7A) || (byte >= 0x30 && byte <= 0x39) || byte == 0x2E {
        if punctuation && !out.isEmpty { out.append(0x5F) }
        punctuation = false
        out.append(byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte)
      } else {
        punctuation = true
      }
    }
    return String(decoding: out, as: UTF8.self)
  }
}
