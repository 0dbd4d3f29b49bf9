import MailBenchSupport
import Testing

@testable import MailTransport

@Suite(.serialized) struct IMAPIdlerIntegrationTests {
  // The 2 s latency target is measured by scripts/bench-imap (a benchmark, not a timed
  // test): under a loaded CI machine the IDLE set-up alone can take longer.
  @Test func idleNoticesAnAppend() async throws {
    try await MailBench.with { bench in
      let configuration = try bench.imapConfiguration()
      let idler = IMAPIdler(configuration: configuration)
      let client = IMAPClient(configuration: configuration)
      #expect(try await idler.supportsIdle())
      let status = try await client.status(of: "INBOX")
      async let news = idler.waitForNews(
        in: "INBOX", knownUIDNext: status.uidNext, timeout: .seconds(30))
      try await Task.sleep(for: .milliseconds(300))
      try await client.append(testMessage(1), to: "INBOX")
      #expect(try await news)
      // Nothing new afterwards: the wait ends by its timeout, reporting no news.
      let after = try await client.status(of: "INBOX")
      #expect(
        try await idler.waitForNews(
          in: "INBOX", knownUIDNext: after.uidNext, timeout: .milliseconds(500)) == false)
    }
  }

  /// News returns right after DONE is sent, without its answer: the next wait reads it
  /// and idles again on the same connection, noticing the next arrival.
  @Test func eachArrivalIsNoticedOnOneConnection() async throws {
    try await MailBench.with { bench in
      let configuration = try bench.imapConfiguration()
      let idler = IMAPIdler(configuration: configuration)
      let client = IMAPClient(configuration: configuration)
      for index in 1...3 {
        let status = try await client.status(of: "INBOX")
        async let news = idler.waitForNews(
          in: "INBOX", knownUIDNext: status.uidNext, timeout: .seconds(30))
        try await Task.sleep(for: .milliseconds(300))
        try await client.append(testMessage(index), to: "INBOX")
        #expect(try await news)
      }
      #expect(await idler.connectionsOpened == 1)
    }
  }

  /// A server restart between two waits: the next wait opens a fresh connection and
  /// tells of what arrived, rather than failing (which costs the poller its fallback wait).
  @Test func aLostConnectionIsReplacedAtOnce() async throws {
    try await MailBench.with { bench in
      let configuration = try bench.imapConfiguration()
      let idler = IMAPIdler(configuration: configuration)
      #expect(try await idler.supportsIdle())
      try await bench.run("stop-dovecot")
      try await bench.run("start-dovecot")
      let client = IMAPClient(configuration: configuration)
      let before = try await client.status(of: "INBOX")
      try await client.append(testMessage(1), to: "INBOX")
      #expect(
        try await idler.waitForNews(
          in: "INBOX", knownUIDNext: before.uidNext, timeout: .seconds(30)))
      #expect(await idler.connectionsOpened == 2)
    }
  }

  /// With a check interval the wait asks with NOOP and never idles: it notices an append,
  /// and a move of a message out of the mailbox (the poller's own, an EXPUNGE) is no news.
  @Test func aCheckIntervalAsksWithNoopInsteadOfIdling() async throws {
    try await MailBench.with { bench in
      let configuration = try bench.imapConfiguration()
      let idler = IMAPIdler(configuration: configuration, checkInterval: .milliseconds(100))
      let client = IMAPClient(configuration: configuration)
      try await client.append(testMessage(1), to: "INBOX")
      let status = try await client.status(of: "INBOX")
      async let quiet = idler.waitForNews(
        in: "INBOX", knownUIDNext: status.uidNext, timeout: .seconds(2))
      try await Task.sleep(for: .milliseconds(500))
      let uids = try await client.searchUIDs(in: "INBOX", uidValidity: status.uidValidity)
      try await client.move(
        uids: uids, from: "INBOX", uidValidity: status.uidValidity, to: "Processed")
      #expect(try await quiet == false)
      let after = try await client.status(of: "INBOX")
      #expect(after.messages == 0)
      async let news = idler.waitForNews(
        in: "INBOX", knownUIDNext: after.uidNext, timeout: .seconds(30))
      try await Task.sleep(for: .milliseconds(300))
      try await client.append(testMessage(2), to: "INBOX")
      #expect(try await news)
      let checks = await idler.checks
      #expect(checks.idles == 0)
      #expect(checks.waits == 2)
      #expect(checks.noops >= 2)
      #expect(await idler.connectionsOpened == 1)
    }
  }

  @Test func mailThatArrivedBeforeTheIdleIsNotMissed() async throws {
    try await MailBench.with { bench in
      let configuration = try bench.imapConfiguration()
      let idler = IMAPIdler(configuration: configuration)
      let client = IMAPClient(configuration: configuration)
      let before = try await client.status(of: "INBOX")
      try await client.append(testMessage(1), to: "INBOX")
      #expect(
        try await idler.waitForNews(
          in: "INBOX", knownUIDNext: before.uidNext, timeout: .seconds(30)))
    }
  }

  @Test func cancellationEndsTheWait() async throws {
    try await MailBench.with { bench in
      let idler = IMAPIdler(configuration: try bench.imapConfiguration())
      let wait = Task {
        try await idler.waitForNews(in: "INBOX", knownUIDNext: nil, timeout: .seconds(60))
      }
      try await Task.sleep(for: .milliseconds(300))
      wait.cancel()
      await #expect(throws: MailTransportError.self) { try await wait.value }
    }
  }
}
