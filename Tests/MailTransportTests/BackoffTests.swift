import Testing

@testable import MailTransport

@Suite struct BackoffTests {
  @Test func delaysGrowAndStayWithinBounds() {
    let backoff = Backoff(initial: .seconds(1), maximum: .seconds(60))
    var generator = SystemRandomNumberGenerator()
    for attempt in 0..<20 {
      let ceiling = backoff.ceiling(attempt: attempt)
      let delay = backoff.delay(attempt: attempt, using: &generator)
      #expect(delay <= ceiling)
      #expect(delay >= ceiling / 2)
      #expect(ceiling <= .seconds(60))
    }
    #expect(backoff.ceiling(attempt: 0) == .seconds(1))
    #expect(backoff.ceiling(attempt: 3) == .seconds(8))
    #expect(backoff.ceiling(attempt: 10) == .seconds(60))
    #expect(backoff.ceiling(attempt: 1000) == .seconds(60))
  }
}
