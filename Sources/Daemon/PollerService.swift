import CoreMetrics
import Foundation
import Logging
import MailTransport
import ServiceLifecycle
import Store
import Synchronization
import Workflow

/// Takes mail from the IMAP mailbox into the record, one `MailboxPoller` cycle at a time,
/// waiting for IMAP IDLE news or `imap.poll_interval` in between.
///
/// On graceful shutdown the message in hand is finished: its record commits and it is
/// moved; the next message is not started (it stays in the INBOX for the next start).
struct PollerService: Service {
  let daemon: LiaisonDaemon

  func run() async throws {
    let stopping = StopFlag()
    await withGracefulShutdownHandler {
      await daemon.pollLoop(stopping: stopping)
    } onGracefulShutdown: {
      stopping.set()
    }
  }
}

/// Set once a graceful shutdown has begun; read by the recorder before each message.
final class StopFlag: Sendable {
  private let value = Mutex(false)
  var isSet: Bool { value.withLock { $0 } }
  func set() { value.withLock { $0 = true } }
}

/// Thrown by the recorder when shutdown began: the poller moves what it committed and stops.
struct ShutdownRequested: Error, CustomStringConvertible {
  var description: String { "liaisond is stopping; the message stays in the mailbox" }
}

/// The mail side of one configuration generation: the poller and its connections.
struct MailParts: Sendable {
  let generation: Int
  let mailbox: String
  let poller: MailboxPoller
  let idler: IMAPIdler
  let pollInterval: Duration
  let backoff: Backoff
}

extension LiaisonDaemon {
  /// Builds the poller for the current configuration, recording through `pipeline`.
  func makeMailParts(stopping: StopFlag?) async throws -> MailParts {
    let configuration = await state.configuration
    let generation = await state.generation
    let imap = try configuration.imapConfiguration()
    var logger = self.logger
    logger[metadataKey: "imap.server"] = "\(imap.server)"
    let client = IMAPClient(configuration: imap, logger: logger)
    let idler = IMAPIdler(configuration: imap, logger: logger)
    let pollerConfiguration = MailboxPoller.Configuration(
      mailbox: configuration.imap.mailbox, processedMailbox: configuration.imap.processedMailbox,
      quarantineMailbox: configuration.imap.quarantineMailbox,
      pollInterval: configuration.imap.pollInterval, maxMessageSize: imap.maxMessageSize)
    let metrics = self.metrics
    let state = self.state
    let poller = MailboxPoller(
      client: client, idler: idler, store: store, configuration: pollerConfiguration,
      logger: logger,
      resume: { id, origin in
        // A process killed between the commit and the notifications left them unqueued.
        let pipeline = await state.pipeline
        do {
          try pipeline.process.handleRecorded(id: id)
        } catch {
          throw DaemonError.record(origin: "\(origin)", reason: "\(error)")
        }
      }
    ) { raw, origin in
      if let stopping, stopping.isSet { throw ShutdownRequested() }
      metrics.messagesFetched.increment()
      let pipeline = await state.pipeline
      switch try await pipeline.ingest(raw: raw, origin: origin) {
      case .recorded(let id, _): return .recorded(id: id)
      case .duplicate(let id): return .duplicate(id: id)
      case .quarantined(let id, _): return .quarantined(id: id)
      }
    }
    return MailParts(
      generation: generation, mailbox: configuration.imap.mailbox, poller: poller, idler: idler,
      pollInterval: configuration.imap.pollInterval,
      backoff: pollerConfiguration.backoff)
  }

  /// One poll cycle with its metrics and health; throws what the cycle threw.
  @discardableResult
  func pollCycle(_ parts: MailParts) async throws -> MailboxPoller.CycleReport {
    let start = ContinuousClock.now
    do {
      let report = try await parts.poller.cycle()
      metrics.pollDuration.recordNanoseconds(Self.nanoseconds(ContinuousClock.now - start))
      // Oversized mail is recorded from its header by the poller itself.
      metrics.messagesFetched.increment(by: Int64(report.oversized))
      metrics.messagesQuarantined.increment(by: Int64(report.oversized))
      await health.pollSucceeded()
      refreshOutboxDepth()
      return report
    } catch let error as ShutdownRequested {
      throw error
    } catch {
      metrics.pollDuration.recordNanoseconds(Self.nanoseconds(ContinuousClock.now - start))
      metrics.pollFailures.increment()
      await health.pollFailed()
      refreshOutboxDepth()
      throw error
    }
  }

  /// Cycles until `stopping` is set, rebuilding the poller after a reload.
  func pollLoop(stopping: StopFlag) async {
    var parts: MailParts?
    var failures = 0
    var knownUIDNext: UInt32?
    while !stopping.isSet, !Task.isCancelled {
      let generation = await state.generation
      if parts?.generation != generation {
        do {
          parts = try await makeMailParts(stopping: stopping)
          knownUIDNext = nil
        } catch {
          logger.error("cannot set up the mailbox poller", metadata: ["error": "\(error)"])
          await health.pollFailed()
          await pause(for: .seconds(30), unless: stopping)
          continue
        }
      }
      guard let current = parts else { continue }
      do {
        let report = try await pollCycle(current)
        failures = 0
        knownUIDNext = report.status.uidNext
      } catch is ShutdownRequested {
        break
      } catch {
        if stopping.isSet { break }
        let delay = current.backoff.delay(attempt: failures)
        failures += 1
        logger.warning(
          "mailbox poll failed; retrying",
          metadata: ["error": "\(error)", "retry.in": "\(delay)", "retry.attempt": "\(failures)"])
        await pause(for: delay, unless: stopping)
        continue
      }
      if stopping.isSet { break }
      let seenUIDNext = knownUIDNext
      do {
        _ = try await cancelWhenGracefulShutdown {
          try await current.idler.waitForNews(
            in: current.mailbox, knownUIDNext: seenUIDNext,
            timeout: current.pollInterval)
        }
      } catch {
        if stopping.isSet || Task.isCancelled { break }
        // IDLE only makes polling faster; without it the poll interval still applies.
        logger.info("IMAP IDLE unavailable; polling", metadata: ["error": "\(error)"])
        await pause(for: min(current.pollInterval, .seconds(30)), unless: stopping)
      }
    }
    logger.info("mailbox poller stopped")
  }

  /// Sleeps, ending early when a graceful shutdown begins.
  func pause(for duration: Duration, unless stopping: StopFlag) async {
    guard !stopping.isSet else { return }
    try? await cancelWhenGracefulShutdown { try await Task.sleep(for: duration) }
  }

  static func nanoseconds(_ duration: Duration) -> Int64 {
    let (seconds, attoseconds) = duration.components
    return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
  }
}
