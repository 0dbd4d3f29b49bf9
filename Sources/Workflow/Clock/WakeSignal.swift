import Synchronization

/// Ends a loop's wait as soon as there is work for it: rung by whoever makes the work
/// (intake that queued mail), waited on by the loop that does it (the outbox sender).
///
/// A ring while nobody waits is kept for the next wait, so work queued during a pass is
/// never left for the next tick. The interval stays as the fallback for what no ring
/// announces (mail queued by another process, a retry coming due).
public final class WakeSignal: Sendable {
  private struct State {
    var pending = false
    var nextWaiter = 0
    var waiters: [Int: CheckedContinuation<Void, Never>] = [:]
  }

  private let state = Mutex(State())

  public init() {}

  /// Wakes the loop now, or at its next wait if it is busy.
  public func ring() {
    let waiters = state.withLock { state in
      defer { state.waiters = [:] }
      if state.waiters.isEmpty { state.pending = true }
      return Array(state.waiters.values)
    }
    for waiter in waiters { waiter.resume() }
  }

  /// Returns when rung (at once when rung since the last wait), after `duration` on
  /// `clock`, or when `stop` is set or the task is cancelled.
  public func wait(upTo duration: Duration, on clock: any WallClock, until stop: StopSignal) async {
    let rung = state.withLock { state in
      defer { state.pending = false }
      return state.pending
    }
    if rung { return }
    await withTaskGroup(of: Void.self) { group in
      group.addTask { await stop.sleep(for: duration, on: clock) }
      group.addTask { await self.rung() }
      _ = await group.next()
      group.cancelAll()
    }
  }

  private func rung() async {
    let id = state.withLock { state in
      state.nextWaiter += 1
      return state.nextWaiter
    }
    await withTaskCancellationHandler {
      await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
        let resumeNow = state.withLock { state in
          if state.pending || Task.isCancelled {
            state.pending = false
            return true
          }
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
}
