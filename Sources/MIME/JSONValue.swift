/// A minimal JSON value whose serialisation is byte-identical to Python's
/// `json.dumps(obj, sort_keys=True, ensure_ascii=False, indent=2)` (pretty)
/// or to `separators=(",", ":")` (compact).
public indirect enum JSONValue: Sendable, Hashable {
  case null
  case bool(Bool)
  case int(Int)
  case string(String)
  case array([JSONValue])
  case object([String: JSONValue])

  /// Python's `indent=2, sort_keys=True, ensure_ascii=False` form, no final newline.
  public func pretty() -> String {
    var out: [UInt8] = []
    write(into: &out, indent: 0, pretty: true)
    return String(decoding: out, as: UTF8.self)
  }

  /// One line, no spaces, keys sorted.
  public func compact() -> String {
    var out: [UInt8] = []
    write(into: &out, indent: 0, pretty: false)
    return String(decoding: out, as: UTF8.self)
  }

  private static func newline(_ out: inout [UInt8], _ indent: Int) {
    out.append(ASCII.lf)
    out.append(contentsOf: repeatElement(ASCII.space, count: indent))
  }

  func write(into out: inout [UInt8], indent: Int, pretty: Bool) {
    switch self {
    case .null: out.append(contentsOf: "null".utf8)
    case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
    case .int(let i): out.append(contentsOf: String(i).utf8)
    case .string(let s): Self.writeString(s, into: &out)
    case .array(let items):
      if items.isEmpty {
        out.append(contentsOf: "[]".utf8)
        return
      }
      out.append(UInt8(ascii: "["))
      for (n, item) in items.enumerated() {
        if n > 0 { out.append(UInt8(ascii: ",")) }
        if pretty { Self.newline(&out, indent + 2) }
        item.write(into: &out, indent: indent + 2, pretty: pretty)
      }
      if pretty { Self.newline(&out, indent) }
      out.append(UInt8(ascii: "]"))
    case .object(let members):
      if members.isEmpty {
        out.append(contentsOf: "{}".utf8)
        return
      }
      out.append(UInt8(ascii: "{"))
      // Python sorts keys by code point, which is the order of their UTF-8 bytes.
      let keys = members.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
      for (n, key) in keys.enumerated() {
        if n > 0 { out.append(UInt8(ascii: ",")) }
        if pretty { Self.newline(&out, indent + 2) }
        Self.writeString(key, into: &out)
        out.append(UInt8(ascii: ":"))
        if pretty { out.append(ASCII.space) }
        members[key]!.write(into: &out, indent: indent + 2, pretty: pretty)
      }
      if pretty { Self.newline(&out, indent) }
      out.append(UInt8(ascii: "}"))
    }
  }

  private static let hexDigits = Array("0123456789abcdef".utf8)

  /// Python's `ensure_ascii=False` escaping: only `"`, `\` and C0 controls.
  static func writeString(_ s: String, into out: inout [UInt8]) {
    var s = s
    s.makeContiguousUTF8()
    if s.utf8.withContiguousStorageIfAvailable({ writeEscaped($0, into: &out) }) == nil {
      Array(s.utf8).withUnsafeBufferPointer { writeEscaped($0, into: &out) }
    }
  }

  /// Runs that need no escape (nearly all of a body text) are copied in one piece.
  private static func writeEscaped(_ utf8: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
    out.append(UInt8(ascii: "\""))
    var runStart = 0
    for (i, b) in utf8.enumerated()
    where b < 0x20 || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") {
      out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<i]))
      runStart = i + 1
      switch b {
      case UInt8(ascii: "\""): out.append(contentsOf: "\\\"".utf8)
      case UInt8(ascii: "\\"): out.append(contentsOf: "\\\\".utf8)
      case 0x0A: out.append(contentsOf: "\\n".utf8)
      case 0x0D: out.append(contentsOf: "\\r".utf8)
      case 0x09: out.append(contentsOf: "\\t".utf8)
      case 0x08: out.append(contentsOf: "\\b".utf8)
      case 0x0C: out.append(contentsOf: "\\f".utf8)
      case 0x00..<0x20:
        out.append(contentsOf: "\\u00".utf8)
        out.append(hexDigits[Int(b >> 4)])
        out.append(hexDigits[Int(b & 0x0F)])
      default: out.append(b)
      }
    }
    out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...]))
    out.append(UInt8(ascii: "\""))
  }
}
