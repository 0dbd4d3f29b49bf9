import MIME

extension SenderAuthentication {
  /// The authentication of a received mail: its From domain judged by the
  /// `Authentication-Results` fields whose authserv-id is one of `trustedAuthservIDs`
  /// (compared case-insensitively). With no trusted id, nobody is authenticated.
  ///
  /// A mail without exactly one From mailbox cannot be aligned with anything and is
  /// `none`, as is every field that does not parse.
  public static func evaluate(_ header: MIMEHeader, trustedAuthservIDs: [String])
    -> SenderAuthentication
  {
    let fromFields = header.all("from")
    guard fromFields.count == 1 else { return .unauthenticated }
    let mailboxes = MIMEHeader(fields: fromFields).addresses("from")
    guard mailboxes.count == 1 else { return .unauthenticated }
    let fields = header.all("authentication-results").compactMap {
      AuthenticationResults(parsing: $0.value)
    }
    return evaluate(
      fromAddress: mailboxes[0].address, fields: fields, trustedAuthservIDs: trustedAuthservIDs)
  }

  /// The rule itself, over parsed fields: `dmarc=pass` with `header.from` equal to the
  /// From domain, or `dkim=pass` with `header.d` equal to or a parent of it, in a trusted
  /// field, passes (DMARC named first when both do). Otherwise `dmarc=fail` or `dkim=fail`
  /// for the domain in a trusted field fails. Anything else is `none`.
  public static func evaluate(
    fromAddress: String, fields: [AuthenticationResults], trustedAuthservIDs: [String]
  ) -> SenderAuthentication {
    guard let at = fromAddress.lastIndex(of: "@"),
      let fromDomain = DomainName(fromAddress[fromAddress.index(after: at)...])
    else { return .unauthenticated }
    let trusted = Set(trustedAuthservIDs.map { $0.lowercased() })
    var dkimPass = false
    var failed: Method?
    for field in fields where trusted.contains(field.authservID.lowercased()) {
      for item in field.results {
        let method: Method
        let speaksForFrom: Bool
        switch item.method {
        case "dmarc":
          method = .dmarc
          speaksForFrom = item.value("header", "from").flatMap { DomainName($0) } == fromDomain
        case "dkim":
          method = .dkim
          speaksForFrom =
            item.value("header", "d").flatMap { DomainName($0) }.map { fromDomain.isWithin($0) }
            ?? false
        default:
          continue
        }
        guard speaksForFrom else { continue }
        switch item.result {
        case "pass":
          if method == .dmarc {
            return SenderAuthentication(result: .pass, method: .dmarc, domain: fromDomain.name)
          }
          dkimPass = true
        case "fail":
          if failed != .dmarc { failed = method }
        default:
          break
        }
      }
    }
    if dkimPass {
      return SenderAuthentication(result: .pass, method: .dkim, domain: fromDomain.name)
    }
    if let failed {
      return SenderAuthentication(result: .fail, method: failed, domain: fromDomain.name)
    }
    return .unauthenticated
  }
}

/// A domain as the alignment check compares it: lower-cased, without a final dot, and
/// only when every label is non-empty and holds no space or control character.
struct DomainName: Hashable {
  let name: String
  let labels: [Substring]

  init?<S: StringProtocol>(_ text: S) {
    var text = String(text)
    // DMARC writes a domain; some writers put the whole From address there.
    if let at = text.lastIndex(of: "@") { text = String(text[text.index(after: at)...]) }
    if text.hasSuffix(".") { text.removeLast() }
    let name = text.lowercased()
    let labels = name.split(separator: ".", omittingEmptySubsequences: false)
    guard !name.isEmpty,
      labels.allSatisfy({ label in
        !label.isEmpty && label.unicodeScalars.allSatisfy { $0.value > 0x20 && $0.value != 0x7F }
      })
    else { return nil }
    self.name = name
    self.labels = labels
  }

  /// True when `self` is `signer` or a subdomain of it at a label boundary. A signer of a
  /// single label (`org`, a public suffix) covers nothing but itself.
  func isWithin(_ signer: DomainName) -> Bool {
    if self == signer { return true }
    guard signer.labels.count >= 2, labels.count > signer.labels.count else { return false }
    return Array(labels.suffix(signer.labels.count)) == signer.labels
  }

  static func == (a: DomainName, b: DomainName) -> Bool { a.name == b.name }
  func hash(into hasher: inout Hasher) { hasher.combine(name) }
}
