import Daemon
import Foundation
import Logging
import Synchronization
import SystemPackage
import Testing

/// Collects the lines a `LineLogHandler` writes.
final class LineSink: Sendable {
  private let stored = Mutex<[String]>([])
  var lines: [String] { stored.withLock { $0 } }
  func append(_ line: String) { stored.withLock { $0.append(line) } }
}

@Suite("Log lines")
struct LogSetupTests {
  @Test("one line per event with sorted key=value metadata and a journald priority")
  func journalLine() {
    let sink = LineSink()
    let box = LogLevelBox(.info)
    var logger = Logger(label: "test") { _ in
      LineLogHandler(style: .journal, levelBox: box) { sink.append($0) }
    }
    logger[metadataKey: "liaison.id"] = "LS-2026-0001"
    logger.info("recorded", metadata: ["imap.uid": "42", "smtp.queue_id": "q 7"])
    logger.debug("not shown at info")
    logger.error("send failed")
    #expect(
      sink.lines == [
        "<6>info recorded imap.uid=42 liaison.id=LS-2026-0001 smtp.queue_id=\"q 7\"\n",
        "<3>error send failed liaison.id=LS-2026-0001\n",
      ])
    // The shared level changes every logger at once (SIGHUP reload).
    box.set(.debug)
    logger.debug("now shown")
    #expect(sink.lines.last == "<7>debug now shown liaison.id=LS-2026-0001\n")
  }

  @Test("a hostile subject cannot forge a second line")
  func escaping() {
    let line = LineLogHandler.format(
      level: .warning, message: "subject: hi\n<3>error forged",
      metadata: ["subject": "a\r\nb=\"c\"\u{2028}"],
      style: .journal)
    #expect(!line.contains("\n") && !line.contains("\r") && !line.contains("\u{2028}"))
    #expect(line == #"<4>warning subject: hi\n<3>error forged subject="a\r\nb=\"c\"\u{2028}""#)
  }

  @Test("outside the journal a line starts with its UTC time")
  func plainLine() {
    let date = Date(timeIntervalSince1970: 1_795_000_000)
    let line = LineLogHandler.format(
      level: .notice, message: "started", metadata: [:], style: .plain, date: date)
    #expect(line == "2026-11-18T11:06:40Z notice started")
  }

  @Test(
    "syslog priorities",
    arguments: [
      (Logger.Level.trace, 7), (.debug, 7), (.info, 6), (.notice, 5), (.warning, 4), (.error, 3),
      (.critical, 2),
    ])
  func priorities(level: Logger.Level, priority: Int) {
    #expect(LineLogHandler.syslogPriority(level) == priority)
  }

  @Test("JOURNAL_STREAM counts only when it names this stderr")
  func journalDetection() throws {
    #expect(!LogSetup.stderrIsJournal(environment: [:]))
    #expect(!LogSetup.stderrIsJournal(environment: ["JOURNAL_STREAM": "1:2"]))
    let status = try FileDescriptor.standardError.stat()
    #expect(
      LogSetup.stderrIsJournal(environment: [
        "JOURNAL_STREAM": "\(status.deviceID.rawValue):\(status.inode.rawValue)"
      ]))
  }
}
