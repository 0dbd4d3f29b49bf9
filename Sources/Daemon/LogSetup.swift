import Foundation
import Logging
import Synchronization
import SystemPackage

/// The daemon's log output: one line per event, `level message key=value ...`.
///
/// Under systemd (stderr is the journal stream named by `$JOURNAL_STREAM`) each line
/// starts with its syslog priority, `<6>`, which journald turns into the entry's
/// PRIORITY, and carries no timestamp (the journal has one). Elsewhere the line starts
/// with an ISO 8601 UTC time.
public enum LogSetup {
  /// The level every handler reads; SIGHUP changes it without re-bootstrapping.
  public static let level = LogLevelBox(.info)

  private static let bootstrapped = Mutex(false)

  /// Bootstraps swift-log once per process; a later call only changes the level, so that
  /// every command can set up logging early and the daemon can raise the level later.
  public static func bootstrap(
    level: Logger.Level, environment: [String: String] = ProcessInfo.processInfo.environment
  ) {
    Self.level.set(level)
    let first = bootstrapped.withLock { done in
      defer { done = true }
      return !done
    }
    guard first else { return }
    let journal = stderrIsJournal(environment: environment)
    LoggingSystem.bootstrap { _ in
      LineLogHandler(style: journal ? .journal : .plain, levelBox: Self.level) { line in
        FileHandle.standardError.write(Data(line.utf8))
      }
    }
  }

  /// True when stderr is the very stream systemd announced: `$JOURNAL_STREAM` is
  /// `device:inode` of it (systemd.exec(5)); a redirected stderr does not match.
  public static func stderrIsJournal(environment: [String: String]) -> Bool {
    guard let value = environment["JOURNAL_STREAM"] else { return false }
    let parts = value.split(separator: ":")
    guard parts.count == 2, let device = UInt64(parts[0]), let inode = UInt64(parts[1]) else {
      return false
    }
    guard let status = try? FileDescriptor.standardError.stat() else { return false }
    return UInt64(status.deviceID.rawValue) == device && UInt64(status.inode.rawValue) == inode
  }
}

/// A shared, changeable log level.
public final class LogLevelBox: Sendable {
  private let value: Mutex<Logger.Level>

  public init(_ level: Logger.Level) {
    value = Mutex(level)
  }

  public func get() -> Logger.Level { value.withLock { $0 } }
  public func set(_ level: Logger.Level) { value.withLock { $0 = level } }
}

/// Formats each event as one line and hands it to `write`.
public struct LineLogHandler: LogHandler {
  public enum Style: Sendable {
    /// `<N>level message key=value` for journald.
    case journal
    /// `2026-11-23T12:00:00Z level message key=value`.
    case plain
  }

  public var metadata: Logger.Metadata = [:]
  public var metadataProvider: Logger.MetadataProvider?
  private let style: Style
  private let levelBox: LogLevelBox
  private var levelOverride: Logger.Level?
  private let write: @Sendable (String) -> Void

  public init(
    style: Style, levelBox: LogLevelBox, write: @escaping @Sendable (String) -> Void
  ) {
    self.style = style
    self.levelBox = levelBox
    self.write = write
  }

  public var logLevel: Logger.Level {
    get { levelOverride ?? levelBox.get() }
    set { levelOverride = newValue }
  }

  public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
    get { metadata[key] }
    set { metadata[key] = newValue }
  }

  public func log(event: LogEvent) {
    var merged = metadata
    if let provided = metadataProvider?.get() {
      merged.merge(provided) { _, new in new }
    }
    if let extra = event.metadata {
      merged.merge(extra) { _, new in new }
    }
    write(
      Self.format(
        level: event.level, message: event.message.description, metadata: merged, style: style)
        + "\n")
  }

  /// The line for one event, without its newline. Control characters in the message and
  /// the values are escaped: mail subjects are hostile and must not forge log lines.
  public static func format(
    level: Logger.Level, message: String, metadata: Logger.Metadata, style: Style,
    date: Date = Date()
  ) -> String {
    var line: String
    switch style {
    case .journal: line = "<\(syslogPriority(level))>\(level.rawValue) "
    case .plain: line = "\(date.formatted(.iso8601)) \(level.rawValue) "
    }
    line += escaped(message, quoteIfNeeded: false)
    for key in metadata.keys.sorted() {
      line +=
        " \(escaped(key, quoteIfNeeded: false))=\(escaped(render(metadata[key]!), quoteIfNeeded: true))"
    }
    return line
  }

  /// syslog(3) priorities as journald reads them.
  public static func syslogPriority(_ level: Logger.Level) -> Int {
    switch level {
    case .trace, .debug: 7
    case .info: 6
    case .notice: 5
    case .warning: 4
    case .error: 3
    case .critical: 2
    }
  }

  private static func render(_ value: Logger.Metadata.Value) -> String {
    switch value {
    case .string(let text): text
    case .stringConvertible(let convertible): convertible.description
    case .array(let items): "[" + items.map(render).joined(separator: ",") + "]"
    case .dictionary(let entries):
      "{" + entries.keys.sorted().map { "\($0):\(render(entries[$0]!))" }.joined(separator: ",")
        + "}"
    }
  }

  private static func escaped(_ text: String, quoteIfNeeded: Bool) -> String {
    var out = ""
    var needsQuotes = text.isEmpty
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case "\"":
        out += "\\\""
        needsQuotes = true
      case "\\": out += "\\\\"
      case " ", "=":
        out.unicodeScalars.append(scalar)
        needsQuotes = true
      case _
      where scalar.value < 0x20 || scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value)
        || scalar.properties.generalCategory == .lineSeparator
        || scalar.properties.generalCategory == .paragraphSeparator:
        out += "\\u{\(String(scalar.value, radix: 16))}"
      default:
        out.unicodeScalars.append(scalar)
      }
    }
    return quoteIfNeeded && needsQuotes ? "\"\(out)\"" : out
  }
}
