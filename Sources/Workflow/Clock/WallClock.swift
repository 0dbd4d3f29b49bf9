import Foundation

/// The time as the loops and the process see it: the date to stamp on what they record
/// and queue, and the waits between their cycles.
///
/// Injected everywhere a date is taken, so that a test sets the time instead of reading
/// the calendar (a test pinned to a date must pass on any real date), and sleeps cost a
/// test no real time.
public protocol WallClock: Sendable {
  /// The current instant.
  func now() -> Date
  /// Waits `duration`; throws `CancellationError` when the task is cancelled.
  func sleep(for duration: Duration) async throws
}
