import Foundation

/// The little address syntax the configuration needs: `Name <addr>` or a bare `addr`.
///
/// Full RFC 5322 parsing belongs to the MIME module; here an address is only checked
/// well enough to catch a typo in a configuration file.
enum MailAddressSyntax {
  /// The lower-cased bare address of `text`, or nil when it does not look like one.
  static func bareAddress(of text: String) -> String? {
    var candidate = Substring(text)
    if let open = text.lastIndex(of: "<") {
      guard let close = text.lastIndex(of: ">"), open < close else { return nil }
      candidate = text[text.index(after: open)..<close]
    }
    let address = candidate.trimmingCharacters(in: .whitespaces)
    guard isPlausible(address) else { return nil }
    return address.lowercased()
  }

  /// `local@domain` with no spaces, controls or angle brackets and a dotted or literal domain.
  static func isPlausible(_ address: String) -> Bool {
    let parts = address.split(separator: "@", omittingEmptySubsequences: false)
    guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { return false }
    let forbidden: (Character) -> Bool = {
      $0.isWhitespace || $0 == "<" || $0 == ">" || $0 == ","
        || $0.asciiValue.map { $0 < 0x20 || $0 == 0x7F } == true
    }
    guard !address.contains(where: forbidden) else { return false }
    return parts[1].contains(".") || parts[1] == "localhost" || parts[1].hasPrefix("[")
  }
}
