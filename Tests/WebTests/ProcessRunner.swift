import Foundation

/// Runs a program to completion with a time limit, without blocking the cooperative pool:
/// a blocked pool thread would starve the very server the program is talking to.
enum ProcessRunner {
  struct Output: Sendable {
    var status: Int32
    var stdout: String
    var stderr: String
  }

  struct TimedOut: Error, CustomStringConvertible {
    var command: String
    var description: String { "\(command) did not finish in time and was killed" }
  }

  static func run(_ executable: String, _ arguments: [String], timeout: Double = 90) async throws
    -> Output
  {
    // Output goes to files, read once the program has exited: no reader thread needed.
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("web-process-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let outURL = directory.appendingPathComponent("stdout")
    let errURL = directory.appendingPathComponent("stderr")
    _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
    _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
    let out = try FileHandle(forWritingTo: outURL)
    let err = try FileHandle(forWritingTo: errURL)
    defer {
      try? out.close()
      try? err.close()
    }

    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.standardOutput = out
    process.standardError = err
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let deadline = Date().addingTimeInterval(timeout)
    while process.isRunning {
      if Date() > deadline {
        process.terminate()
        throw TimedOut(command: ([executable] + arguments).joined(separator: " "))
      }
      try await Task.sleep(for: .milliseconds(50))
    }
    return Output(
      status: process.terminationStatus,
      stdout: String(decoding: (try? Data(contentsOf: outURL)) ?? Data(), as: UTF8.self),
      stderr: String(decoding: (try? Data(contentsOf: errURL)) ?? Data(), as: UTF8.self))
  }
}
