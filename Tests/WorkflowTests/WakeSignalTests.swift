import Foundation
import Testing

@testable import Workflow

/// The outbox's wake-up (issue 19): a ring ends the wait at once, one ring while nobody
/// waits is kept for exactly one wait, and a stop still ends it.
@Suite struct WakeSignalTests {
  let clock = TestClock(now: Date(timeIntervalSince1970: 1_795_424_400))

  @Test("a ring while nobody waits ends the next wait at once, and only that one")
  func pendingRingIsKeptForOneWait() async {
    let wake = WakeSignal()
    let stop = StopSignal()
    wake.ring()
    await wake.wait(upTo: .seconds(5), on: clock, until: stop)
    #expect(clock.sleeps.isEmpty, "woken without sleeping")
    await wake.wait(upTo: .seconds(5), on: clock, until: stop)
    #expect(clock.sleeps == [.seconds(5)], "the ring was used up: the interval again")
  }

  @Test("a ring from another task ends a wait of an hour", .timeLimit(.minutes(1)))
  func ringWakesAWaiter() async {
    let wake = WakeSignal()
    let stop = StopSignal()
    async let waited: Void = wake.wait(upTo: .seconds(3600), on: SystemClock(), until: stop)
    wake.ring()
    await waited
    #expect(!stop.isSet)
  }

  @Test("a stop ends a wait of an hour", .timeLimit(.minutes(1)))
  func stopEndsTheWait() async {
    let wake = WakeSignal()
    let stop = StopSignal()
    async let waited: Void = wake.wait(upTo: .seconds(3600), on: SystemClock(), until: stop)
    stop.set()
    await waited
    #expect(stop.isSet)
  }
}
