import Store

extension StatementRepository {
  /// A repository without an outbox (the in-memory one of the web tests) kept nothing back.
  public func withheldOutboundMail(limit: Int) async throws -> [WithheldMail] { [] }
}

extension LiaisonStore {
  public func withheldOutboundMail(limit: Int) async throws -> [WithheldMail] {
    try withheldMail(limit: limit)
  }
}
