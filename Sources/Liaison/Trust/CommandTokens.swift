import Crypto

/// Makes and checks the tokens of command addresses: the first 65 bits of an
/// HMAC-SHA256, keyed by `trust.token_key_file`, over the purpose, the id and, for an
/// approval, the draft's content hash. Without the key an address cannot be guessed
/// from the public id; an approve address is void once its draft changes.
///
/// Older keys may be kept for verification only, so that a rotated key does not void
/// the addresses already handed out.
public struct CommandTokens: Sendable {
  /// 13 base32 characters: 65 bits (SPEC: at least 60).
  public static let tokenLength = 13
  /// Crockford's base32 alphabet, lower-cased.
  static let alphabet = Array("0123456789abcdefghjkmnpqrstvwxyz")

  // Kept as bytes: Crypto's SymmetricKey is not Sendable; one is made per use.
  private let key: CommandTokenKey
  private let previousKeys: [CommandTokenKey]

  public init(key: CommandTokenKey, previousKeys: [CommandTokenKey] = []) {
    self.key = key
    self.previousKeys = previousKeys
  }

  /// The respond address of statement `id` (`LS-2026-0042`) on `gateway`.
  public func respondAddress(statement id: String, on gateway: String) -> String {
    commandAddress(.respond, id: id, contentHash: nil).address(on: gateway)
  }

  /// The approve address of draft `id` whose content hashes to `contentHash`.
  public func approveAddress(draft id: String, contentHash: String, on gateway: String) -> String {
    commandAddress(.approve, id: id, contentHash: contentHash).address(on: gateway)
  }

  public func commandAddress(_ purpose: CommandAddress.Purpose, id: String, contentHash: String?)
    -> CommandAddress
  {
    CommandAddress(
      purpose: purpose, id: id,
      token: Self.token(key, purpose, id: id.lowercased(), contentHash: contentHash))
  }

  /// Whether `address` carries the right token for its purpose and id, and for an approve
  /// address, for the draft's current `contentHash` (without it, an approve address never
  /// verifies). Compared in constant time, under the key and each previous key.
  public func verify(_ address: CommandAddress, contentHash: String? = nil) -> Bool {
    if address.purpose == .approve && contentHash == nil { return false }
    var matched = false
    for key in [key] + previousKeys {
      let expected = Self.token(key, address.purpose, id: address.id, contentHash: contentHash)
      // Every key is tried whatever the outcome, so timing says nothing about which.
      matched = Self.constantTimeEqual(expected, address.token) || matched
    }
    return matched
  }

  static func token(
    _ key: CommandTokenKey, _ purpose: CommandAddress.Purpose, id: String, contentHash: String?
  ) -> String {
    // Fields separated by NUL, which none of them can hold, under a versioned label.
    var message = Array("liaisond command address v1".utf8) + [0]
    message += Array(purpose.rawValue.utf8) + [0] + Array(id.utf8) + [0]
    if purpose == .approve { message += Array((contentHash ?? "").lowercased().utf8) }
    let mac = Array(
      HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: key.bytes)))
    return base32(mac, characters: tokenLength)
  }

  /// The first `characters` * 5 bits of `bytes`, in the alphabet, most significant first.
  static func base32(_ bytes: [UInt8], characters: Int) -> String {
    var out = ""
    var buffer: UInt32 = 0
    var bits = 0
    var index = 0
    while out.count < characters {
      if bits < 5 {
        buffer = (buffer << 8) | UInt32(bytes[index])
        index += 1
        bits += 8
      }
      out.append(alphabet[Int((buffer >> UInt32(bits - 5)) & 0x1F)])
      bits -= 5
    }
    return out
  }

  static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
    let x = Array(a.utf8)
    let y = Array(b.utf8)
    guard x.count == y.count else { return false }
    var difference: UInt8 = 0
    for i in x.indices { difference |= x[i] ^ y[i] }
    return difference == 0
  }
}
