import Liaison

extension LiaisondConfiguration {
  /// Who liaisond believes, and what secret its command addresses rest on (SPEC.md,
  /// "Speaking for the IETF").
  public struct Trust: Sendable, Equatable {
    /// The authserv-ids of the receiving MTA whose `Authentication-Results` are believed.
    /// Empty: nobody is authenticated and commands by mail are off.
    public var authservIDs: [String]
    /// The file the token key was read from (`trust.token_key_file`).
    public var tokenKeyFile: String?
    /// The key of respond and approve addresses; nil when none is configured.
    public var tokenKey: CommandTokenKey?
    /// Most mails a day to any one address outside the registry; the rest wait on `/iab`.
    public var outsideRecipientDailyLimit: Int

    public init(
      authservIDs: [String] = [], tokenKeyFile: String? = nil, tokenKey: CommandTokenKey? = nil,
      outsideRecipientDailyLimit: Int = 10
    ) {
      self.authservIDs = authservIDs
      self.tokenKeyFile = tokenKeyFile
      self.tokenKey = tokenKey
      self.outsideRecipientDailyLimit = outsideRecipientDailyLimit
    }
  }

  public struct Approval: Sendable, Equatable {
    /// A draft not approved within this lapses, and its submitter is told.
    public var expireAfter: Duration
    /// Copied on every statement the IETF sends (`approval.statements_archive`).
    public var statementsArchive: String?

    public init(expireAfter: Duration = .days(14), statementsArchive: String? = nil) {
      self.expireAfter = expireAfter
      self.statementsArchive = statementsArchive
    }
  }

  /// The trust settings that work but leave commands by mail off.
  var trustWarnings: [ConfigurationIssue] {
    let location = sourcePath ?? "configuration"
    var warnings: [ConfigurationIssue] = []
    if trust.authservIDs.isEmpty {
      warnings.append(
        ConfigurationIssue(
          kind: .missing, key: "trust.authserv_id", location: location,
          message:
            "not set: no sender is authenticated, so commands by mail are off (responses, "
            + "approvals); set it to the authserv-id your MTA writes in Authentication-Results"))
    }
    if tokenKeyMissing {
      warnings.append(
        ConfigurationIssue(
          kind: .missing, key: "trust.token_key_file", location: location,
          message:
            "not set: no respond or approve address can be made, so commands by mail are off; "
            + "create a key with: head -c 32 /dev/urandom > token-key"))
    }
    return warnings
  }

  private var tokenKeyMissing: Bool { trust.tokenKey == nil && trust.tokenKeyFile == nil }
}
