import Testing

@testable import MailTransport

/// The thread a client's blocking transfers run on.
@Suite struct ConnectionExecutorTests {
  /// On a backlog, delivery and intake want the same cores; delivery is the one that may
  /// wait. Its thread runs below the daemon's priority, and only its own thread does.
  @Test func deliveryRunsBelowTheDaemonsPriority() async throws {
    let before = ConnectionExecutor.currentNiceness
    let client = SMTPClient(configuration: try SMTPConfiguration(url: "smtp://127.0.0.1:1"))
    let delivering = await client.transferThreadNiceness()
    #expect(delivering == min(19, before + SMTPClient.deliveryNiceness))
    #expect(ConnectionExecutor.currentNiceness == before, "the calling thread keeps its own")
  }

  /// An actor whose jobs run on a `ConnectionExecutor` of its own.
  actor OnItsThread {
    let executor: ConnectionExecutor
    nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }
    init(niceness: Int32) { executor = ConnectionExecutor(name: "test", niceness: niceness) }
    func niceness() -> Int32 { ConnectionExecutor.currentNiceness }
  }

  @Test func onlyTheExecutorAskedToYieldDoes() async throws {
    let before = ConnectionExecutor.currentNiceness
    #expect(await OnItsThread(niceness: 0).niceness() == before, "IMAP's keeps the priority")
    #expect(await OnItsThread(niceness: 3).niceness() == min(19, before + 3))
  }
}
