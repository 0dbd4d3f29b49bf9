import Foundation
import Logging
import Store
import Workflow

/// Intake attempts counted before the work, not after it: a message that makes the
/// process trap (`fatalError`, a failed precondition, a crash in a library) never reaches
/// a `catch`, so only a mark written before it runs can tell the next start that it was
/// tried. After `maxAttempts` such stops the message is given up on: the poller keeps it
/// as it came, quarantined with its history, and goes on with the next.
///
/// A `kill -9` or a power loss while a message is in hand counts the same way: nothing
/// durable tells it from a trap. A message must be in hand at `maxAttempts` stops in a
/// row for that to matter, which only a message that itself takes the process down (a
/// trap, memory exhaustion) does in practice.
extension IngestPipeline {
  /// Test-only: when set, a message whose raw bytes contain this value makes the process
  /// trap before it is recorded. Inert unless set; never set it in production.
  public static let trapMarkerVariable = "LIAISOND_TEST_TRAP_ON_MARKER"

  private static let trapMarker: [UInt8]? = ProcessInfo.processInfo.environment[
    trapMarkerVariable
  ].flatMap { $0.isEmpty ? nil : Array($0.utf8) }

  /// Begins a message: marks it in hand first (so that a trap in its parse or extraction
  /// is counted against it), then starts its parse and extraction, which may run while the
  /// message before it commits. `ingestPrepared` records it at its turn. A message already
  /// stopped on `maxAttempts` times reaches `ingestPrepared` as `DaemonError.interrupted`.
  public func prepareCountingAttempts(
    raw: [UInt8], origin: MessageOrigin, now: Date, maxAttempts: Int
  ) -> PreparedMessage {
    let begun: DaemonError?
    do {
      try beginAttempt(origin: origin, at: now, maxAttempts: maxAttempts)
      begun = nil
    } catch {
      begun = error
    }
    // Once in hand (and, begun ahead, while the message before it is too).
    if begun == nil, let marker = Self.trapMarker, raw.firstRange(of: marker) != nil {
      fatalError("\(Self.trapMarkerVariable): this message carries the test marker")
    }
    return PreparedMessage(
      abandon: { if begun == nil { endAttempt(origin: origin) } },
      work: { () -> any Sendable in
        if let begun { return Result<Prepared, DaemonError>.failure(begun) }
        return Result<Prepared, DaemonError>.success(await prepare(raw))
      })
  }

  /// Records a message begun by `prepareCountingAttempts`, and clears its mark in the
  /// same transaction; on a failure the mark is cleared too (the caller counts it).
  public func ingestPrepared(
    _ prepared: PreparedMessage, origin: MessageOrigin, receivedAt: Date
  ) async throws(DaemonError) -> Outcome {
    guard let result = await prepared.value as? Result<Prepared, DaemonError> else {
      endAttempt(origin: origin)
      throw .record(origin: "\(origin)", reason: "not a message liaisond's pipeline prepared")
    }
    // A failure to begin left no mark (beginAttempt clears what it counted).
    let message = try result.get()
    do {
      // Cleared in the message's own transaction when it commits.
      return try record(message, origin: origin, receivedAt: receivedAt, endingAttempt: true)
    } catch {
      // The caller counts this failure itself; a mark left here would count it twice.
      endAttempt(origin: origin)
      throw error
    }
  }

  /// `finish` for a message found recorded but still in the mailbox, counted the same
  /// way: a statement whose process traps is given up on rather than resumed forever.
  public func finishCountingAttempts(
    id: String, origin: MessageOrigin, now: Date, maxAttempts: Int
  ) throws(DaemonError) {
    do {
      // Given up on already, and stopped before it was moved: nothing more to run.
      if try store.intakeFailure(origin: origin)?.quarantined == true { return }
    } catch {
      throw Self.recordFailure(error, origin: origin)
    }
    try beginAttempt(origin: origin, at: now, maxAttempts: maxAttempts)
    do {
      try finish(id: id, origin: origin, now: now)
    } catch {
      endAttempt(origin: origin)
      throw error
    }
    endAttempt(origin: origin)
  }

  private func beginAttempt(origin: MessageOrigin, at date: Date, maxAttempts: Int)
    throws(DaemonError)
  {
    let attempts: Int
    do {
      attempts = try store.beginIntakeAttempt(origin: origin, at: date)
    } catch {
      throw Self.recordFailure(error, origin: origin)
    }
    guard attempts >= max(1, maxAttempts) else { return }
    // Cleared, so that the give-up the caller records is not counted as a further stop.
    endAttempt(origin: origin)
    logger.error(
      "liaisond stopped every time it handled this message; giving up on it",
      metadata: ["message.origin": "\(origin)", "intake.stops": "\(attempts)"])
    throw .interrupted(origin: "\(origin)", attempts: attempts)
  }

  /// The message is done; a mark that cannot be cleared (the disk just filled) must not
  /// stop its move, at the cost of one stop counted should it ever be handled again.
  func endAttempt(origin: MessageOrigin) {
    do {
      try store.endIntakeAttempt(origin: origin)
    } catch {
      logger.warning(
        "cannot clear the in-hand mark of a finished message",
        metadata: ["message.origin": "\(origin)", "error": "\(error)"])
    }
  }
}
