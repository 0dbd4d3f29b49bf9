import Synchronization

/// Asks a loop to stop after the work in hand: set once (by a graceful shutdown), read
/// before each message, and ending the loop's waits early.
///
/// Unlike task cancellation it never interrupts a message half done: a poll cycle checks
/// it between messages, the outbox between mails.
public final class StopSignal: Sendable {
  private struct State {
    var isSet = false
    var nextWaiter = 0
    var waiters: [Int: CheckedContinuation<Void, Never>] = [:]
  }

  private let state = Mutex(State())

  public init() {}

  public var isSet: Bool { state.withLock { $0.isSet } }

  public func set() {
    let waiters = state.withLock { state in
      state.isSet = true
      defer { state.waiters = [:] }
      return Array(state.waiters.values)
    }
    for waiter in waiters { waiter.resume() }
  }

  /// Returns once the signal is set, or the task is cancelled.
  public func wait() async {
    let id = state.withLock { state in
      state.nextWaiter += 1
      return state.nextWaiter
    }
    await withTaskCancellationHandler {
      await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
        let resumeNow = state.withLock { state in
          if state.isSet || Task.isCancelled { return true }
          state.waiters[id] = continuation
          return false
        }
        if resumeNow { continuation.resume() }
      }
    } onCancel: {
      let waiter = state.withLock { $0.waiters.removeValue(forKey: id) }
      waiter?.resume()
    }
  }

  /// Runs `operation`, cancelling it when the signal is set first.
  ///
  /// - Throws: what `operation` throws; `CancellationError` when stopped first.
  public func cancelling<T: Sendable>(_ operation: @escaping @Sendable () async throws -> T)
    async throws -> T
  {
    if isSet { throw CancellationError() }
    return try await withThrowingTaskGroup(of: T?.self) { group in
      group.addTask { try await operation() }
      group.addTask {
        await self.wait()
        return nil
      }
      defer { group.cancelAll() }
      guard let first = try await group.next(), let value = first else {
        throw CancellationError()
      }
      return value
    }
  }

  /// Sleeps on `clock`, ending early when the signal is set or the task is cancelled.
  public func sleep(for duration: Duration, on clock: any WallClock) async {
    _ = try? await cancelling { try await clock.sleep(for: duration) }
  }
}
