import Foundation
import MailTransport

/// The project's local mail bench (`scripts/mailbench`): a private Dovecot and SMTP
/// server on 127.0.0.1, started for one test and stopped after it. Shared by every test
/// target that needs real servers. A bench that cannot start fails the test with the
/// script's own explanation; it never skips.
public final class MailBench: Sendable {
  public let directory: String
  public let environment: [String: String]

  /// The package's root folder (this file is `Tests/MailBenchSupport/MailBench.swift`).
  public static let packageRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  private init(directory: String, environment: [String: String]) {
    self.directory = directory
    self.environment = environment
  }

  /// Starts a bench in a fresh temporary directory, runs `body`, stops the bench and
  /// removes the directory, whether `body` succeeded or not.
  public static func with<T>(_ body: (MailBench) async throws -> T) async throws -> T {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("mailbench-test-\(UUID().uuidString.prefix(8))").path
    var environment: [String: String] = [:]
    let started: String
    do {
      started = try await run(["start", directory])
    } catch {
      // The script undoes a failed start itself; this covers a script killed midway.
      await remove(directory)
      throw error
    }
    for line in started.split(separator: "\n") {
      guard let equals = line.firstIndex(of: "=") else { continue }
      environment[String(line[..<equals])] = String(line[line.index(after: equals)...])
    }
    let bench = MailBench(directory: directory, environment: environment)
    do {
      let result = try await body(bench)
      await remove(directory)
      return result
    } catch {
      await remove(directory)
      throw error
    }
  }

  /// Stops what the bench in `directory` runs and removes the folder.
  private static func remove(_ directory: String) async {
    _ = try? await run(["stop", directory])
    try? FileManager.default.removeItem(atPath: directory)
  }

  /// Runs `scripts/mailbench ARGS`; a failure becomes an error carrying its stderr.
  ///
  /// The script runs (and is waited for) on a thread of its own: tests run in parallel on
  /// the cooperative pool, which has one thread per core, and a bench start blocking one of
  /// them for seconds would stall every other test's servers and clients.
  @discardableResult
  public static func run(_ arguments: [String]) async throws -> String {
    try await withCheckedThrowingContinuation { continuation in
      Thread.detachNewThread {
        continuation.resume(with: Result { try runBlocking(arguments) })
      }
    }
  }

  private static func runBlocking(_ arguments: [String]) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/bash")
    process.arguments = [packageRoot.appendingPathComponent("scripts/mailbench").path] + arguments
    let stdout = Pipe()
    // stderr goes to a file: two pipes read one after the other could fill and deadlock.
    let errorFile = FileManager.default.temporaryDirectory
      .appendingPathComponent("mailbench-stderr-\(UUID().uuidString)")
    _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
    defer { try? FileManager.default.removeItem(at: errorFile) }
    process.standardOutput = stdout
    process.standardError = try FileHandle(forWritingTo: errorFile)
    try process.run()
    let out = stdout.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
      let err = (try? Data(contentsOf: errorFile)) ?? Data()
      throw BenchError(
        description: "scripts/mailbench \(arguments.joined(separator: " ")) failed "
          + "(\(process.terminationStatus)): \(String(decoding: err, as: UTF8.self))")
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// `scripts/mailbench COMMAND DIR EXTRA...` for this bench (`stop-dovecot`, `smtp-fail`, ...).
  @discardableResult
  public func run(_ command: String, _ extra: String...) async throws -> String {
    try await Self.run([command, directory] + extra)
  }

  public struct BenchError: Error, CustomStringConvertible {
    public var description: String

    public init(description: String) {
      self.description = description
    }
  }

  /// A value the bench printed at start (`IMAP_PORT`, `SMTP_PASSWORD`, ...).
  public func value(_ key: String) throws -> String {
    guard let value = environment[key] else {
      throw BenchError(description: "scripts/mailbench printed no \(key)")
    }
    return value
  }

  public var caFile: String { environment["MAILBENCH_CA"] ?? "" }

  /// Appends each message file to the bench's INBOX.
  public func append(_ files: [String]) async throws {
    for file in files { try await run("append", file) }
  }

  public func imapConfiguration(
    tls: Bool = false, mailbox: String = "INBOX", trustBenchCA: Bool = true,
    maxMessageSize: Int = 50 << 20, password: String? = nil
  ) throws -> IMAPConfiguration {
    let url =
      tls
      ? "imaps://localhost:\(try value("IMAPS_PORT"))/\(mailbox)"
      : "imap://localhost:\(try value("IMAP_PORT"))/\(mailbox)"
    return try IMAPConfiguration(
      url: url, username: try value("IMAP_USER"),
      password: password ?? (try value("IMAP_PASSWORD")),
      caFile: trustBenchCA ? caFile : nil, requireTLS: !tls, connectTimeout: .seconds(5),
      commandTimeout: .seconds(10), downloadTimeout: .seconds(30), maxMessageSize: maxMessageSize)
  }

  public func smtpConfiguration(tls: Bool = false) throws -> SMTPConfiguration {
    let url =
      tls
      ? "smtps://localhost:\(try value("SMTPS_PORT"))"
      : "smtp://localhost:\(try value("SMTP_PORT"))"
    return try SMTPConfiguration(
      url: url, username: try value("SMTP_USER"), password: try value("SMTP_PASSWORD"),
      caFile: caFile,
      requireTLS: !tls, connectTimeout: .seconds(5), commandTimeout: .seconds(10),
      sendTimeout: .seconds(30))
  }

  /// Messages in `mailbox` on the bench's IMAP server (0 for a mailbox not created yet).
  public func count(_ mailbox: String) async throws -> Int {
    let client = IMAPClient(configuration: try imapConfiguration(tls: true, mailbox: mailbox))
    do {
      return try await client.status(of: mailbox).messages
    } catch  where mailbox != "INBOX" {
      // Processed and Quarantine exist only once something was moved there.
      return 0
    }
  }

  /// The file names in the SMTP server's Maildir, one per mail it accepted.
  public func sentMail() throws -> [String] {
    let folder = try value("MAILBENCH_SMTP_MAILDIR") + "/new"
    return (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
  }

  /// The messages the SMTP server received, each as (envelope recipients, raw bytes).
  public func receivedMail() throws -> [(recipients: [String], raw: [UInt8])] {
    let folder = try value("MAILBENCH_SMTP_MAILDIR") + "/new"
    let names = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
    return try names.map { name in
      let data = try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name))
      let text = String(decoding: data, as: UTF8.self)
      let recipients = text.split(separator: "\r\n").prefix { $0.hasPrefix("X-Envelope-") }
        .filter { $0.hasPrefix("X-Envelope-To: <") }
        .map { String($0.dropFirst("X-Envelope-To: <".count).dropLast()) }
      return (recipients, Array(data))
    }
  }

  /// The fixture messages, sorted: real and hostile liaison mail of every kind.
  public static func fixtureMessages() throws -> [String] {
    let folder = packageRoot.appendingPathComponent("fixtures/mail").path
    return try FileManager.default.contentsOfDirectory(atPath: folder)
      .filter { $0.hasSuffix(".eml") }.sorted()
      .map { folder + "/" + $0 }
  }
}
