import Foundation
import MailBenchSupport
import Testing

@testable import MailTransport

/// The IMAP client against a real Dovecot (scripts/mailbench).
@Suite(.serialized) struct IMAPClientIntegrationTests {
  @Test func fetchesManyMessagesByteExactInBatches() async throws {
    try await MailBench.with { bench in
      let client = IMAPClient(configuration: try bench.imapConfiguration())
      var sent: [[UInt8]] = []
      for index in 0..<300 {
        // One message with a 300 KB line: the URL fetch must keep it intact.
        let message =
          index == 150
          ? Array(("Subject: long\r\n\r\n" + String(repeating: "x", count: 300_000) + "\r\n").utf8)
          : testMessage(index, bodyBytes: 200 + index * 7)
        sent.append(message)
        try await client.append(message, to: "INBOX")
      }
      let status = try await client.status(of: "INBOX")
      #expect(status.messages == 300)
      #expect(status.uidNext == 301)
      var fetched: [[UInt8]] = []
      var next: UInt32 = 1
      while true {
        let uids = try await client.searchUIDs(
          in: "INBOX", uidValidity: status.uidValidity, from: next)
        guard !uids.isEmpty else { break }
        let batch = Array(uids.prefix(50))
        let sizes = try await client.sizes(
          in: "INBOX", uidValidity: status.uidValidity, uids: batch)
        #expect(sizes.count == batch.count)
        for uid in batch {
          let raw = try await client.fetchMessage(
            in: "INBOX", uidValidity: status.uidValidity, uid: uid, expectedSize: sizes[uid])
          #expect(raw.count == sizes[uid])
          fetched.append(raw)
        }
        next = batch.last! + 1
      }
      #expect(fetched == sent)
    }
  }

  @Test func wrongUIDValidityIsDetected() async throws {
    try await MailBench.with { bench in
      let client = IMAPClient(configuration: try bench.imapConfiguration())
      try await client.append(testMessage(1), to: "INBOX")
      let status = try await client.status(of: "INBOX")
      await #expect(
        throws: MailTransportError.uidValidityChanged(
          server: client.server, mailbox: "INBOX", expected: status.uidValidity &+ 1)
      ) {
        _ = try await client.fetchMessage(in: "INBOX", uidValidity: status.uidValidity &+ 1, uid: 1)
      }
      // The same connection still works afterwards.
      let raw = try await client.fetchMessage(in: "INBOX", uidValidity: status.uidValidity, uid: 1)
      #expect(raw == testMessageBytesPrefix(raw))
    }
  }

  @Test func recreatedMailboxChangesUIDValidity() async throws {
    try await MailBench.with { bench in
      let client = IMAPClient(configuration: try bench.imapConfiguration(mailbox: "Liaisons"))
      try await client.createMailbox("Liaisons")
      try await client.append(testMessage(1), to: "Liaisons")
      let before = try await client.status(of: "Liaisons")
      try await client.deleteMailbox("Liaisons")
      try await client.createMailbox("Liaisons")
      let second = testMessage(2)
      try await client.append(second, to: "Liaisons")
      let after = try await client.status(of: "Liaisons")
      #expect(after.uidValidity != before.uidValidity)
      await #expect(
        throws: MailTransportError.uidValidityChanged(
          server: client.server, mailbox: "Liaisons", expected: before.uidValidity)
      ) {
        _ = try await client.searchUIDs(in: "Liaisons", uidValidity: before.uidValidity)
      }
      let uids = try await client.searchUIDs(in: "Liaisons", uidValidity: after.uidValidity)
      #expect(uids == [1])
      #expect(
        try await client.fetchMessage(in: "Liaisons", uidValidity: after.uidValidity, uid: 1)
          == second)
    }
  }

  @Test func untrustedCertificateIsRefusedAndCAFileTrustsIt() async throws {
    try await MailBench.with { bench in
      let untrusted = IMAPClient(
        configuration: try bench.imapConfiguration(tls: true, trustBenchCA: false))
      do {
        _ = try await untrusted.status(of: "INBOX")
        Issue.record("a certificate from an unknown CA was accepted")
      } catch let error as MailTransportError {
        guard case .curl(let server, let step, let code, _, _) = error else {
          Issue.record("unexpected error \(error)")
          return
        }
        #expect(code == 60)
        #expect(server == untrusted.server)
        #expect(step == "STATUS INBOX")
        #expect(error.description.contains("ca_file"))
        #expect(!error.isTemporary)
      }
      let trusted = IMAPClient(configuration: try bench.imapConfiguration(tls: true))
      #expect(try await trusted.status(of: "INBOX").messages == 0)
    }
  }

  @Test func wrongPasswordIsAPermanentErrorNamingTheServer() async throws {
    try await MailBench.with { bench in
      let client = IMAPClient(configuration: try bench.imapConfiguration(password: "wrong"))
      do {
        _ = try await client.status(of: "INBOX")
        Issue.record("a wrong password was accepted")
      } catch let error as MailTransportError {
        #expect(!error.isTemporary)
        #expect(error.description.contains(client.server))
        #expect(error.description.contains("username and password"))
      }
    }
  }

  @Test func oversizedMessageIsNotDownloadedButItsHeaderIs() async throws {
    try await MailBench.with { bench in
      let client = IMAPClient(configuration: try bench.imapConfiguration(maxMessageSize: 10_000))
      let big = testMessage(7, bodyBytes: 60_000)
      try await client.append(big, to: "INBOX")
      let status = try await client.status(of: "INBOX")
      let sizes = try await client.sizes(in: "INBOX", uidValidity: status.uidValidity, uids: [1])
      #expect(sizes[1] == big.count)
      await #expect(
        throws: MailTransportError.messageTooLarge(
          server: client.server, mailbox: "INBOX", uid: 1, limit: 10_000)
      ) {
        _ = try await client.fetchMessage(in: "INBOX", uidValidity: status.uidValidity, uid: 1)
      }
      let header = try await client.fetchHeader(
        in: "INBOX", uidValidity: status.uidValidity, uid: 1)
      let end = big.indices.first {
        big[$0..<min($0 + 4, big.count)].elementsEqual([13, 10, 13, 10])
      }!
      #expect(header == Array(big[..<(end + 4)]))
    }
  }

  @Test func moveTakesMessagesOutOfTheInbox() async throws {
    try await MailBench.with { bench in
      let client = IMAPClient(configuration: try bench.imapConfiguration())
      let messages = (0..<5).map { testMessage($0) }
      for message in messages { try await client.append(message, to: "INBOX") }
      let status = try await client.status(of: "INBOX")
      try await client.move(
        uids: [2, 4], from: "INBOX", uidValidity: status.uidValidity, to: "Processed")
      #expect(
        try await client.searchUIDs(in: "INBOX", uidValidity: status.uidValidity) == [1, 3, 5])
      let processed = try await client.status(of: "Processed")
      #expect(processed.messages == 2)
      let moved = try await client.fetchMessage(
        in: "Processed", uidValidity: processed.uidValidity, uid: 1)
      #expect(moved == messages[1])
    }
  }

  /// A move to a mailbox that does not exist yet creates it on the sessions it has: the
  /// server's NO [TRYCREATE] is an answer, not a dead session to replace.
  @Test func moveToAMissingMailboxKeepsItsSessions() async throws {
    try await MailBench.with { bench in
      let client = IMAPClient(configuration: try bench.imapConfiguration())
      for index in 0..<2 { try await client.append(testMessage(index), to: "INBOX") }
      let status = try await client.status(of: "INBOX")
      #expect(try await client.searchUIDs(in: "INBOX", uidValidity: status.uidValidity) == [1, 2])
      #expect(await client.connectionsOpened == 2)  // the server's and the mailbox's
      try await client.move(uids: [1], from: "INBOX", uidValidity: status.uidValidity, to: "New")
      #expect(try await client.status(of: "New").messages == 1)
      #expect(await client.connectionsOpened == 2)
    }
  }

  @Test func stoppedServerGivesAClearTemporaryErrorAndTheClientReconnects() async throws {
    try await MailBench.with { bench in
      let client = IMAPClient(configuration: try bench.imapConfiguration())
      #expect(try await client.status(of: "INBOX").messages == 0)
      try await bench.run("stop-dovecot")
      do {
        _ = try await client.status(of: "INBOX")
        Issue.record("STATUS succeeded with Dovecot stopped")
      } catch let error as MailTransportError {
        #expect(error.isTemporary)
        #expect(error.description.contains(client.server))
        #expect(error.description.contains("STATUS INBOX"))
      }
      try await bench.run("start-dovecot")
      try await client.append(testMessage(1), to: "INBOX")
      #expect(try await client.status(of: "INBOX").messages == 1)
    }
  }
}

/// The bytes of a fetched message are compared with what was appended elsewhere; here the
/// check is only that the fetch returned a complete message.
private func testMessageBytesPrefix(_ raw: [UInt8]) -> [UInt8] {
  raw.starts(with: Array("From: Sender 1".utf8)) ? raw : []
}

/// Batch downloads (`fetchMessages`): one `UID FETCH BODY.PEEK[]` per batch, literals read
/// by their byte count on a raw session.
@Suite(.serialized) struct IMAPBatchFetchIntegrationTests {
  /// Bodies that look like the protocol itself, a 1 MB line, bare LFs and 8-bit bytes.
  static func awkwardMessages() -> [[UInt8]] {
    [
      testMessage(1),
      Array(
        ("Subject: protocol lookalikes\r\n\r\n* 5 FETCH (UID 9 BODY[] {10}\r\nF2 OK done\r\n"
          + "a line ending in a literal marker {12}\r\n)\r\n").utf8),
      Array(("Subject: long\r\n\r\n" + String(repeating: "y", count: 1_000_000) + "\r\n").utf8),
      Array("Subject: bare\nFrom: a@example.org\n\nonly LF here\nand here\n".utf8),
      Array("Subject: eight bit\r\n\r\n".utf8)
        + (0...255).map { UInt8($0) }.filter {
          $0 != 0 && $0 != 0x0A && $0 != 0x0D
        } + Array("\r\n".utf8),
      testMessage(6, bodyBytes: 40_000),
    ]
  }

  @Test func batchIsByteExactAndSkipsMissingUIDs() async throws {
    try await MailBench.with { bench in
      let client = IMAPClient(configuration: try bench.imapConfiguration())
      let sent = Self.awkwardMessages()
      for message in sent { try await client.append(message, to: "INBOX") }
      let status = try await client.status(of: "INBOX")
      let uids = try await client.searchUIDs(in: "INBOX", uidValidity: status.uidValidity)
      #expect(uids.count == sent.count)
      let sizes = try await client.sizes(in: "INBOX", uidValidity: status.uidValidity, uids: uids)
      let single = try await client.fetchMessage(
        in: "INBOX", uidValidity: status.uidValidity, uid: uids[3])
      let fetched = try await client.fetchMessages(
        in: "INBOX", uidValidity: status.uidValidity, uids: uids, expectedSizes: sizes)
      #expect(fetched.count == sent.count)
      for (index, uid) in uids.enumerated() {
        #expect(fetched[uid]?.count == sizes[uid], "message \(index)")
        // The server hands out bare LFs as CRLF, to either kind of fetch.
        let same = fetched[uid] == sent[index]
        if index != 3 { #expect(same, "message \(index)") }
      }
      // The URL fetch and the batch agree byte for byte.
      let agree = fetched[uids[3]] == single
      #expect(agree)

      // A UID that left the mailbox is missing from the answer; the rest still comes.
      try await client.move(
        uids: [uids[0]], from: "INBOX", uidValidity: status.uidValidity, to: "Elsewhere")
      let again = try await client.fetchMessages(
        in: "INBOX", uidValidity: status.uidValidity, uids: uids, expectedSizes: sizes)
      #expect(again[uids[0]] == nil)
      #expect(again.count == sent.count - 1)
      let longLine = again[uids[2]] == sent[2]
      #expect(longLine)
    }
  }

  @Test func batchRefusesAMessageOverTheLimitAndAWrongUIDValidity() async throws {
    try await MailBench.with { bench in
      let client = IMAPClient(
        configuration: try bench.imapConfiguration(maxMessageSize: 10_000))
      try await client.append(testMessage(1), to: "INBOX")
      try await client.append(testMessage(2, bodyBytes: 20_000), to: "INBOX")
      let status = try await client.status(of: "INBOX")
      await #expect(throws: MailTransportError.self) {
        _ = try await client.fetchMessages(
          in: "INBOX", uidValidity: status.uidValidity, uids: [1, 2], expectedSizes: [:])
      }
      await #expect(
        throws: MailTransportError.uidValidityChanged(
          server: client.server, mailbox: "INBOX", expected: status.uidValidity &+ 1)
      ) {
        _ = try await client.fetchMessages(
          in: "INBOX", uidValidity: status.uidValidity &+ 1, uids: [1], expectedSizes: [:])
      }
      // A fresh session afterwards: the small message still comes, byte-exact.
      let fetched = try await client.fetchMessages(
        in: "INBOX", uidValidity: status.uidValidity, uids: [1], expectedSizes: [:])
      let first = try #require(fetched[1])
      #expect(first.count > 100)
      #expect(testMessageBytesPrefix(first) == first)
    }
  }
}
