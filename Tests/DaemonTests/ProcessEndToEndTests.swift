import Foundation
import Liaison
import Logging
import MIME
import MailBenchSupport
import Store
import Testing
import Workflow

@testable import Daemon

/// The liaison process end to end on the real mail bench: fixture statements are appended
/// to the bench's INBOX, the daemon's own cycle (`runOnce`, as `liaisond run --once`)
/// records, routes and sends them, and the SMTP server must then hold exactly the expected
/// mails. Every date comes from the daemon's test clock, so the outcome does not depend on
/// the day the suite runs.
@Suite("The liaison process end to end on the mail bench", .serialized)
struct ProcessEndToEndTests {
  static let iabContact = "iab-liaison-triage@iab.org"
  /// The day the statements arrive: a Monday, long before any of their deadlines.
  static let receipt = instant("2026-11-23T09:00:00Z")

  @Test(
    "receipt: notifications to the receivers, the misdirected statement to the IAB, no acknowledgement to an unauthenticated sender, nothing to automatic senders"
  )
  func receipt() async throws {
    try await Run.with(at: Self.receipt) { run in
      try await run.append(fixtures: [
        "itu-t-docx-action", "itu-t-pdf-information", "misaddressed-concluded-wg",
        "3gpp-inline-action", "auto-out-of-office", "bounce-dsn", "auto-list-id",
      ])
      try await run.cycle()
      let mails = try run.newMail()
      #expect(mails.count == 4, "3 notifications, 1 to the IAB: \(mails)")

      let notifications = mails.filter { $0.subject.hasPrefix("Liaison statement ") }
      #expect(notifications.count == 3, "\(mails)")
      #expect(
        notifications.contains {
          $0.subject.contains("OTN network slicing")
            && $0.recipients
              == [
                "ccamp-chairs@ietf.org", "itu-t-sg15-liaison@ietf.org", "rtg-ads@ietf.org",
                "teas-chairs@ietf.org",
              ]
        }, "OTN to the CCAMP/TEAS chairs, the RTG ADs and the SG15 liaison manager: \(mails)")
      // A notification's Reply-To is its receivers (a reply-all discusses, never relays);
      // no command address is in it.
      let ids = try run.daemon.store.export().map(\.id)
      for mail in notifications {
        let id = ids.first { mail.subject.hasPrefix("Liaison statement \($0):") }
        #expect(id != nil, "a notification names its statement: \(mail)")
        #expect(mail.autoSubmitted == "auto-generated", "\(mail)")
        #expect(mail.replyTo.map { !$0.contains("liaison-coordination+") } ?? true, "\(mail)")
      }

      let acknowledgements = mails.filter { $0.subject.hasPrefix("Receipt of ") }
      // The fixtures carry no Authentication-Results of the bench's MTA: their senders are
      // not authenticated, so nobody is thanked (no backscatter to a typed address).
      #expect(acknowledgements.isEmpty, "\(mails)")

      #expect(
        mails.contains {
          $0.subject.hasPrefix("Misdirected") && $0.recipients.contains(Self.iabContact)
            && $0.body.contains("successor pals")
        }, "the concluded PWE3 statement reaches the IAB contact with the reason: \(mails)")

      let automatic = mails.flatMap(\.recipients).filter {
        $0.hasPrefix("mailer-daemon") || $0.hasPrefix("postmaster")
          || $0.hasPrefix("liaison-coordination") || $0.hasSuffix("lists.example.org")
      }
      #expect(automatic.isEmpty, "nothing to automatic senders, bounces or the gateway itself")

      // The record is stamped with the test clock's time, not the machine's.
      let received = try run.daemon.store.export().map(\.receivedAt)
      #expect(!received.isEmpty && received.allSatisfy { $0 == "2026-11-23T09:00:00Z" })
    }
  }

  @Test("a chair's mail to the bare +ls- address is a stranger's: nothing is sent, reminders go on")
  func replyWithoutTheADWaitsForApproval() async throws {
    try await Run.with(at: Self.receipt) { run in
      try await run.append(fixtures: ["3gpp-inline-action"])
      try await run.cycle()
      #expect(try run.newMail().count == 1, "the notification")
      let detnet = try run.statement(titled: "LS on DetNet support")

      try await run.append(
        mail: Self.reply(
          from: "DetNet Chairs <detnet-chairs@ietf.org>", to: Self.relayAddress(of: detnet.id),
          subject: "Re: LS on DetNet support for 5GS time-sensitive communication",
          date: Self.receipt.addingTimeInterval(86_400), messageID: "<e2e-reply-noad@example.net>",
          body: "DetNet thanks SA2 and will review the requirements."))
      try await run.cycle(at: Self.receipt.addingTimeInterval(86_400))
      let mails = try run.newMail()
      #expect(mails.isEmpty, "nothing to 3GPP, nothing to anyone: \(mails)")

      // The statement is still waiting for a response: reminded on its deadline day.
      #expect(detnet.statement.deadline == "2027-01-15")
      let report = try await run.cycle(at: Self.instant("2027-01-15T08:00:00Z"))
      #expect(report.remindersQueued == 1)
    }
  }

  @Test(
    "reminders at T-14, T-7, T-1, T and T+7, each once; a forged reply-all with the AD copied reaches nobody and stops nothing"
  )
  func remindersUntilTheChairsReply() async throws {
    try await Run.with(at: Self.receipt) { run in
      try await run.append(fixtures: ["itu-t-docx-action"])
      try await run.cycle()
      #expect(try run.newMail().count == 1, "the notification")
      let otn = try run.statement(titled: "LS on OTN network slicing")
      #expect(otn.statement.deadline == "2027-03-01")

      let reminders = [
        ("2027-02-15", "T-14"), ("2027-02-22", "T-7"), ("2027-02-28", "T-1"), ("2027-03-01", "T"),
        ("2027-03-08", "T+7"),
      ]
      for (day, label) in reminders {
        let morning = try await run.cycle(at: Self.instant("\(day)T08:00:00Z"))
        #expect(morning.remindersQueued == 1, "\(day)")
        let mails = try run.newMail()
        #expect(mails.count == 1, "one reminder on \(day): \(mails)")
        #expect(
          mails.first?.subject.hasPrefix("Reminder (\(label)):") == true, "\(day): \(mails)")
        #expect(mails.first?.subject.contains(otn.id) == true, "\(day): \(mails)")
        #expect(mails.first?.recipients.contains("ccamp-chairs@ietf.org") == true, "\(day)")
        #expect(mails.first?.autoSubmitted == "auto-generated", "\(day)")

        let evening = try await run.cycle(at: Self.instant("\(day)T20:00:00Z"))
        #expect(evening.remindersQueued == 0, "\(day)")
        #expect(try run.newMail().isEmpty, "the reminder of \(day) is not repeated that day")
      }
      let weekLater = Self.instant("2027-03-15T08:00:00Z")
      #expect(
        try await run.remindersDue(at: weekLater, for: otn.id) == 1,
        "unanswered, the statement is reminded again at T+14")

      let replied = Self.instant("2027-03-09T11:00:00Z")
      try await run.append(
        mail: Self.reply(
          from: "CCAMP Chairs <ccamp-chairs@ietf.org>", to: Self.relayAddress(of: otn.id),
          cc: "rtg-ads@ietf.org", subject: "Re: LS on OTN network slicing", date: replied,
          messageID: "<e2e-reply@example.net>",
          body: "CCAMP thanks SG15; the model is adopted as a WG document."))
      try await run.cycle(at: replied)
      let mails = try run.newMail()
      #expect(mails.isEmpty, "an unauthenticated mail to the bare address sends nothing: \(mails)")

      #expect(try await run.remindersDue(at: weekLater, for: otn.id) == 1, "still reminded")
      #expect(try run.daemon.store.statement(id: otn.id)?.state == .open)
    }
  }

  // MARK: Replies

  // The authenticated path (secret respond address, DKIM, approval) is covered by
  // `CommandsByMailTests`; these mails use the old, public plus-address, which is now a
  // stranger's.

  /// The bare per-statement address a stranger can guess from the public id.
  static func relayAddress(of id: String) -> String {
    "liaison-coordination+\(id.lowercased())@iab.org"
  }

  /// A chair's reply, as the bench's INBOX receives it.
  static func reply(
    from: String, to: String, cc: String? = nil, subject: String, date: Date,
    messageID: String, body: String
  ) -> String {
    let format = DateFormatter()
    format.locale = Locale(identifier: "en_US_POSIX")
    format.timeZone = TimeZone(identifier: "UTC")
    format.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
    var lines = ["From: \(from)", "To: \(to)"]
    if let cc { lines.append("Cc: \(cc)") }
    lines += [
      "Subject: \(subject)", "Date: \(format.string(from: date))", "Message-ID: \(messageID)",
      "MIME-Version: 1.0", "Content-Type: text/plain; charset=utf-8", "", body, "",
    ]
    return lines.joined(separator: "\r\n")
  }

  static func instant(_ text: String) -> Date {
    ISO8601DateFormatter().date(from: text)!
  }
}

extension ProcessEndToEndTests {
  /// A mail the bench's SMTP server received, read with the project's MIME parser.
  struct ReceivedMail: CustomStringConvertible {
    /// Envelope recipients, lower-cased and sorted.
    var recipients: [String]
    var subject: String
    var autoSubmitted: String?
    /// The address in the Reply-To field.
    var replyTo: String?
    var body: String
    /// The whole header, for the fields the tests above do not pick out.
    var header: MIMEHeader

    init(recipients: [String], raw: [UInt8]) throws {
      let message = try MIMEParser().parse(raw)
      header = message.header
      self.recipients = recipients.map { $0.lowercased() }.sorted()
      subject = message.header.subject ?? ""
      autoSubmitted = message.header["auto-submitted"]?.trimmingCharacters(in: .whitespaces)
      replyTo = message.header.addresses("reply-to").first?.address
      body = message.bestText ?? ""
    }

    var description: String { "\"\(subject)\" to \(recipients)" }
  }

  /// One run of the process: a bench, a daemon for it on a test clock, and the mail the
  /// SMTP server has received so far.
  final class Run {
    let bench: MailBench
    let daemon: LiaisonDaemon
    let clock: TestClock
    let directory: TemporaryDirectory
    private var seen: Set<[UInt8]> = []

    private init(
      bench: MailBench, daemon: LiaisonDaemon, clock: TestClock, directory: TemporaryDirectory
    ) {
      self.bench = bench
      self.daemon = daemon
      self.clock = clock
      self.directory = directory
    }

    /// Starts a bench (or uses `bench`, shared with other tests) and a daemon configured
    /// for it (the IAB contact of the tests, then `extra` configuration), with its clock at
    /// `start`; runs `body`; stops and removes everything it started.
    static func with(
      at start: Date, on bench: MailBench? = nil, extra: String = "",
      _ body: (Run) async throws -> Void
    ) async throws {
      guard let bench else {
        return try await MailBench.with { try await with(at: start, on: $0, extra: extra, body) }
      }
      let directory = try TemporaryDirectory()
      defer { directory.remove() }
      let path = try directory.write(
        "liaisond.yaml",
        try bench.configurationYAML(
          directory, extra: "routing:\n  iab_contact: \(iabContact)\n\(extra)"))
      let loader = ConfigurationLoader(environment: [:])
      let clock = TestClock(now: start)
      let daemon = try LiaisonDaemon(
        configuration: try await loader.load(path: path), configurationPath: path,
        loader: loader, notifier: SystemdNotifier(environment: [:]), clock: clock,
        logger: Logger(label: "e2e") { _ in SwiftLogNoOpLogHandler() })
      let run = Run(bench: bench, daemon: daemon, clock: clock, directory: directory)
      // On a shared bench, what earlier tests received is theirs.
      run.seen = Set(try bench.receivedMail().map(\.raw))
      try await body(run)
    }

    /// Appends fixture mails (`fixtures/mail/NAME.eml`) to the INBOX.
    func append(fixtures names: [String]) async throws {
      try await bench.append(
        names.map { MailBench.packageRoot.appendingPathComponent("fixtures/mail/\($0).eml").path })
    }

    /// Appends a message given as text to the INBOX.
    func append(mail text: String) async throws {
      try await bench.append([try directory.write("mail-\(UUID().uuidString).eml", text)])
    }

    /// One cycle of the daemon (poll, reminders, outbox) at `date` (by default, the clock's
    /// time); every part of it must succeed.
    @discardableResult
    func cycle(at date: Date? = nil) async throws -> CycleReport {
      if let date { clock.set(date) }
      let report = await daemon.runOnce()
      try #require(report.failures.isEmpty, "\(report.failures)")
      return report
    }

    /// The mail received since the last call, weekly digests aside: a digest may go out
    /// in any week the clock enters, and only ever to the IAB contact.
    func newMail(sourceLocation: SourceLocation = #_sourceLocation) throws -> [ReceivedMail] {
      var mails: [ReceivedMail] = []
      for (recipients, raw) in try bench.receivedMail() where !seen.contains(raw) {
        seen.insert(raw)
        mails.append(try ReceivedMail(recipients: recipients, raw: raw))
      }
      let digests = mails.filter { $0.subject.hasPrefix("Liaison statements needing attention") }
      #expect(
        digests.allSatisfy { $0.recipients == [iabContact] }, "\(digests)",
        sourceLocation: sourceLocation)
      return mails.filter { !$0.subject.hasPrefix("Liaison statements needing attention") }
    }

    /// The recorded statement whose title starts with `prefix`.
    func statement(titled prefix: String) throws -> StatementRecord {
      try #require(
        try daemon.store.export().first { $0.statement.title?.hasPrefix(prefix) == true },
        "no statement titled \(prefix)...")
    }

    /// How many reminders for statement `id` are due at `date` (a dry run: nothing is queued).
    func remindersDue(at date: Date, for id: String) async throws -> Int {
      let process = await daemon.state.pipeline.process
      return try process.sendReminders(now: date, dryRun: true).filter { $0.statementID == id }
        .count
    }
  }
}
