import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// The text layer of a PDF, read by poppler's `pdftotext` (Debian `poppler-utils`) in a
/// child process: a hostile PDF can make it spin or allocate, so it runs under a hard
/// timeout (then SIGKILL), an address-space limit (`prlimit`, when present), a page limit,
/// and its output is read only up to the text limit.
enum PDFTextReader {
  struct Result {
    var text: String
    var truncated: Bool
  }

  static func text(of data: [UInt8], name: String, options: LiaisonExtractor.Options)
    throws(LiaisonError) -> Result
  {
    let dir = FileManager.default.temporaryDirectory
    let file = dir.appendingPathComponent("liaisond-\(UUID().uuidString).pdf")
    guard
      FileManager.default.createFile(
        atPath: file.path, contents: Data(data), attributes: [.posixPermissions: 0o600])
    else {
      throw .pdfTextFailed(file: name, reason: "could not write a temporary file in \(dir.path)")
    }
    defer { try? FileManager.default.removeItem(at: file) }

    var arguments = [
      "-q", "-enc", "UTF-8", "-layout", "-l", String(options.pdfMaxPages), file.path, "-",
    ]
    var executable = options.pdftotextPath
    let prlimit = "/usr/bin/prlimit"
    if options.pdfMemoryLimitBytes > 0, FileManager.default.isExecutableFile(atPath: prlimit) {
      arguments = ["--as=\(options.pdfMemoryLimitBytes)", "--", executable] + arguments
      executable = prlimit
    }
    guard FileManager.default.isExecutableFile(atPath: options.pdftotextPath) else {
      throw .pdfTextFailed(
        file: name, reason: "\(options.pdftotextPath) not found; install poppler-utils")
    }

    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let stdout = Pipe()
    process.standardOutput = stdout
    process.standardError = FileHandle.nullDevice
    process.standardInput = FileHandle.nullDevice
    do {
      try process.run()
    } catch {
      throw .pdfTextFailed(file: name, reason: "could not start \(executable): \(error)")
    }
    let deadline = Date().addingTimeInterval(options.pdftotextTimeout)
    let fd = stdout.fileHandleForReading.fileDescriptor
    var output: [UInt8] = []
    var truncated = false
    var timedOut = false
    var buffer = [UInt8](repeating: 0, count: 64 * 1024)
    readLoop: while true {
      let remaining = deadline.timeIntervalSinceNow
      if remaining <= 0 {
        timedOut = true
        break
      }
      var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
      let ready = poll(&pfd, 1, Int32(min(remaining * 1000, 1000)) + 1)
      if ready < 0 {
        if errno == EINTR { continue }
        break
      }
      if ready == 0 { continue }
      let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
      if n < 0 {
        if errno == EINTR { continue }
        break
      }
      if n == 0 { break readLoop }
      output.append(contentsOf: buffer[0..<n])
      if output.count > options.maxDocumentTextBytes {
        output.removeSubrange(options.maxDocumentTextBytes...)
        truncated = true
        break
      }
    }
    // Output ended (or was cut): the child gets until the deadline to exit, then SIGKILL.
    while process.isRunning && !timedOut && !truncated {
      if Date() >= deadline {
        timedOut = true
        break
      }
      usleep(2_000)
    }
    if process.isRunning {
      kill(process.processIdentifier, SIGKILL)
    }
    process.waitUntilExit()
    try? stdout.fileHandleForReading.close()
    if timedOut {
      throw .pdfTextTimedOut(file: name, seconds: options.pdftotextTimeout)
    }
    if !truncated && (process.terminationReason != .exit || process.terminationStatus != 0) {
      let how =
        process.terminationReason == .exit
        ? "exit status \(process.terminationStatus)" : "signal \(process.terminationStatus)"
      throw .pdfTextFailed(file: name, reason: "pdftotext failed with \(how)")
    }
    return Result(text: String(decoding: output, as: UTF8.self), truncated: truncated)
  }
}
