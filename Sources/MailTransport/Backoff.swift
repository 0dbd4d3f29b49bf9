import Foundation

/// Jittered exponential backoff ("full jitter"): the n-th retry waits a random time
/// between half the exponential delay and the whole of it, capped at `maximum`.
///
/// Keeping half the delay fixed stops a crowd of clients from retrying at once while
/// still never retrying in a tight loop.
public struct Backoff: Sendable, Equatable {
  public var initial: Duration
  public var maximum: Duration
  public var multiplier: Double

  public init(
    initial: Duration = .seconds(1), maximum: Duration = .seconds(300), multiplier: Double = 2
  ) {
    precondition(initial > .zero && maximum >= initial && multiplier >= 1, "invalid backoff")
    self.initial = initial
    self.maximum = maximum
    self.multiplier = multiplier
  }

  /// The exponential delay before retry number `attempt` (0 = the first retry), no jitter.
  public func ceiling(attempt: Int) -> Duration {
    let initialSeconds = initial.seconds
    let maximumSeconds = maximum.seconds
    let exponent = Double(max(0, min(attempt, 64)))
    let seconds = min(maximumSeconds, initialSeconds * pow(multiplier, exponent))
    return .seconds(seconds)
  }

  /// The delay before retry number `attempt`, in [ceiling/2, ceiling].
  public func delay(attempt: Int, using generator: inout some RandomNumberGenerator) -> Duration {
    let ceiling = ceiling(attempt: attempt).seconds
    let seconds = Double.random(in: (ceiling / 2)...ceiling, using: &generator)
    return .seconds(seconds)
  }

  public func delay(attempt: Int) -> Duration {
    var generator = SystemRandomNumberGenerator()
    return delay(attempt: attempt, using: &generator)
  }
}

extension Duration {
  /// The duration in seconds as a floating-point number.
  var seconds: Double {
    let (whole, attoseconds) = components
    return Double(whole) + Double(attoseconds) / 1e18
  }
}
