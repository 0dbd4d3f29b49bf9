import Store

extension StatementRepository {
  /// A repository without an intake (the in-memory one of the web tests) has no failures.
  public func intakeFailures(limit: Int) async throws -> [IntakeFailure] { [] }
}

extension LiaisonStore {
  public func intakeFailures(limit: Int) async throws -> [IntakeFailure] {
    try listIntakeFailures(limit: limit)
  }
}
