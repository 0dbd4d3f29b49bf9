import Foundation
import Liaison

/// What the liaison process needs to know about its deployment (SPEC.md "Configuration").
public struct ProcessConfiguration: Hashable, Sendable {
  /// The central address statements arrive at (`liaison-coordination@iab.org`). Commands
  /// come to its secret plus-addresses (`CommandAddress`).
  public var gatewayAddress: String
  /// Further addresses that are also the gateway (old aliases such as `statements@ietf.org`).
  public var otherGatewayAddresses: [String]
  /// The From of every mail liaisond sends, display name included.
  public var from: String
  /// Base URL of the public record; a statement's page is `<publicURL>/ls/<id>`.
  public var publicURL: String
  public var iabContact: String
  public var irtfContact: String
  /// Days before the deadline at which For-Action receivers are reminded; always includes 0
  /// (the deadline day).
  public var reminderOffsets: [Int]
  /// Days between reminders once the deadline has passed.
  public var overdueEvery: Int
  /// Days after the deadline after which overdue reminders stop (the digest still lists it).
  public var overdueLimit: Int
  /// Whether For-Information statements get a courtesy acknowledgement.
  public var acknowledgeInformation: Bool
  /// At most this many acknowledgements to one address per `acknowledgementWindow`.
  public var acknowledgementLimit: Int
  public var acknowledgementWindow: TimeInterval
  /// At most this many mails a UTC day to one address outside the registry
  /// (`trust.outside_recipient_daily_limit`); `OutboundPolicy` holds the rest.
  public var outsideRecipientDailyLimit: Int
  /// The key of respond and approve addresses (`trust.token_key_file`); without one no
  /// command address is handed out and every command by mail is refused.
  public var tokenKey: CommandTokenKey?
  /// A draft not approved within this lapses (`approval.expire_after`).
  public var approvalExpiry: TimeInterval
  /// Copied on every statement the IETF sends (`outgoing.archive`); nil for none.
  public var statementsArchive: String?
  /// The largest attachment a submission may carry (`outgoing.max_attachment_size`).
  public var maximumAttachmentBytes: Int

  public init(
    gatewayAddress: String = "liaison-coordination@iab.org", otherGatewayAddresses: [String] = [],
    from: String? = nil, publicURL: String = "http://127.0.0.1:8080",
    iabContact: String = "liaison-coordination@iab.org",
    irtfContact: String = "irtf-chair@irtf.org",
    reminderOffsets: [Int] = [14, 7, 1, 0], overdueEvery: Int = 7, overdueLimit: Int = 56,
    acknowledgeInformation: Bool = true, acknowledgementLimit: Int = 5,
    acknowledgementWindow: TimeInterval = 86_400, tokenKey: CommandTokenKey? = nil,
    approvalExpiry: TimeInterval = 14 * 86_400,
    outsideRecipientDailyLimit: Int = 10, statementsArchive: String? = nil,
    maximumAttachmentBytes: Int = 20 * 1024 * 1024
  ) {
    self.statementsArchive = statementsArchive?.lowercased()
    self.maximumAttachmentBytes = maximumAttachmentBytes
    self.gatewayAddress = gatewayAddress.lowercased()
    self.otherGatewayAddresses = otherGatewayAddresses.map { $0.lowercased() }
    self.from = from ?? "IETF Liaison Coordination <\(gatewayAddress.lowercased())>"
    self.publicURL = publicURL.hasSuffix("/") ? String(publicURL.dropLast()) : publicURL
    self.iabContact = iabContact.lowercased()
    self.irtfContact = irtfContact.lowercased()
    // The deadline day itself is always a reminder (`T`); configurations list the days before.
    self.reminderOffsets = Array(Set(reminderOffsets.filter { $0 >= 0 } + [0])).sorted(by: >)
    self.overdueEvery = overdueEvery
    self.overdueLimit = overdueLimit
    self.acknowledgeInformation = acknowledgeInformation
    self.acknowledgementLimit = acknowledgementLimit
    self.acknowledgementWindow = acknowledgementWindow
    self.outsideRecipientDailyLimit = outsideRecipientDailyLimit
    self.tokenKey = tokenKey
    self.approvalExpiry = approvalExpiry
  }

  /// The tokens of command addresses, when a key is configured.
  public var commandTokens: CommandTokens? { tokenKey.map { CommandTokens(key: $0) } }

  /// The secret respond address of statement `id`, or nil without a token key.
  public func respondAddress(for id: String) -> String? {
    commandTokens?.respondAddress(statement: id, on: gatewayAddress)
  }

  /// `LOCAL+new@DOMAIN`: where the IETF's own statements are submitted.
  public var submissionAddress: String {
    let parts = gatewayAddress.split(separator: "@", maxSplits: 1)
    return parts.count == 2 ? "\(parts[0])+new@\(parts[1])" : gatewayAddress
  }

  /// Whether `address` is the submission address of one of the gateway's addresses.
  public func isSubmissionAddress(_ address: String) -> Bool {
    gatewayAddresses.contains { gateway in
      let parts = gateway.split(separator: "@", maxSplits: 1)
      return parts.count == 2 && address.lowercased() == "\(parts[0])+new@\(parts[1])"
    }
  }

  /// Every address that is the gateway itself, lower-cased.
  public var gatewayAddresses: [String] { [gatewayAddress] + otherGatewayAddresses }

  /// The domain of the gateway, also the right-hand side of every Message-ID liaisond makes.
  public var gatewayDomain: String {
    gatewayAddress.split(separator: "@").last.map(String.init) ?? "localhost"
  }

  /// Whether `address` is the gateway or one of its plus-addresses.
  public func isGateway(_ address: String) -> Bool {
    let lower = address.lowercased()
    let parts = lower.split(separator: "@", maxSplits: 1)
    guard parts.count == 2 else { return false }
    let local = parts[0].split(separator: "+", maxSplits: 1).first ?? parts[0]
    return gatewayAddresses.contains("\(local)@\(parts[1])")
  }

  /// The statement id a per-statement address carries (the inverse of `replyAddress`):
  /// `liaison-coordination+ls-2026-0042@iab.org` -> `LS-2026-0042`.
  public func statementID(inReplyAddress address: String) -> String? {
    let parts = address.lowercased().split(separator: "@", maxSplits: 1)
    guard parts.count == 2, let plus = parts[0].firstIndex(of: "+"),
      gatewayAddresses.contains("\(parts[0][..<plus])@\(parts[1])")
    else { return nil }
    let pieces = parts[0][parts[0].index(after: plus)...].split(
      separator: "-", omittingEmptySubsequences: false)
    // `msg-`: a private record (a chair's draft) has an id of the MSG series.
    guard pieces.count == 3, pieces[0] == "ls" || pieces[0] == "msg", pieces[1].count == 4,
      (1...6).contains(pieces[2].count),
      pieces[1].allSatisfy(\.isASCII), pieces[1].allSatisfy(\.isNumber),
      pieces[2].allSatisfy(\.isASCII), pieces[2].allSatisfy(\.isNumber)
    else { return nil }
    return "\(pieces[0].uppercased())-\(pieces[1])-\(pieces[2])"
  }

  /// `LS-2026-0042`, or `MSG-2026-0007` (a private record's).
  /// `LS-2026-0042`.
  public static func isStatementID(_ text: String) -> Bool {
    let pieces = text.split(separator: "-", omittingEmptySubsequences: false)
    return pieces.count == 3 && (pieces[0] == "LS" || pieces[0] == "MSG") && pieces[1].count == 4
      && (1...6).contains(pieces[2].count)
      && pieces.dropFirst().allSatisfy { $0.allSatisfy { $0.isASCII && $0.isNumber } }
  }

  public func recordURL(for id: String) -> String { "\(publicURL)/ls/\(id)" }
}
