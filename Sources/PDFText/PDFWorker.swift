import Foundation
import Liaison

#if canImport(Glibc)
  import Glibc
#endif

/// One `liaisond-pdftext` process, fed PDFs over a socket one at a time (the protocol is
/// described in that program's source). It is started when first needed and again after
/// it dies or is killed, so one hostile document costs one process start, not every
/// document.
///
/// Not thread-safe: `PDFWorkerPool` lends a worker to one conversion at a time. Every
/// call blocks, so it runs on a thread of its own, never on the cooperative pool.
final class PDFWorker {
  let executablePath: String
  let memoryLimitBytes: Int
  private var process: Process?
  private var socket: Int32 = -1

  /// How many processes this worker has started: a restart shows as a count above 1.
  private(set) var starts = 0

  init(executablePath: String, memoryLimitBytes: Int) {
    self.executablePath = executablePath
    self.memoryLimitBytes = memoryLimitBytes
  }

  deinit { stop() }

  /// The process id of the running converter, if one runs.
  var processIdentifier: Int32? {
    process.map { $0.isRunning ? $0.processIdentifier : nil } ?? nil
  }

  /// One PDF's text. Throws `.pdfTextTimedOut` when `timeout` passes (the process is then
  /// killed) and `.pdfTextFailed` when the document cannot be read or the process dies.
  func convert(
    _ data: [UInt8], name: String, maxPages: Int, maxTextBytes: Int, timeout: Double
  ) throws(LiaisonError) -> PDFTextReader.Result {
    // A day bounds what the numbers below can hold; no document is given longer.
    let seconds = min(max(timeout, 0), 86_400)
    let deadline = ContinuousClock.now + .milliseconds(Int64((seconds * 1000).rounded()))
    let fresh = try start(name: name)
    var request: [UInt8] = []
    request.reserveCapacity(16 + data.count)
    for number in [
      UInt32(clamping: maxPages), UInt32(clamping: maxTextBytes),
      UInt32(seconds.rounded(.up)), UInt32(clamping: data.count),
    ] {
      request.append(contentsOf: Self.bigEndianBytes(number))
    }
    request.append(contentsOf: data)

    var exchange = self.exchange(request, maxTextBytes: maxTextBytes, until: deadline)
    if case .closed = exchange.outcome, !exchange.answered, !fresh {
      // A converter that died while idle (the kernel's OOM killer, say) is not this
      // document's fault: it gets one fresh process.
      stop()
      _ = try start(name: name)
      exchange = self.exchange(request, maxTextBytes: maxTextBytes, until: deadline)
    }
    switch exchange.outcome {
    case .done:
      break
    case .timedOut:
      stop()
      throw .pdfTextTimedOut(file: name, seconds: timeout)
    case .closed:
      let how = stop()
      throw .pdfTextFailed(file: name, reason: "the PDF converter \(how)")
    }
    let text = String(decoding: exchange.payload, as: UTF8.self)
    switch exchange.status {
    case 0: return PDFTextReader.Result(text: text, truncated: false)
    case 1: return PDFTextReader.Result(text: text, truncated: true)
    default:
      // Status 3: the converter ends itself after this answer (memory exhausted); it is
      // reaped now, so the next document starts a fresh one.
      if exchange.status == 3 { stop() }
      throw .pdfTextFailed(file: name, reason: String(text.prefix(200)))
    }
  }

  private struct Exchange {
    var outcome: Outcome
    var answered = false
    var status: UInt8 = 0
    var payload: [UInt8] = []
  }

  private func exchange(
    _ request: [UInt8], maxTextBytes: Int, until deadline: ContinuousClock.Instant
  )
    -> Exchange
  {
    var exchange = Exchange(outcome: send(request, until: deadline))
    guard exchange.outcome == .done else { return exchange }
    var header: [UInt8] = []
    exchange.outcome = receive(5, into: &header, until: deadline)
    guard exchange.outcome == .done else { return exchange }
    exchange.answered = true
    exchange.status = header[0]
    let length = header[1...4].reduce(0) { $0 << 8 | Int($1) }
    // The answer is no longer than was asked for; anything else is not our converter.
    guard length <= maxTextBytes + 4096 else {
      exchange.outcome = .closed
      return exchange
    }
    exchange.outcome = receive(length, into: &exchange.payload, until: deadline)
    return exchange
  }

  /// Kills and reaps the process, if any; says how it ended, for a defect.
  @discardableResult
  func stop() -> String {
    if socket >= 0 {
      close(socket)
      socket = -1
    }
    guard let process else { return "was not running" }
    self.process = nil
    // A converter that is not already gone gets no grace: it may be the one looping.
    if Self.alive(process, within: .milliseconds(20)) {
      kill(process.processIdentifier, SIGKILL)
    }
    process.waitUntilExit()
    return process.terminationReason == .exit
      ? "ended with exit status \(process.terminationStatus)"
      : "was killed by signal \(process.terminationStatus)"
  }

  /// Starts the converter unless it runs; true when it was started now.
  private func start(name: String) throws(LiaisonError) -> Bool {
    if let process, process.isRunning, socket >= 0 { return false }
    stop()
    guard FileManager.default.isExecutableFile(atPath: executablePath) else {
      throw .pdfTextFailed(
        file: name, reason: "\(executablePath) not found; install it beside liaisond")
    }
    var ends: [Int32] = [-1, -1]
    let made = ends.withUnsafeMutableBufferPointer {
      socketpair(
        AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0, $0.baseAddress)
    }
    guard made == 0 else {
      throw .pdfTextFailed(file: name, reason: "no socket for the PDF converter: errno \(errno)")
    }
    let theirs = FileHandle(fileDescriptor: ends[1], closeOnDealloc: true)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executablePath)
    process.arguments = memoryLimitBytes > 0 ? [String(memoryLimitBytes)] : []
    process.standardInput = theirs
    process.standardOutput = theirs
    process.standardError = FileHandle.nullDevice
    do {
      try process.run()
    } catch {
      close(ends[0])
      throw .pdfTextFailed(file: name, reason: "could not start \(executablePath): \(error)")
    }
    try? theirs.close()
    self.process = process
    socket = ends[0]
    starts += 1
    return true
  }

  private enum Outcome { case done, timedOut, closed }

  private func send(_ bytes: [UInt8], until deadline: ContinuousClock.Instant) -> Outcome {
    var offset = 0
    while offset < bytes.count {
      guard let ready = wait(for: Int16(POLLOUT), until: deadline) else { return .timedOut }
      if !ready { return .closed }
      let n = bytes.withUnsafeBytes {
        Glibc.send(
          socket, $0.baseAddress! + offset, $0.count - offset,
          Int32(MSG_NOSIGNAL) | Int32(MSG_DONTWAIT))
      }
      if n < 0 {
        if errno == EINTR || errno == EAGAIN { continue }
        return .closed
      }
      offset += n
    }
    return .done
  }

  private func receive(
    _ count: Int, into bytes: inout [UInt8], until deadline: ContinuousClock.Instant
  )
    -> Outcome
  {
    bytes = [UInt8](repeating: 0, count: count)
    var offset = 0
    while offset < count {
      guard let ready = wait(for: Int16(POLLIN), until: deadline) else { return .timedOut }
      if !ready { return .closed }
      let n = bytes.withUnsafeMutableBytes {
        recv(socket, $0.baseAddress! + offset, count - offset, Int32(MSG_DONTWAIT))
      }
      if n < 0 {
        if errno == EINTR || errno == EAGAIN { continue }
        return .closed
      }
      if n == 0 { return .closed }
      offset += n
    }
    return .done
  }

  /// Waits until the socket is ready for `events`: true when it is, false when it is
  /// broken, nil when the deadline passed.
  private func wait(for events: Int16, until deadline: ContinuousClock.Instant) -> Bool? {
    while true {
      let remaining = deadline - ContinuousClock.now
      let milliseconds =
        remaining.components.seconds * 1000 + remaining.components.attoseconds
        / 1_000_000_000_000_000
      if milliseconds <= 0 { return nil }
      var pfd = pollfd(fd: socket, events: events, revents: 0)
      let ready = poll(&pfd, 1, Int32(min(milliseconds, 1000)))
      if ready < 0 {
        if errno == EINTR { continue }
        return false
      }
      if ready == 0 { continue }
      if pfd.revents & events != 0 { return true }
      return false
    }
  }

  private static func alive(_ process: Process, within grace: Duration) -> Bool {
    let end = ContinuousClock.now + grace
    while process.isRunning {
      if ContinuousClock.now >= end { return true }
      usleep(1_000)
    }
    return false
  }

  private static func bigEndianBytes(_ number: UInt32) -> [UInt8] {
    [
      UInt8(number >> 24 & 0xff), UInt8(number >> 16 & 0xff), UInt8(number >> 8 & 0xff),
      UInt8(number & 0xff),
    ]
  }
}
