/// A secret command address (SPEC.md, "Addresses the gateway hands out"):
/// `LOCAL+<id>.<token>@DOMAIN` for responding to a statement, and
/// `LOCAL+approve-<draft id>.<token>@DOMAIN` for approving a draft.
///
/// Only the form is checked here; whether the token is right is `CommandTokens.verify`.
/// The bare `LOCAL+ls-...` form of earlier versions has no token and is no command address.
public struct CommandAddress: Hashable, Sendable {
  public enum Purpose: String, Hashable, Sendable {
    /// Mail about a routed statement: a draft response or a command.
    case respond
    /// Mail about a draft awaiting approval: `APPROVE`, `REJECT` or a comment.
    case approve
  }

  public var purpose: Purpose
  /// The statement id (`ls-2026-0042`) or draft id, lower-cased.
  public var id: String
  /// Lower-case Crockford base32 (no i, l, o, u: nothing to misread when typed).
  public var token: String

  /// Marks an approve address in the plus part.
  static let approvePrefix = "approve-"

  public init(purpose: Purpose, id: String, token: String) {
    self.purpose = purpose
    self.id = id.lowercased()
    self.token = token.lowercased()
  }

  /// The part after `+`: `ls-2026-0042.k7q3x9m2fpwdq` or `approve-<id>.<token>`.
  public var plusPart: String {
    (purpose == .approve ? Self.approvePrefix : "") + id + "." + token
  }

  /// The whole address on the base address `gateway` (`liaison-coordination@iab.org`).
  public func address(on gateway: String) -> String {
    let parts = gateway.lowercased().split(separator: "@", maxSplits: 1)
    guard parts.count == 2 else { return gateway }
    return "\(parts[0])+\(plusPart)@\(parts[1])"
  }

  /// The command address `address` is, when it is a plus-address of one of `gateways` of
  /// the command form; nil otherwise (another address, the bare `+ls-...` form, an empty
  /// or ill-formed id or token). Case-insensitive.
  public init?(parsing address: String, gateways: [String]) {
    let parts = address.lowercased().split(separator: "@", omittingEmptySubsequences: false)
    guard parts.count == 2, let plus = parts[0].firstIndex(of: "+") else { return nil }
    let base = parts[0][..<plus] + "@" + parts[1]
    guard gateways.contains(where: { $0.lowercased() == base }) else { return nil }
    let tag = parts[0][parts[0].index(after: plus)...]
    guard let dot = tag.lastIndex(of: ".") else { return nil }
    var id = tag[..<dot]
    let token = tag[tag.index(after: dot)...]
    var purpose = Purpose.respond
    if id.hasPrefix(Self.approvePrefix) {
      purpose = .approve
      id = id.dropFirst(Self.approvePrefix.count)
    }
    guard Self.isID(id), token.count == CommandTokens.tokenLength,
      token.allSatisfy({ CommandTokens.alphabet.contains($0) })
    else { return nil }
    self.init(purpose: purpose, id: String(id), token: String(token))
  }

  /// Ids are lower-case letters, digits and inner `-`: no `.`, `+` or `@`.
  static func isID(_ id: Substring) -> Bool {
    !id.isEmpty && id.first != "-" && id.last != "-"
      && id.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
  }
}
