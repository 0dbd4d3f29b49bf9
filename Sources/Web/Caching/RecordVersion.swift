import Synchronization

/// The version of the record the web's cached pages are checked against, known without a
/// read of the store per request. This is the one rule of how soon a change is seen:
///
/// - a write through the store this process serves (the daemon's intake, `/iab` actions)
///   is seen by the next request: the repository says when it commits (`onWrite`), and the
///   counter is read again;
/// - a write by another process on the same store (`liaisond run` beside `liaisond serve`,
///   a CLI command) is seen within `otherProcessBound`: the counter is read again once the
///   last read is older than that.
///
/// The day is part of the version (pages mark what is overdue today) and is taken at each
/// read of the counter, so a new day is seen within the same bound.
final class RecordVersion: Sendable {
  /// How long a write by another process may go unseen.
  static let otherProcessBound: Duration = .milliseconds(250)

  private let readChanges: @Sendable () async throws -> Int64
  private let today: @Sendable () -> String
  private let clock: @Sendable () -> ContinuousClock.Instant
  private let bound: Duration
  private let state = Mutex(State())

  private struct State {
    var known: ResponseCache.Version?
    /// When the read that gave `known` began.
    var readAt: ContinuousClock.Instant?
    /// Writes of this process counted when that read began; `known` is current only while
    /// no write came since.
    var writesAtRead: UInt64 = 0
    var writes: UInt64 = 0
  }

  init(
    bound: Duration = RecordVersion.otherProcessBound,
    clock: @escaping @Sendable () -> ContinuousClock.Instant = { .now },
    today: @escaping @Sendable () -> String,
    readChanges: @escaping @Sendable () async throws -> Int64
  ) {
    self.bound = bound
    self.clock = clock
    self.today = today
    self.readChanges = readChanges
  }

  /// The version known to be current without reading the store, or nil when it must be
  /// read again (`current()`). Cheap: a clock read and a lock.
  func known() -> ResponseCache.Version? {
    let now = clock()
    return state.withLock { state in
      guard let known = state.known, let readAt = state.readAt, state.writesAtRead == state.writes,
        now - readAt < bound
      else { return nil }
      return known
    }
  }

  /// The current version: the known one, or read from the store now.
  func current() async throws -> ResponseCache.Version {
    if let known = known() { return known }
    let started = clock()
    let writes = state.withLock { $0.writes }
    let version = ResponseCache.Version(changes: try await readChanges(), day: today())
    state.withLock { state in
      // A slower read that began earlier must not replace a later one.
      if let readAt = state.readAt, readAt > started { return }
      state.known = version
      state.readAt = started
      state.writesAtRead = writes
    }
    return version
  }

  /// This process wrote to the record: the next request reads the counter again.
  func recordWritten() {
    state.withLock { $0.writes &+= 1 }
  }
}
