/// One of liaisond's own mails, found again by its Message-ID (a reply to it names it).
public struct OwnMail: Sendable, Hashable {
  /// The statement the mail was about; nil for mail about none (the weekly digest).
  public var statementID: String?

  public init(statementID: String?) {
    self.statementID = statementID
  }
}
