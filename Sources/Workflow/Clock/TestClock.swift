import Foundation
import Synchronization

/// A clock that stands still until told otherwise, for tests.
///
/// `sleep` returns at once and moves the time on by what was asked, so a loop under test
/// runs through its waits (backoff, poll interval) in no real time; `sleeps` keeps what
/// was asked, in order, for the test to check.
public final class TestClock: WallClock {
  private struct State {
    var now: Date
    var sleeps: [Duration] = []
  }

  private let state: Mutex<State>

  public init(now: Date) {
    state = Mutex(State(now: now))
  }

  public func now() -> Date { state.withLock { $0.now } }

  /// Every wait asked for so far.
  public var sleeps: [Duration] { state.withLock { $0.sleeps } }

  public func set(_ date: Date) {
    state.withLock { $0.now = date }
  }

  public func advance(by duration: Duration) {
    state.withLock { $0.now = $0.now.addingTimeInterval(duration.timeInterval) }
  }

  public func sleep(for duration: Duration) async throws {
    try Task.checkCancellation()
    state.withLock {
      $0.sleeps.append(duration)
      $0.now = $0.now.addingTimeInterval(duration.timeInterval)
    }
    // Let other tasks run, as a real sleep would.
    await Task.yield()
    try Task.checkCancellation()
  }
}

extension Duration {
  /// The duration in seconds, for `Date` arithmetic.
  var timeInterval: TimeInterval {
    let (seconds, attoseconds) = components
    return TimeInterval(seconds) + TimeInterval(attoseconds) / 1e18
  }
}
