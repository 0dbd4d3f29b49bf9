import Foundation
import Liaison

#if canImport(Glibc)
  import Glibc
#endif

/// The text layer of a message's PDFs, read by poppler in a child process: the one
/// document reader the pure `Liaison` module cannot have, supplied to the extractor
/// through `DocumentReaders`.
///
/// The converter is `liaisond-pdftext` (poppler's library, Debian `libpoppler-cpp0v5`)
/// installed beside liaisond: a few such processes live on from one document to the next,
/// shared by all messages through the reader's `PDFWorkerPool`, so a PDF costs no process
/// start. Without it, poppler's `pdftotext` (Debian `poppler-utils`) runs once per PDF.
///
/// A hostile PDF can make the converter spin or allocate, so each document has a hard
/// timeout (then SIGKILL, and a fresh converter for the next document), an address-space
/// limit and a page limit, and its text is read only up to the text limit. One message's
/// PDFs share a budget of time and of documents; those past it are recorded with the
/// defect "not read: budget". The budget's clock runs from the message's first PDF, and
/// includes any wait for a free converter. The converter is waited for on a thread of its
/// own, never on one of the cooperative pool's.
public struct PDFTextReader: DocumentTextReader {
  /// What turns a PDF into text.
  public enum Converter: Sendable, Hashable {
    /// `liaisond-pdftext` at this path, kept running.
    case worker(path: String)
    /// `Options.pdftotextPath`, one process per document.
    case pdftotext

    /// The worker when `liaisond-pdftext` is installed beside the running program (as
    /// `swift build` and the installation put it), else `pdftotext`.
    public static var installed: Converter {
      guard
        let program = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
      else { return .pdftotext }
      let path = URL(fileURLWithPath: program).deletingLastPathComponent()
        .appendingPathComponent("liaisond-pdftext").path
      return FileManager.default.isExecutableFile(atPath: path) ? .worker(path: path) : .pdftotext
    }
  }

  public struct Options: Sendable, Hashable {
    /// Default: the worker when it is installed (`Converter.installed`).
    public var converter: Converter
    /// Conversions run at once, over all messages, by the worker. Default 2.
    public var concurrency: Int
    /// poppler's `pdftotext`.
    public var pdftotextPath: String
    /// Wall-clock limit of one `pdftotext` run, in seconds; then it is killed. Default 10.
    public var timeout: Double
    /// Pages of a PDF read. Default 200.
    public var maxPages: Int
    /// Address-space limit of the converter (`setrlimit`; for `pdftotext` via `prlimit`),
    /// in bytes; 0 for none. Default 1 GiB.
    public var memoryLimitBytes: Int
    /// Wall-clock time all PDFs of one message may take together, in seconds. Default 30.
    public var messageBudget: Double
    /// Most PDFs read per message. Default 20.
    public var maxDocumentsPerMessage: Int

    public init(
      converter: Converter = .installed, concurrency: Int = 2,
      pdftotextPath: String = "/usr/bin/pdftotext", timeout: Double = 10, maxPages: Int = 200,
      memoryLimitBytes: Int = 1 << 30, messageBudget: Double = 30, maxDocumentsPerMessage: Int = 20
    ) {
      self.converter = converter
      self.concurrency = concurrency
      self.pdftotextPath = pdftotextPath
      self.timeout = timeout
      self.maxPages = maxPages
      self.memoryLimitBytes = memoryLimitBytes
      self.messageBudget = messageBudget
      self.maxDocumentsPerMessage = maxDocumentsPerMessage
    }
  }

  public let options: Options
  /// The worker's converters, shared by every copy of this reader; nil for `pdftotext`.
  public let pool: PDFWorkerPool?

  public init(options: Options = Options()) {
    self.options = options
    if case .worker(let path) = options.converter {
      pool = PDFWorkerPool(
        executablePath: path, size: options.concurrency,
        memoryLimitBytes: options.memoryLimitBytes)
    } else {
      pool = nil
    }
  }

  public func read(_ documents: [SourceDocument], options limits: LiaisonExtractor.Options) async
    -> [DocumentReading]
  {
    guard !documents.isEmpty else { return [] }
    return await withCheckedContinuation { continuation in
      let thread = Thread {
        continuation.resume(returning: self.readWaiting(documents, limits: limits))
      }
      thread.name = "pdf-text"
      thread.start()
    }
  }

  /// Reads the documents one after the other within the message's budget; blocks.
  func readWaiting(_ documents: [SourceDocument], limits: LiaisonExtractor.Options)
    -> [DocumentReading]
  {
    let start = ContinuousClock.now
    let budget = Duration.milliseconds(Int64((options.messageBudget * 1000).rounded()))
    var readings: [DocumentReading] = []
    for (index, document) in documents.enumerated() {
      if index >= options.maxDocumentsPerMessage {
        readings.append(
          .failed(
            .notReadBudget(
              file: document.name,
              reason: "at most \(options.maxDocumentsPerMessage) PDFs are read per message")))
        continue
      }
      do {
        let result = try text(of: document, until: start + budget, limits: limits)
        readings.append(
          .text(
            result.text,
            defects: result.truncated ? [DocumentText.truncation(document.name, limits)] : []))
      } catch {
        readings.append(.failed(error))
      }
    }
    return readings
  }

  private var spent: String {
    "the \(Self.format(options.messageBudget)) s for the PDFs of one message are spent"
  }

  /// One document within what is left of its message's budget; the timeout is the
  /// smaller of the two, taken once a converter is free.
  private func text(
    of document: SourceDocument, until end: ContinuousClock.Instant,
    limits: LiaisonExtractor.Options
  ) throws(LiaisonError) -> Result {
    let convert = { (worker: PDFWorker?) throws(LiaisonError) -> Result in
      let remaining = end - ContinuousClock.now
      let seconds =
        Double(remaining.components.seconds) + Double(remaining.components.attoseconds) / 1e18
      guard seconds > 0 else { throw .notReadBudget(file: document.name, reason: self.spent) }
      let timeout = min(self.options.timeout, seconds)
      guard let worker else {
        return try self.pdftotext(
          document.data, name: document.name, timeout: timeout, limits: limits)
      }
      return try worker.convert(
        document.data, name: document.name, maxPages: self.options.maxPages,
        maxTextBytes: limits.maxDocumentTextBytes, timeout: timeout)
    }
    do {
      guard let pool else { return try convert(nil) }
      return try pool.withWorker { worker throws(LiaisonError) in try convert(worker) }
    } catch .pdfTextTimedOut(let file, let timeout) where timeout < options.timeout {
      throw .notReadBudget(file: file, reason: spent)
    }
  }

  struct Result {
    var text: String
    var truncated: Bool
  }

  /// One PDF's text by `pdftotext`. The temporary copy it reads is removed whatever happens.
  func pdftotext(_ data: [UInt8], name: String, timeout: Double, limits: LiaisonExtractor.Options)
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
      "-q", "-enc", "UTF-8", "-layout", "-l", String(options.maxPages), file.path, "-",
    ]
    var executable = options.pdftotextPath
    let prlimit = "/usr/bin/prlimit"
    if options.memoryLimitBytes > 0, FileManager.default.isExecutableFile(atPath: prlimit) {
      arguments = ["--as=\(options.memoryLimitBytes)", "--", executable] + arguments
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
    let deadline = Date().addingTimeInterval(timeout)
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
      let n = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
      if n < 0 {
        if errno == EINTR { continue }
        break
      }
      if n == 0 { break readLoop }
      output.append(contentsOf: buffer[0..<n])
      if output.count > limits.maxDocumentTextBytes {
        output.removeSubrange(limits.maxDocumentTextBytes...)
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
      throw .pdfTextTimedOut(file: name, seconds: timeout)
    }
    if !truncated && (process.terminationReason != .exit || process.terminationStatus != 0) {
      let how =
        process.terminationReason == .exit
        ? "exit status \(process.terminationStatus)" : "signal \(process.terminationStatus)"
      throw .pdfTextFailed(file: name, reason: "pdftotext failed with \(how)")
    }
    return Result(text: String(decoding: output, as: UTF8.self), truncated: truncated)
  }

  static func format(_ seconds: Double) -> String {
    seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
  }
}

extension DocumentReaders {
  /// Liaison's own readers and poppler (`liaisond-pdftext`, else `pdftotext`): what every
  /// command that extracts (`run`, `ingest`, `extract`) reads attachments with.
  public static func withPDFTextReader(_ options: PDFTextReader.Options = .init())
    -> DocumentReaders
  {
    DocumentReaders(pdf: PDFTextReader(options: options))
  }
}
