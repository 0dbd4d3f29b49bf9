import Foundation

/// A serial executor backed by one dedicated thread.
///
/// libcurl's `curl_easy_perform` blocks its thread for the whole transfer. An actor that
/// owns a curl handle runs on one of these, so the blocking calls never occupy a thread
/// of Swift's cooperative pool, and the handle is only ever touched by one thread.
final class ConnectionExecutor: SerialExecutor, @unchecked Sendable {
  private let jobs: JobQueue

  init(name: String) {
    let jobs = JobQueue()
    self.jobs = jobs
    let thread = Thread {
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
