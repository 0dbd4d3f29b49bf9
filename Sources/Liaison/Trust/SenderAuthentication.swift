/// Whether the receiving MTA vouched for the From domain of one mail (SPEC.md, "Who a
/// sender is"): the `authentication` object of `extract --json`.
///
/// Only `pass` authenticates. `fail` means a trusted `Authentication-Results` field said
/// `dmarc=fail` or `dkim=fail` for the From domain; `none` means nothing trusted spoke
/// about it (no field, a foreign authserv-id, SPF alone, `neutral`, a DKIM signature of
/// another domain, or no trusted authserv-id configured at all).
public struct SenderAuthentication: Hashable, Sendable, Codable {
  public enum Result: String, Hashable, Sendable, Codable {
    case pass, fail, none
  }

  public enum Method: String, Hashable, Sendable, Codable {
    case dmarc, dkim
  }

  public var result: Result
  /// The method that decided, or nil when `result` is `none`.
  public var method: Method?
  /// The From address's domain the result speaks about (lower-cased), or nil when
  /// `result` is `none`.
  public var domain: String?

  public init(result: Result, method: Method? = nil, domain: String? = nil) {
    self.result = result
    self.method = method
    self.domain = domain
  }

  /// Nothing trusted said anything about the sender.
  public static let unauthenticated = SenderAuthentication(result: .none)

  /// True only when a trusted field passed DMARC or aligned DKIM for the From domain.
  public var isAuthenticated: Bool { result == .pass }

  enum CodingKeys: String, CodingKey {
    case result, method, domain
  }

  // Explicit so that a missing method or domain is written as `null`, as the SPEC shows.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(result, forKey: .result)
    try c.encode(method, forKey: .method)
    try c.encode(domain, forKey: .domain)
  }
}
