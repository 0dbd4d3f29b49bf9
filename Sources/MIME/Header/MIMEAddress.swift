/// One mailbox of an address field: display name and address, as the oracle reports them.
public struct MIMEAddress: Sendable, Hashable, Codable {
  /// The display name, RFC 2047 decoded, quotes and quoted-pair backslashes removed; "" if none.
  public var name: String
  /// local-part "@" domain, just the local part when the domain is empty, "" for `<>`.
  public var address: String

  public init(name: String, address: String) {
    self.name = name
    self.address = address
  }
}
