import CoreMetrics
import Daemon
import Foundation
import Testing
import Workflow

@Suite("Health and metrics")
struct HealthStateTests {
  let start = Date(timeIntervalSince1970: 1_800_000_000)

  @Test("polling turns unhealthy once no poll has succeeded for longer than the threshold")
  func pollThreshold() async {
    let health = HealthState(
      pollThreshold: .seconds(300), sendThreshold: .seconds(600), startedAt: start)
    #expect(await health.report(now: start.addingTimeInterval(299)).healthy)
    let never = await health.report(now: start.addingTimeInterval(301))
    #expect(!never.healthy && !never.poll.healthy)
    #expect(never.problems == ["no poll has succeeded in the 301 s since start"])

    await health.pollSucceeded(at: start.addingTimeInterval(310))
    #expect(await health.report(now: start.addingTimeInterval(320)).healthy)
    await health.pollFailed(at: start.addingTimeInterval(370))
    // One failure is not yet unhealthy: the threshold counts from the last success.
    #expect(await health.report(now: start.addingTimeInterval(600)).healthy)
    let failing = await health.report(now: start.addingTimeInterval(611))
    #expect(failing.problems == ["no poll has succeeded for 301 s"])
    #expect(failing.poll.failingSince == "2027-01-15T08:06:10Z")
  }

  @Test("sending turns unhealthy only after failing for longer than its threshold")
  func sendThreshold() async {
    let health = HealthState(
      pollThreshold: .seconds(300), sendThreshold: .seconds(600), startedAt: start)
    await health.pollSucceeded(at: start)
    await health.sendFailed(at: start)
    await health.sendFailed(at: start.addingTimeInterval(200))
    #expect(await health.report(now: start.addingTimeInterval(250)).send.healthy)
    await health.pollSucceeded(at: start.addingTimeInterval(601))
    let down = await health.report(now: start.addingTimeInterval(601))
    #expect(!down.healthy && !down.send.healthy && down.poll.healthy)
    #expect(down.problems == ["sending has failed for 601 s"])
    await health.sendSucceeded(at: start.addingTimeInterval(602))
    #expect(await health.report(now: start.addingTimeInterval(603)).healthy)
  }

  @Test(
    "intake turns unhealthy when mail waits and none has left the mailbox for more than two poll intervals"
  )
  func intakeStall() async {
    let clock = TestClock(now: start)
    let health = HealthState(
      pollThreshold: .seconds(900), sendThreshold: .seconds(1800), startedAt: clock.now(),
      pollInterval: .seconds(60))
    await health.pollSucceeded(at: clock.now())
    await health.intakeObserved(waiting: 3, moved: 0, at: clock.now())
    clock.advance(by: .seconds(60))
    // The poll itself keeps succeeding: only the stall tells.
    await health.pollSucceeded(at: clock.now())
    await health.intakeObserved(waiting: 3, moved: 0, at: clock.now())
    clock.advance(by: .seconds(60))
    #expect(await health.report(now: clock.now()).healthy, "two intervals are allowed")
    clock.advance(by: .seconds(1))
    let stalled = await health.report(now: clock.now())
    #expect(!stalled.healthy && stalled.poll.healthy)
    #expect(stalled.problems == ["mail waits in the mailbox and none has been taken in for 121 s"])
    #expect(stalled.intakeStalledSince == "2027-01-15T08:00:00Z")

    await health.intakeObserved(waiting: 3, moved: 1, at: clock.now())
    #expect(await health.report(now: clock.now()).healthy, "one message left: intake advanced")
    await health.intakeObserved(waiting: 0, moved: 0, at: clock.now())
    clock.advance(by: .seconds(600))
    await health.pollSucceeded(at: clock.now())
    #expect(await health.report(now: clock.now()).healthy, "an empty mailbox is no stall")

    // A cycle that fails while mail waits stands intake still too.
    await health.mailboxSeen(waiting: 2)
    await health.intakeFailed(at: clock.now())
    clock.advance(by: .seconds(121))
    await health.pollSucceeded(at: clock.now())
    #expect(await !health.report(now: clock.now()).healthy)
  }

  @Test(
    "the outbox turns unhealthy when mail due for an hour has been neither sent nor rescheduled")
  func outboxStall() async {
    let clock = TestClock(now: start)
    let health = HealthState(
      pollThreshold: .seconds(900), sendThreshold: .seconds(1800), startedAt: clock.now())
    await health.outboxObserved(oldestDue: clock.now())
    clock.advance(by: .seconds(3600))
    await health.pollSucceeded(at: clock.now())
    #expect(await health.report(now: clock.now()).healthy)
    clock.advance(by: .seconds(1))
    await health.pollSucceeded(at: clock.now())
    let stuck = await health.report(now: clock.now())
    #expect(!stuck.healthy && stuck.send.healthy, "no send failed: the sender never moved it")
    #expect(
      stuck.problems == ["outgoing mail due for 3601 s has been neither sent nor rescheduled"])
    await health.outboxObserved(oldestDue: nil)
    #expect(await health.report(now: clock.now()).healthy)
  }

  @Test("a store that cannot be written is unhealthy at once, saying why, until a cycle succeeds")
  func storeUnwritable() async {
    let clock = TestClock(now: start)
    let health = HealthState(
      pollThreshold: .seconds(900), sendThreshold: .seconds(1800), startedAt: clock.now())
    await health.pollSucceeded(at: clock.now())
    await health.storeFailed(reason: "database or disk is full")
    let report = await health.report(now: clock.now())
    #expect(!report.healthy)
    #expect(report.problems == ["the record cannot be written: database or disk is full"])
    #expect(report.storeUnwritable == "database or disk is full")
    await health.storeWritten()
    #expect(await health.report(now: clock.now()).healthy)
  }

  @Test("the /healthz body is JSON with the status and both components")
  func json() async throws {
    let health = HealthState(
      pollThreshold: .seconds(300), sendThreshold: .seconds(600), startedAt: start)
    await health.pollSucceeded(at: start.addingTimeInterval(10))
    let body = await health.json(now: start.addingTimeInterval(40.79))
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
    #expect(object["status"] as? String == "ok")
    let poll = try #require(object["poll"] as? [String: Any])
    // Whole seconds, not 30.79 (issue 18).
    #expect(body.contains(#""seconds_since_success":30}"#), "\(body)")
    #expect(poll["seconds_since_success"] as? Int == 30)
    #expect(poll["last_success"] as? String == "2027-01-15T08:00:10Z")
  }

  @Test("the exposition carries the counters, the outbox gauge and the time since the last poll")
  func exposition() async {
    let metrics = DaemonMetrics()
    let health = HealthState(
      pollThreshold: .seconds(300), sendThreshold: .seconds(600), startedAt: start)
    metrics.messagesFetched.increment(by: 3)
    metrics.messagesRecorded.increment(by: 2)
    metrics.messagesQuarantined.increment()
    metrics.outboxDepth.record(4)
    metrics.pollDuration.recordNanoseconds(120_000_000)
    await health.pollSucceeded(at: start.addingTimeInterval(100))
    let text = await metrics.exposition(health: health, now: start.addingTimeInterval(142))
    let lines = Set(text.split(separator: "\n").map(String.init))
    for expected in [
      "liaisond_messages_fetched_total 3", "liaisond_messages_recorded_total 2",
      "liaisond_messages_quarantined_total 1", "liaisond_outbox_depth 4.0",
      "liaisond_seconds_since_last_successful_poll 42.0", "liaisond_healthy 1.0",
      "liaisond_poll_duration_seconds_count 1", "liaisond_reminders_sent_total 0",
      "liaisond_last_successful_poll_timestamp_seconds 1800000100.0",
    ] {
      #expect(lines.contains(expected), "\(expected) not in:\n\(text)")
    }
  }
}
