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
