import Synchronization

/// A port a listener bound, known once it runs (configured as 0 in tests).
public final class BoundPort: Sendable {
  private let port = Mutex<Int?>(nil)

  public init() {}

  public var value: Int? { port.withLock { $0 } }

  func set(_ value: Int) { port.withLock { $0 = value } }
}
