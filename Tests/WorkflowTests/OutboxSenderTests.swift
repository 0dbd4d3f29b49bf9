import Foundation
import MailTransport
import Store
import Synchronization
import Testing

@testable import Workflow

/// The outbox pass and loop against a scripted SMTP server, a real store and a test
/// clock: the same code the daemon runs, in no real time.
@Suite struct OutboxSenderTests {
  static let start = ISO8601DateFormatter().date(from: "2026-11-23T09:00:00Z")!
  let store: LiaisonStore
  let clock = TestClock(now: OutboxSenderTests.start)

  init() throws {
    store = try LiaisonStore.temporary()
  }

  @discardableResult
  func queue(_ key: String, to recipients: [String] = ["chair@example.org"]) throws -> Int64 {
    try store.enqueue(
      OutboxMail(
        kind: "notification", messageID: "<\(key)@liaisond.example>",
        envelopeFrom: "liaison-coordination@iab.org", recipients: recipients,
        data: Array("Subject: \(key)\r\n\r\nA statement.\r\n".utf8), dedupeKey: key,
        notBefore: clock.now()),
      at: clock.now()
    ).id
  }

  func makeSender(
    _ smtp: ScriptedMailSender, batchSize: Int = 50, giveUpAfter: Duration = .seconds(5 * 86_400),
    onPass: OutboxSender.PassObserver? = nil
  ) -> OutboxSender {
    OutboxSender(
      store: store, sender: smtp,
      configuration: OutboxSender.Configuration(
        backoff: Backoff(initial: .seconds(60), maximum: .seconds(3600)),
        giveUpAfter: giveUpAfter, batchSize: batchSize, interval: .seconds(5)),
      clock: clock, onPass: onPass)
  }

  func item(_ id: Int64) throws -> OutboxItem { try #require(try store.outboxItem(id)) }

  @Test func aDeliveredMailIsMarkedSentAtTheClocksTime() async throws {
    let id = try queue("notify:1")
    clock.advance(by: .seconds(30))
    let report = try await makeSender(ScriptedMailSender()).sendDue()
    #expect(report.sent == 1)
    #expect(try item(id).status == .sent)
    #expect(try item(id).sentAt == Self.start.addingTimeInterval(30))
  }

  @Test func a4xxRecipientIsQueuedAgainAloneAfterABackoff() async throws {
    let id = try queue("notify:mixed", to: ["chair@example.org", "busy@example.org"])
    let smtp = ScriptedMailSender([.refusing(["busy@example.org": 450])])
    let report = try await makeSender(smtp).sendDue()
    #expect(report.sent == 1 && report.deferredRecipients == 1)
    #expect(try item(id).status == .sent)
    // Not due yet: the deferred recipient waits the backoff of a first retry (30 to 60 s).
    #expect(try store.dueOutbox(now: clock.now(), limit: 10).isEmpty)
    let due = try store.dueOutbox(now: clock.now().addingTimeInterval(60), limit: 10)
    #expect(due.map(\.mail.recipients) == [["busy@example.org"]])
    #expect(due.first?.mail.dedupeKey == "notify:mixed#deferred-1")

    clock.advance(by: .seconds(60))
    #expect(try await makeSender(smtp).sendDue().sent == 1)
    #expect(
      smtp.sent.map(\.to) == [["chair@example.org", "busy@example.org"], ["busy@example.org"]])
    #expect(try store.outboxCounts() == OutboxCounts(queued: 0, sent: 2, failed: 0))
  }

  @Test func a5xxFailsTheMailVisiblyAndIsNeverRetried() async throws {
    let all = try queue("notify:dead", to: ["gone@example.org"])
    let mixed = try queue("notify:mixed", to: ["chair@example.org", "gone@example.org"])
    let smtp = ScriptedMailSender([
      .refusing(["gone@example.org": 550]), .refusing(["gone@example.org": 550]),
    ])
    let report = try await makeSender(smtp).sendDue()
    #expect(report.sent == 1 && report.failed == 2 && report.refusedRecipients == 2)
    #expect(try item(all).status == .failed)
    #expect(try item(mixed).status == .sent)
    #expect(try store.outboxCounts() == OutboxCounts(queued: 0, sent: 1, failed: 2))
    clock.advance(by: .seconds(86_400))
    #expect(try await makeSender(smtp).sendDue() == OutboxSender.PassReport())
    #expect(smtp.sent.count == 2)
  }

  @Test func aTransaction5xxFailsAndA4xxRetries() async throws {
    let refused = try queue("notify:refused")
    let later = try queue("notify:later")
    let smtp = ScriptedMailSender([
      .failing(ScriptedMailSender.rejected(554)), .failing(ScriptedMailSender.rejected(421)),
    ])
    let report = try await makeSender(smtp).sendDue()
    #expect(report.failed == 1 && report.retried == 1)
    #expect(try item(refused).status == .failed)
    let retry = try item(later)
    #expect(retry.status == .queued && retry.attempts == 1)
    #expect(retry.nextAttempt > clock.now() && retry.nextAttempt <= clock.now() + 60)
  }

  @Test func anUnreachableServerEndsThePassAndLosesNothing() async throws {
    for n in 0..<3 { try queue("notify:\(n)") }
    let smtp = ScriptedMailSender([.failing(ScriptedMailSender.unreachable)])
    let down = try await makeSender(smtp).sendDue()
    #expect(down.retried == 1 && down.sent == 0)
    #expect(smtp.sent.count == 1, "the pass went on although the server was away")
    #expect(try store.outboxCounts().queued == 3)

    clock.advance(by: .seconds(3600))
    #expect(try await makeSender(smtp).sendDue().sent == 3)
    #expect(try store.outboxCounts() == OutboxCounts(queued: 0, sent: 3, failed: 0))
  }

  @Test func itGivesUpAfterTheRetryWindow() async throws {
    let id = try queue("notify:old")
    let smtp = ScriptedMailSender([
      .failing(ScriptedMailSender.unreachable), .failing(ScriptedMailSender.unreachable),
    ])
    let sender = makeSender(smtp, giveUpAfter: .seconds(3600))
    #expect(try await sender.sendDue().retried == 1)
    clock.advance(by: .seconds(3600))
    let report = try await sender.sendDue()
    #expect(report.failed == 1)
    let failed = try item(id)
    #expect(
      failed.status == .failed && failed.lastError?.hasPrefix("gave up after 2 attempts") == true)
  }

  @Test func aBacklogDrainsWithoutPausingBetweenPasses() async throws {
    for n in 0..<120 { try queue("notify:\(n)") }
    let stop = StopSignal()
    let passes = Mutex<[Int]>([])
    let store = store
    let sender = makeSender(ScriptedMailSender(), batchSize: 50) { result in
      passes.withLock { $0.append((try? result.get())?.sent ?? -1) }
      if (try? store.outboxCounts().queued) == 0 { stop.set() }
    }
    await sender.run(until: stop)
    #expect(passes.withLock { $0 } == [50, 50, 20])
    #expect(clock.sleeps.isEmpty, "paused during a backlog: \(clock.sleeps)")
  }

  @Test func withNothingDueTheLoopWaitsItsInterval() async throws {
    let stop = StopSignal()
    let passes = Mutex(0)
    let sender = makeSender(ScriptedMailSender()) { _ in
      if passes.withLock({
        $0 += 1
        return $0
      }) == 3 {
        stop.set()
      }
    }
    await sender.run(until: stop)
    #expect(clock.sleeps == [.seconds(5), .seconds(5)])
  }

  @Test("mail queued while the loop is busy goes out at once when it is rung, not on the next tick")
  func aRingSendsQueuedMailWithoutWaitingTheInterval() async throws {
    let stop = StopSignal()
    let wake = WakeSignal()
    let passes = Mutex<[Int]>([])
    let sender = makeSender(ScriptedMailSender()) { [self] result in
      let sent = (try? result.get())?.sent ?? -1
      let count = passes.withLock {
        $0.append(sent)
        return $0.count
      }
      if count == 1 {
        // Intake queues a notification during the pass and rings, as the daemon does.
        _ = try? queue("notify:rung")
        wake.ring()
      } else {
        stop.set()
      }
    }
    await sender.run(until: stop, wake: wake)
    #expect(passes.withLock { $0 } == [0, 1])
    #expect(clock.sleeps.isEmpty, "no interval waited: \(clock.sleeps)")
  }

  @Test func aStopFinishesTheMailInHandAndLeavesTheRest() async throws {
    for n in 0..<5 { try queue("notify:\(n)") }
    let stop = StopSignal()
    let smtp = ScriptedMailSender { count in if count == 2 { stop.set() } }
    let report = try await makeSender(smtp).sendDue(until: stop)
    #expect(report.sent == 2)
    #expect(try store.outboxCounts() == OutboxCounts(queued: 3, sent: 2, failed: 0))
  }
}
