/// A mailbox as it appears in an address header: an optional display name and an
/// addr-spec (`local@domain`), validated so it can never break a header or an SMTP command.
public struct MailAddress: Sendable, Hashable, CustomStringConvertible {
  /// The bare `local@domain`.
  public let address: String
  public let displayName: String?

  /// - Throws: `MailTransportError.invalidHeader` for anything but a plain ASCII
  ///   dot-atom `local@domain` (no quoted local parts, no internationalised addresses).
  public init(_ address: String, displayName: String? = nil) throws {
    try MailAddress.validate(address)
    if let displayName { try HeaderEncoder.checkValue(displayName, field: "display name") }
    self.address = address
    let trimmed = displayName?.trimmingSpaces()
    self.displayName = (trimmed?.isEmpty ?? true) ? nil : trimmed
  }

  /// Reads `Name <local@domain>`, `"Name" <local@domain>` or a bare `local@domain`.
  public init(parsing text: String) throws {
    try HeaderEncoder.checkValue(text, field: "address")
    let trimmed = text.trimmingSpaces()
    if let open = trimmed.lastIndex(of: "<"), trimmed.hasSuffix(">") {
      let address = String(
        trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)])
      var name = trimmed[..<open].trimmingSpaces()
      if name.count >= 2, name.hasPrefix("\""), name.hasSuffix("\"") {
        name = String(name.dropFirst().dropLast()).replacingEscapes()
      }
      try self.init(address.trimmingSpaces(), displayName: name.isEmpty ? nil : name)
    } else {
      try self.init(trimmed)
    }
  }

  /// The address in angle brackets, as SMTP's `MAIL FROM` / `RCPT TO` take it.
  public var angleAddress: String { "<\(address)>" }

  public var description: String {
    displayName.map { "\($0) <\(address)>" } ?? address
  }

  private static let atextSymbols = Set("!#$%&'*+-/=?^_`{|}~".utf8)

  static func validate(_ address: String) throws {
    func fail(_ reason: String) -> MailTransportError {
      .invalidHeader(field: "address", reason: "\(address.debugDescription) \(reason)")
    }
    guard address.utf8.count <= 254 else { throw fail("is longer than 254 bytes") }
    guard let at = address.utf8.lastIndex(of: UInt8(ascii: "@")) else { throw fail("has no @") }
    let local = address.utf8[..<at]
    let domain = address.utf8[address.utf8.index(after: at)...]
    guard !local.isEmpty, local.count <= 64 else {
      throw fail("has an empty or too long local part")
    }
    for atom in local.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false) {
      guard !atom.isEmpty,
        atom.allSatisfy({ $0.isASCIIAlphanumeric || atextSymbols.contains($0) })
      else { throw fail("has a local part that is not a plain dot-atom") }
    }
    guard !domain.isEmpty else { throw fail("has no domain") }
    if domain.first == UInt8(ascii: "[") {
      guard domain.last == UInt8(ascii: "]"),
        domain.dropFirst().dropLast().allSatisfy({
          $0.isASCIIAlphanumeric || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: ":")
        })
      else { throw fail("has a malformed address literal") }
      return
    }
    for label in domain.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false) {
      guard !label.isEmpty, label.count <= 63, label.first != UInt8(ascii: "-"),
        label.last != UInt8(ascii: "-"),
        label.allSatisfy({ $0.isASCIIAlphanumeric || $0 == UInt8(ascii: "-") })
      else { throw fail("has an invalid domain") }
    }
  }
}

extension UInt8 {
  var isASCIIAlphanumeric: Bool {
    (0x30...0x39).contains(self) || (0x41...0x5A).contains(self) || (0x61...0x7A).contains(self)
  }
}

extension StringProtocol {
  func trimmingSpaces() -> String {
    let scalars = unicodeScalars
    guard let first = scalars.firstIndex(where: { $0 != " " && $0 != "\t" }) else { return "" }
    let last = scalars.lastIndex(where: { $0 != " " && $0 != "\t" })!
    var result = ""
    result.unicodeScalars.append(contentsOf: scalars[first...last])
    return result
  }

  fileprivate func replacingEscapes() -> String {
    var result = ""
    var escaped = false
    for character in self {
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
