import Foundation
import MailTransport
import Testing

/// The local mail bench (`scripts/mailbench`): a private Dovecot and SMTP server on
/// 127.0.0.1, started for a test and stopped after it. A bench that cannot start fails
/// the test with the script's own explanation; it never skips.
final class MailBench: Sendable {
  let directory: String
  let environment: [String: String]

  static let packageRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  static func script() -> String {
    packageRoot.appendingPathComponent("scripts/mailbench").path
  }

  private init(directory: String, environment: [String: String]) {
    self.directory = directory
    self.environment = environment
  }

  /// Starts a bench in a fresh temporary directory, runs `body`, stops the bench.
  static func with<T>(_ body: (MailBench) async throws -> T) async throws -> T {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("mailbench-test-\(UUID().uuidString.prefix(8))").path
    let output = try run(["start", directory])
    var environment: [String: String] = [:]
    for line in output.split(separator: "\n") {
      guard let equals = line.firstIndex(of: "=") else { continue }
      environment[String(line[..<equals])] = String(line[line.index(after: equals)...])
    }
    let bench = MailBench(directory: directory, environment: environment)
    do {
      let result = try await body(bench)
      bench.stop()
      return result
    } catch {
      bench.stop()
      throw error
    }
  }

  func stop() {
    _ = try? Self.run(["stop", directory])
    try? FileManager.default.removeItem(atPath: directory)
  }

  /// Runs `scripts/mailbench ARGS`; a failure becomes an error carrying its stderr.
  @discardableResult
  static func run(_ arguments: [String]) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/bash")
    process.arguments = [script()] + arguments
    let stdout = Pipe()
    let stderr = Pipe()
    process.standardOutput = stdout
    process.standardError = stderr
    try process.run()
    let out = stdout.fileHandleForReading.readDataToEndOfFile()
    let err = stderr.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
      throw BenchError(
        message: "scripts/mailbench \(arguments.joined(separator: " ")) failed "
          + "(\(process.terminationStatus)): \(String(decoding: err, as: UTF8.self))")
    }
    return String(decoding: out, as: UTF8.self)
  }

  @discardableResult
  func run(_ command: String, _ extra: String...) throws -> String {
    try Self.run([command, directory] + extra)
  }

  struct BenchError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
  }

  func value(_ key: String) throws -> String {
    guard let value = environment[key] else {
      throw BenchError(message: "scripts/mailbench printed no \(key)")
    }
    return value
  }

  var caFile: String { environment["MAILBENCH_CA"] ?? "" }

  func imapConfiguration(
    tls: Bool = false, mailbox: String = "INBOX", trustBenchCA: Bool = true,
    maxMessageSize: Int = 50 << 20,
    password: String? = nil
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

  func smtpConfiguration(tls: Bool = false) throws -> SMTPConfiguration {
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

  /// The messages the SMTP server received, each as (envelope recipients, raw bytes).
  func receivedMail() throws -> [(recipients: [String], raw: [UInt8])] {
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
}

/// A distinct test message of about `size` bytes.
func testMessage(_ index: Int, bodyBytes: Int = 200, tag: String = "test") -> [UInt8] {
  var text =
    "From: Sender \(index) <sender\(index)@example.org>\r\nTo: liaison@example.org\r\n"
    + "Subject: \(tag) message \(index)\r\nMessage-ID: <\(tag).\(index).\(UUID().uuidString)@example.org>\r\n"
    + "\r\n"
  let line = "Line of message \(index) with some text. "
  while text.utf8.count < bodyBytes {
    text += line + "\r\n"
  }
  return Array(text.utf8)
}
