import Foundation

/// DKIM as mail servers do it, on the bench (`scripts/mailbench dkim`, dkimpy): keys in a
/// temporary directory instead of DNS, a sender's signature, and a receiving MTA's
/// verification recorded in `Authentication-Results`.
public struct DKIMBench: Sendable {
  public let directory: String

  /// Runs `body` with a fresh key directory, removed afterwards.
  public static func with<T>(_ body: (DKIMBench) throws -> T) throws -> T {
    let bench = try temporary()
    defer { bench.remove() }
    return try body(bench)
  }

  /// A fresh key directory that outlives one call, for a suite that shares its keys; the
  /// caller removes it with `remove()`.
  public static func temporary() throws -> DKIMBench {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("dkimbench-\(UUID().uuidString.prefix(8))").path
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    return DKIMBench(directory: directory)
  }

  public func remove() {
    try? FileManager.default.removeItem(atPath: directory)
  }

  /// An RSA-2048 key pair for `domain` under `selector`, used by `sign` from now on.
  /// Returns the DNS TXT record the domain would publish.
  @discardableResult
  public func keygen(selector: String, domain: String) throws -> String {
    String(decoding: try run(["keygen", directory, selector, domain]), as: UTF8.self)
  }

  /// The message signed by its From domain's key, as the sender's server would.
  public func sign(_ message: [UInt8]) throws -> [UInt8] {
    try run(["sign", directory, try file(message)])
  }

  /// The message as a receiving MTA `authservID` passes it on: its DKIM signature checked
  /// by dkimpy's verifier, the outcome prepended as `Authentication-Results`, and any such
  /// field already claiming `authservID` removed.
  public func receive(_ message: [UInt8], authservID: String) throws -> [UInt8] {
    try run(["receive", directory, try file(message), authservID])
  }

  /// `sign`, then `receive`.
  public func deliver(_ message: [UInt8], authservID: String) throws -> [UInt8] {
    try run(["deliver", directory, try file(message), authservID])
  }

  private func file(_ message: [UInt8]) throws -> String {
    let path = (directory as NSString).appendingPathComponent("message-\(UUID().uuidString).eml")
    try Data(message).write(to: URL(fileURLWithPath: path))
    return path
  }

  /// The interpreter and script `scripts/mailbench dkim` runs, asked for once (which also
  /// prepares the venv): each signature or verification then starts one process, not the
  /// script's three.
  private static let command = Result<[String], any Error>(catching: {
    let script = MailBench.packageRoot.appendingPathComponent("scripts/mailbench").path
    let lines = String(decoding: try execute("/bin/bash", [script, "dkim-command"]), as: UTF8.self)
      .split(separator: "\n").map(String.init)
    guard lines.count == 2 else {
      throw MailBench.BenchError(description: "scripts/mailbench dkim-command printed \(lines)")
    }
    return lines
  })

  private func run(_ arguments: [String]) throws -> [UInt8] {
    let command = try Self.command.get()
    return try Self.execute(command[0], [command[1]] + arguments)
  }

  private static func execute(_ executable: String, _ arguments: [String]) throws -> [UInt8] {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let stdout = Pipe()
    let stderr = Pipe()
    process.standardOutput = stdout
    process.standardError = stderr
    try process.run()
    // The script writes at most a line or two to stderr: reading stdout first cannot stall.
    let out = stdout.fileHandleForReading.readDataToEndOfFile()
    let err = stderr.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
      throw MailBench.BenchError(
        description: "\(([executable] + arguments).joined(separator: " ")) failed "
          + "(\(process.terminationStatus)): \(String(decoding: err, as: UTF8.self))")
    }
    return [UInt8](out)
  }

}
