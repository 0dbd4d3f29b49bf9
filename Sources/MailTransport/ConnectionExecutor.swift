import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A serial executor backed by one dedicated thread.
///
/// libcurl's `curl_easy_perform` blocks its thread for the whole transfer. An actor that
/// owns a curl handle runs on one of these, so the blocking calls never occupy a thread
/// of Swift's cooperative pool, and the handle is only ever touched by one thread.
final class ConnectionExecutor: SerialExecutor, @unchecked Sendable {
  private let jobs: JobQueue

  /// - Parameter niceness: added to the thread's nice value (Linux keeps one per thread),
  ///   for work that should yield the CPU to the rest of the daemon when both want it.
  init(name: String, niceness: Int32 = 0) {
    let jobs = JobQueue()
    self.jobs = jobs
    let thread = Thread {
      if niceness > 0 { Self.lowerPriority(by: niceness) }
      while let (job, executor) = jobs.next() {
        job.runSynchronously(on: executor)
      }
    }
    thread.name = name
    thread.start()
  }

  deinit {
    // The owning actor is gone, so no job can be queued any more: let the thread end.
    jobs.stop()
  }

  func enqueue(_ job: consuming ExecutorJob) {
    jobs.push(UnownedJob(job), on: asUnownedSerialExecutor())
  }

  /// The calling thread's nice value, read back (`getpriority` of the thread itself).
  static var currentNiceness: Int32 {
    #if os(Linux)
      // `who` 0 with PRIO_PROCESS is the calling thread on Linux, not the whole process.
      return getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0)
    #else
      return 0
    #endif
  }

  private static func lowerPriority(by niceness: Int32) {
    #if os(Linux)
      // Raising one's own nice value needs no privilege; failing to only costs speed.
      _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, currentNiceness + niceness)
    #endif
  }
}

/// The jobs waiting for a `ConnectionExecutor`'s thread, guarded by a condition.
private final class JobQueue: @unchecked Sendable {
  private let condition = NSCondition()
  private var pending: [(UnownedJob, UnownedSerialExecutor)] = []
  private var head = 0
  private var stopped = false

  func push(_ job: UnownedJob, on executor: UnownedSerialExecutor) {
    condition.lock()
    pending.append((job, executor))
    condition.signal()
    condition.unlock()
  }

  func stop() {
    condition.lock()
    stopped = true
    condition.signal()
    condition.unlock()
  }

  /// The next job, waiting for one; nil once stopped and drained.
  func next() -> (UnownedJob, UnownedSerialExecutor)? {
    condition.lock()
    defer { condition.unlock() }
    while head == pending.count && !stopped { condition.wait() }
    guard head < pending.count else { return nil }
    let job = pending[head]
    head += 1
    if head > 64 && head * 2 > pending.count {
      pending.removeFirst(head)
      head = 0
    }
    return job
  }
}
