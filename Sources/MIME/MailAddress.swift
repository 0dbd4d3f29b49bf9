/// A mailbox as liaisond reads, stores and sends it: an optional display name and an
/// addr-spec (`local@domain`) that can never break a header or an SMTP command.
///
/// The one rule for an address, used to extract contacts, to check the configuration and
/// to compose mail: a plain ASCII dot-atom local part (no quoted local parts, no
/// internationalised addresses, no empty atoms as in `a..b`), and a domain of LDH labels or
/// an IP address literal (`[192.0.2.1]`, `[IPv6:2001:db8::1]`). The domain is lower-cased;
/// the local part is kept as written (it is the receiving server's to interpret).
public struct MailAddress: Sendable, Hashable, CustomStringConvertible {
  /// The bare `local@domain`.
  public let address: String
  public let displayName: String?

  /// - Throws: `MailAddressError` when `address` is not a plain addr-spec or the display
  ///   name holds CR, LF or NUL.
  public init(_ address: String, displayName: String? = nil) throws(MailAddressError) {
    self.address = try Self.validated(address)
    if let displayName {
      if let byte = displayName.utf8.first(where: { $0 == 0x0D || $0 == 0x0A || $0 == 0x00 }) {
        throw MailAddressError(
          displayName,
          "as a display name contains \(Self.controlName(byte)), which could inject header lines")
      }
      let trimmed = Self.trimmingSpaces(displayName)
      self.displayName = trimmed.isEmpty ? nil : trimmed
    } else {
      self.displayName = nil
    }
  }

  /// Reads `Name <local@domain>`, `"Name" <local@domain>` or a bare `local@domain`.
  public init(parsing text: String) throws(MailAddressError) {
    if let byte = text.utf8.first(where: { $0 == 0x0D || $0 == 0x0A || $0 == 0x00 }) {
      throw MailAddressError(
        text, "contains \(Self.controlName(byte)), which could inject header lines")
    }
    let trimmed = Self.trimmingSpaces(text)
    guard let open = trimmed.lastIndex(of: "<") else {
      try self.init(trimmed)
      return
    }
    guard trimmed.hasSuffix(">") else {
      throw MailAddressError(text, "is not `Name <local@domain>` or `local@domain`")
    }
    let address = trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)]
    var name = Self.trimmingSpaces(trimmed[..<open])
    if name.count >= 2, name.hasPrefix("\""), name.hasSuffix("\"") {
      name = Self.unescaped(name.dropFirst().dropLast())
    }
    try self.init(Self.trimmingSpaces(address), displayName: name.isEmpty ? nil : name)
  }

  /// The address in angle brackets, as SMTP's `MAIL FROM` / `RCPT TO` take it.
  public var angleAddress: String { "<\(address)>" }

  public var description: String {
    displayName.map { "\($0) <\(address)>" } ?? address
  }

  // MARK: The rule

  private static let atextSymbols = Set("!#$%&'*+-/=?^_`{|}~".utf8)

  /// `address` with its domain lower-cased, or the reason it is not an addr-spec.
  private static func validated(_ address: String) throws(MailAddressError) -> String {
    func fail(_ reason: String) -> MailAddressError { MailAddressError(address, reason) }
    let bytes = Array(address.utf8)
    guard bytes.count <= 254 else { throw fail("is longer than 254 bytes") }
    guard let at = bytes.lastIndex(of: UInt8(ascii: "@")) else { throw fail("has no @") }
    let local = bytes[..<at]
    let domain = bytes[(at + 1)...].map(ASCII.lower)
    guard !local.isEmpty else { throw fail("has an empty local part") }
    guard local.count <= 64 else { throw fail("has a local part longer than 64 bytes") }
    for atom in local.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false) {
      guard !atom.isEmpty, atom.allSatisfy({ isAlphanumeric($0) || atextSymbols.contains($0) })
      else {
        throw fail(
          "has a local part that is not a plain dot-atom (letters, digits, !#$%&'*+-/=?^_`{|}~ and single inner dots)"
        )
      }
    }
    guard !domain.isEmpty else { throw fail("has no domain") }
    if domain.first == UInt8(ascii: "[") {
      guard domain.last == UInt8(ascii: "]"), isAddressLiteral(domain.dropFirst().dropLast()) else {
        throw fail("has a malformed address literal (use [192.0.2.1] or [IPv6:2001:db8::1])")
      }
    } else {
      for label in domain.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false) {
        guard !label.isEmpty, label.count <= 63, label.first != UInt8(ascii: "-"),
          label.last != UInt8(ascii: "-"),
          label.allSatisfy({ isAlphanumeric($0) || $0 == UInt8(ascii: "-") })
        else { throw fail("has an invalid domain (letters, digits, inner hyphens, dots)") }
      }
    }
    return String(decoding: local, as: UTF8.self) + "@" + String(decoding: domain, as: UTF8.self)
  }

  /// `192.0.2.1` or `ipv6:` followed by hex digits, colons and (for a mapped IPv4) dots.
  private static func isAddressLiteral(_ literal: ArraySlice<UInt8>) -> Bool {
    let tag = Array("ipv6:".utf8)
    if literal.starts(with: tag) {
      let rest = literal.dropFirst(tag.count)
      return rest.contains(UInt8(ascii: ":"))
        && rest.allSatisfy {
          isHexDigit($0) || $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: ".")
        }
    }
    let octets = literal.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
    return octets.count == 4
      && octets.allSatisfy { octet in
        (1...3).contains(octet.count) && octet.allSatisfy { (0x30...0x39).contains($0) }
          && Int(String(decoding: octet, as: UTF8.self))! <= 255
      }
  }

  private static func isAlphanumeric(_ byte: UInt8) -> Bool {
    (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
  }

  private static func isHexDigit(_ byte: UInt8) -> Bool {
    (0x30...0x39).contains(byte) || (0x61...0x66).contains(byte)
  }

  private static func controlName(_ byte: UInt8) -> String {
    byte == 0x00 ? "NUL" : byte == 0x0D ? "CR" : "LF"
  }

  private static func trimmingSpaces(_ text: some StringProtocol) -> String {
    let scalars = text.unicodeScalars
    guard let first = scalars.firstIndex(where: { $0 != " " && $0 != "\t" }) else { return "" }
    let last = scalars.lastIndex(where: { $0 != " " && $0 != "\t" })!
    var result = ""
    result.unicodeScalars.append(contentsOf: scalars[first...last])
    return result
  }

  /// A quoted-string's content with its backslash escapes resolved.
  private static func unescaped(_ text: some StringProtocol) -> String {
    var result = ""
    var escaped = false
    for character in text {
      if !escaped && character == "\\" {
        escaped = true
        continue
      }
      escaped = false
      result.append(character)
    }
    return result
  }
}
