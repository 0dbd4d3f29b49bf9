/// A set of ASCII scalars as a 128-bit mask: the parser's character classes are tested for
/// every input character, and hashing `Unicode.Scalar`s dominated parse time.
struct ASCIISet: Sendable, ExpressibleByArrayLiteral {
  private var low: UInt64 = 0
  private var high: UInt64 = 0

  init(_ characters: String) {
    for c in characters.unicodeScalars { insert(c) }
  }

  init(arrayLiteral elements: Unicode.Scalar...) {
    for c in elements { insert(c) }
  }

  private mutating func insert(_ c: Unicode.Scalar) {
    precondition(c.isASCII, "ASCIISet holds ASCII only")
    if c.value < 64 { low |= 1 << UInt64(c.value) } else { high |= 1 << UInt64(c.value - 64) }
  }

  @inline(__always)
  func contains(_ c: Unicode.Scalar) -> Bool {
    let v = c.value
    if v < 64 { return low & (1 << UInt64(v)) != 0 }
    if v < 128 { return high & (1 << UInt64(v - 64)) != 0 }
    return false
  }

  @inline(__always)
  func contains(_ b: UInt8) -> Bool {
    if b < 64 { return low & (1 << UInt64(b)) != 0 }
    if b < 128 { return high & (1 << UInt64(b - 64)) != 0 }
    return false
  }

  func union(_ other: ASCIISet) -> ASCIISet {
    var s = self
    s.low |= other.low
    s.high |= other.high
    return s
  }

  func subtracting(_ other: ASCIISet) -> ASCIISet {
    var s = self
    s.low &= ~other.low
    s.high &= ~other.high
    return s
  }
}
