/// One RFC 8601 `Authentication-Results` header field: who checked the message
/// (authserv-id) and what each method concluded.
///
/// Parsed as the RFC's grammar (authserv-id, optional version, `none` or a list of
/// `method=result` with an optional `reason=` and `ptype.property=value` items), with
/// comments and quoted strings. A field that does not follow the grammar is not read at
/// all (`init?(parsing:)` returns nil): part of a field is never believed.
public struct AuthenticationResults: Hashable, Sendable {
  /// The authserv-id as written (compare it case-insensitively).
  public var authservID: String
  /// The optional version after the authserv-id.
  public var version: Int?
  /// The results in order; empty for `authserv-id; none`.
  public var results: [MethodResult]

  public init(authservID: String, version: Int? = nil, results: [MethodResult] = []) {
    self.authservID = authservID
    self.version = version
    self.results = results
  }

  /// Parses one field value (the text after `Authentication-Results:`). Nil when the value
  /// does not follow the grammar.
  public init?(parsing value: String) {
    var parser = AuthenticationResultsParser(value)
    guard let parsed = parser.parse() else { return nil }
    self = parsed
  }

  /// One `method=result` item.
  public struct MethodResult: Hashable, Sendable {
    /// The method, lower-cased: `dkim`, `dmarc`, `spf`, `arc`, ...
    public var method: String
    public var methodVersion: Int?
    /// The result, lower-cased: `pass`, `fail`, `none`, `neutral`, `temperror`, ...
    public var result: String
    /// The `reason=` text, if any.
    public var reason: String?
    public var properties: [Property]

    public init(
      method: String, methodVersion: Int? = nil, result: String, reason: String? = nil,
      properties: [Property] = []
    ) {
      self.method = method
      self.methodVersion = methodVersion
      self.result = result
      self.reason = reason
      self.properties = properties
    }

    /// The value of the first `ptype.property=` item (names compared case-insensitively),
    /// as written.
    public func value(_ ptype: String, _ property: String) -> String? {
      let ptype = ptype.lowercased()
      let property = property.lowercased()
      return properties.first { $0.ptype == ptype && $0.property == property }?.value
    }
  }

  /// One `ptype.property=value` item, such as `header.d=example.org` or
  /// `smtp.mailfrom=a@example.org`.
  public struct Property: Hashable, Sendable {
    /// Lower-cased: `smtp`, `header`, `body`, `policy`.
    public var ptype: String
    /// Lower-cased: `d`, `from`, `mailfrom`, ...
    public var property: String
    /// As written (quotes removed).
    public var value: String

    public init(ptype: String, property: String, value: String) {
      self.ptype = ptype
      self.property = property
      self.value = value
    }
  }
}
