import MIME

/// Pulls e-mail addresses out of header values and free text: lower-cased bare
/// `local@domain`, in order of appearance, no duplicates (SPEC.md, `extract --json`).
///
/// Every address it returns is one `MailAddress` accepts, so that whatever is extracted
/// (a Send Reply To, a contact) can later be written into a mail.
public enum AddressNormaliser {
  /// Every address in `text`, normalised. `mailto:` prefixes and angle brackets go;
  /// anything that does not look like `local@domain.tld` is ignored.
  public static func addresses(in text: String) -> [String] {
    var found: [String] = []
    let stops: Set<Character> = [
      " ", "\t", "\n", "\r", "<", ">", ",", ";", "(", ")", "[", "]", "\"", "'", "|",
    ]
    var token = ""
    func flush() {
      defer { token = "" }
      guard let address = normalise(token) else { return }
      found.append(address)
    }
    for ch in text {
      if stops.contains(ch) { flush() } else { token.append(ch) }
    }
    flush()
    return unique(found)
  }

  /// One token as an address, or nil. Beyond `MailAddress`'s rule, free text asks for a
  /// dotted domain whose last label is letters (`user@localhost` in prose is not a contact).
  public static func normalise(_ token: String) -> String? {
    var t = Substring(token)
    if t.lowercased().hasPrefix("mailto:") { t = t.dropFirst(7) }
    while let l = t.last, ".:".contains(l) { t = t.dropLast() }
    while let f = t.first, ".:".contains(f) { t = t.dropFirst() }
    let parts = t.split(separator: "@", omittingEmptySubsequences: false)
    guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."),
      !parts[1].hasPrefix("."), !parts[1].hasSuffix("."), parts[1].count <= 253,
      parts[0].count <= 64
    else { return nil }
    let allowedLocal = Set("abcdefghijklmnopqrstuvwxyz0123456789.!#$%&*+-/=?^_`{}~")
    let allowedDomain = Set("abcdefghijklmnopqrstuvwxyz0123456789.-")
    let local = parts[0].lowercased()
    let domain = parts[1].lowercased()
    guard local.allSatisfy(allowedLocal.contains), domain.allSatisfy(allowedDomain.contains),
      domain.split(separator: ".").last.map({ $0.count >= 2 && $0.allSatisfy(\.isLetter) }) == true
    else { return nil }
    return (try? MailAddress(local + "@" + domain))?.address
  }

  /// `values` without repeats, first occurrence kept.
  public static func unique(_ values: [String]) -> [String] {
    var seen = Set<String>()
    return values.filter { seen.insert($0).inserted }
  }
}
