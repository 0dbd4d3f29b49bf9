import Foundation
import Liaison

/// The PDF converters all messages share: at most `size` conversions run at once, each
/// in a `liaisond-pdftext` process that lives on from one document to the next. A
/// conversion waits (on its own thread) for a free converter.
///
/// A class with a lock rather than an actor: the callers are the blocking reader threads
/// of `PDFTextReader`, which must not hop onto the cooperative pool to wait.
public final class PDFWorkerPool: @unchecked Sendable {
  public let executablePath: String
  public let size: Int
  private let condition = NSCondition()
  private var idle: [PDFWorker]

  public init(executablePath: String, size: Int, memoryLimitBytes: Int) {
    self.executablePath = executablePath
    self.size = max(1, size)
    idle = (0..<max(1, size)).map { _ in
      PDFWorker(executablePath: executablePath, memoryLimitBytes: memoryLimitBytes)
    }
  }

  /// Runs `body` with a converter of its own; blocks until one is free.
  func withWorker<T>(_ body: (PDFWorker) throws(LiaisonError) -> T) throws(LiaisonError) -> T {
    condition.lock()
    while idle.isEmpty { condition.wait() }
    let worker = idle.removeLast()
    condition.unlock()
    defer {
      condition.lock()
      idle.append(worker)
      condition.signal()
      condition.unlock()
    }
    return try body(worker)
  }

  /// The converters' process ids (those running now), for the tests that kill one.
  public var processIdentifiers: [Int32] {
    condition.lock()
    defer { condition.unlock() }
    return idle.compactMap(\.processIdentifier)
  }

  /// Processes started so far, over all converters: above `size` after a restart.
  public var starts: Int {
    condition.lock()
    defer { condition.unlock() }
    return idle.reduce(0) { $0 + $1.starts }
  }
}
