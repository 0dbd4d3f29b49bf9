/// A message of a batch that is being prepared (parsed, extracted) while a message before
/// it commits, so that the cores share a backlog (`MailboxPoller.Preparer`).
/// The poller only hands it back: to the recorder at the message's turn, or to `abandon`
/// when the batch ends before that turn.
public struct PreparedMessage: Sendable {
  private let work: Task<any Sendable, Never>
  private let release: @Sendable () async -> Void

  /// - Parameters:
  ///   - work: what the recorder will be given, started at once.
  ///   - abandon: undoes what was begun for this message (its in-hand mark), should its
  ///     turn never come in this batch; run after `work` has finished.
  public init(
    abandon: @escaping @Sendable () async -> Void,
    work: @escaping @Sendable () async -> any Sendable
  ) {
    self.work = Task { await work() }
    self.release = abandon
  }

  /// The prepared value, once ready.
  public var value: any Sendable {
    get async { await work.value }
  }

  /// Waits for the work, then undoes what was begun for the message.
  public func abandon() async {
    _ = await work.value
    await release()
  }
}
