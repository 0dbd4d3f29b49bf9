import Daemon
import Foundation
import Logging
import MailTransport
import Testing

/// The project's mail bench (`scripts/mailbench`: Dovecot and an SMTP server on
/// 127.0.0.1) with a liaisond configuration pointing at it. A bench that cannot start
/// fails the test with the script's explanation; it never skips.
final class DaemonBench: Sendable {
  let directory: String
  let environment: [String: String]

  static let packageRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  private init(directory: String, environment: [String: String]) {
    self.directory = directory
    self.environment = environment
  }

  /// Starts a bench in a fresh directory, runs `body`, stops the bench and removes it.
  static func with<T>(_ body: (DaemonBench) async throws -> T) async throws -> T {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("liaisond-daemon-bench-\(UUID().uuidString.prefix(8))").path
    var environment: [String: String] = [:]
    for line in try script(["start", directory]).split(separator: "\n") {
      guard let equals = line.firstIndex(of: "=") else { continue }
      environment[String(line[..<equals])] = String(line[line.index(after: equals)...])
    }
    let bench = DaemonBench(directory: directory, environment: environment)
    defer {
      _ = try? script(["stop", directory])
      try? FileManager.default.removeItem(atPath: directory)
    }
    return try await body(bench)
  }

  @discardableResult
  static func script(_ arguments: [String]) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/bash")
    process.arguments = [packageRoot.appendingPathComponent("scripts/mailbench").path] + arguments
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let output = out.fileHandleForReading.readDataToEndOfFile()
    let errors = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
      throw BenchFailure(
        description: "scripts/mailbench \(arguments.joined(separator: " ")) failed: "
          + String(decoding: errors, as: UTF8.self))
    }
    return String(decoding: output, as: UTF8.self)
  }

  struct BenchFailure: Error, CustomStringConvertible {
    var description: String
  }

  func value(_ key: String) throws -> String {
    guard let value = environment[key] else {
      throw BenchFailure(description: "the bench printed no \(key)")
    }
    return value
  }

  /// Appends each file to the bench's INBOX.
  func append(_ files: [String]) throws {
    for file in files { try Self.script(["append", directory, file]) }
  }

  /// A daemon configuration for this bench, its store and passwords under `dir`.
  func configurationYAML(_ dir: TemporaryDirectory, extra: String = "") throws -> String {
    try dir.write("imap.pass", try value("IMAP_PASSWORD"), permissions: 0o600)
    try dir.write("smtp.pass", try value("SMTP_PASSWORD"), permissions: 0o600)
    let ca = try value("MAILBENCH_CA")
    return """
      imap:
        url: imaps://localhost:\(try value("IMAPS_PORT"))/INBOX
        username: \(try value("IMAP_USER"))
        password_file: imap.pass
        ca_file: \(ca)
        poll_interval: 1s
      smtp:
        url: smtps://localhost:\(try value("SMTPS_PORT"))
        username: \(try value("SMTP_USER"))
        password_file: smtp.pass
        ca_file: \(ca)
        from: "IETF Liaison Coordination <liaison-coordination@iab.org>"
      store:
        path: \(dir.sub("state"))
      web:
        listen: 127.0.0.1:0
      \(extra)
      """
  }

  /// Messages in `mailbox` on the bench's IMAP server (0 for a mailbox not created yet).
  func count(_ mailbox: String) async throws -> Int {
    let configuration = try IMAPConfiguration(
      url: "imaps://localhost:\(try value("IMAPS_PORT"))/\(mailbox)",
      username: try value("IMAP_USER"),
      password: try value("IMAP_PASSWORD"), caFile: try value("MAILBENCH_CA"))
    let client = IMAPClient(configuration: configuration)
    do {
      return try await client.status(of: mailbox).messages
    } catch  where mailbox != "INBOX" {
      // Processed and Quarantine exist only once something was moved there.
      return 0
    }
  }

  /// The files of the SMTP server's Maildir (one per mail it accepted).
  func sentMail() throws -> [String] {
    let folder = try value("MAILBENCH_SMTP_MAILDIR") + "/new"
    return (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
  }

  /// The fixture messages, sorted: real and hostile liaison mail of every kind.
  static func fixtureMessages() throws -> [String] {
    let folder = packageRoot.appendingPathComponent("fixtures/mail").path
    return try FileManager.default.contentsOfDirectory(atPath: folder).filter {
      $0.hasSuffix(".eml")
    }.sorted()
      .map { folder + "/" + $0 }
  }
}

extension LiaisonDaemon {
  /// A daemon for a configuration file, as `liaisond run` makes it.
  static func forTest(path: String, environment: [String: String] = [:]) async throws
    -> LiaisonDaemon
  {
    let loader = ConfigurationLoader(environment: environment)
    let configuration = try await loader.load(path: path)
    return try LiaisonDaemon(
      configuration: configuration, configurationPath: path, loader: loader,
      notifier: SystemdNotifier(environment: [:]), logger: Logger(label: "test"))
  }
}
