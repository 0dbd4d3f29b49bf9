import Foundation

/// The machine's clock: what production runs on.
public struct SystemClock: WallClock {
  public init() {}

  public func now() -> Date { Date() }

  public func sleep(for duration: Duration) async throws {
    try await Task.sleep(for: duration)
  }
}
