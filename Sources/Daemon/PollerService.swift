import CoreMetrics
import Foundation
import Logging
import MailTransport
import ServiceLifecycle
import Store
import Workflow

/// Runs `MailboxPoller`'s loop for the current configuration, and a new one after a reload.
///
/// On graceful shutdown the message in hand is finished: its record commits and it is
/// moved; the messages begun beside it are abandoned (their marks cleared) and stay in
/// the INBOX for the next start, with the rest.
struct PollerService: Service {
  let daemon: LiaisonDaemon
  /// Wait before trying again when the poller cannot be set up.
  var setupRetry: Duration = .seconds(30)

  func run() async throws {
    let stop = StopSignal()
    await withGracefulShutdownHandler {
      // Intake alternates reads and commits: its reads stay on the writer's warm cache.
      await LiaisonStore.readingOnTheWriter {
        await daemon.pollLoop(until: stop, setupRetry: setupRetry)
      }
    } onGracefulShutdown: {
      stop.set()
    }
  }
}

extension LiaisonDaemon {
  /// The poller of the current configuration generation, recording through its pipeline.
  func makePoller() async throws -> MailboxPoller {
    let configuration = await state.configuration
    let imap = try configuration.imapConfiguration()
    var logger = self.logger
    logger[metadataKey: "imap.server"] = "\(imap.server)"
    let pollerConfiguration = MailboxPoller.Configuration(
      mailbox: configuration.imap.mailbox, processedMailbox: configuration.imap.processedMailbox,
      quarantineMailbox: configuration.imap.quarantineMailbox,
      pollInterval: configuration.imap.pollInterval, maxMessageSize: imap.maxMessageSize,
      maxAttempts: configuration.intake.maxAttempts)
    let metrics = self.metrics
    let state = self.state
    let maxAttempts = configuration.intake.maxAttempts
    let outboxWake = self.outboxWake
    return MailboxPoller(
      mailbox: IMAPClient(configuration: imap, logger: logger),
      watcher: IMAPIdler(
        configuration: imap, checkInterval: configuration.imap.checkInterval, logger: logger),
      store: store,
      configuration: pollerConfiguration, clock: clock, logger: logger,
      onCycle: { [self] result, elapsed in await self.observePoll(result, elapsed: elapsed) },
      resume: { id, origin, now in
        // A process killed between the commit and the notifications left them unqueued.
        let pipeline = await state.pipeline
        do {
          try pipeline.finishCountingAttempts(
            id: id, origin: origin, now: now, maxAttempts: maxAttempts)
        } catch {
          throw Self.pollerError(error)
        }
        outboxWake.ring()
      },
      prepare: { raw, origin, now in
        await state.pipeline.prepareCountingAttempts(
          raw: raw, origin: origin, now: now, maxAttempts: maxAttempts)
      }
    ) { raw, prepared, origin, receivedAt in
      metrics.messagesFetched.increment()
      let pipeline = await state.pipeline
      let outcome: IngestPipeline.Outcome
      do {
        outcome = try await pipeline.ingestPrepared(
          prepared
            ?? pipeline.prepareCountingAttempts(
              raw: raw, origin: origin, now: receivedAt, maxAttempts: maxAttempts),
          origin: origin, receivedAt: receivedAt)
      } catch {
        throw Self.pollerError(error)
      }
      outboxWake.ring()
      switch outcome {
      case .recorded(let id, _): return .recorded(id: id)
      case .duplicate(let id): return .duplicate(id: id)
      case .quarantined(let id, _): return .quarantined(id: id)
      }
    }
  }

  /// A store that cannot be written reaches the poller as the store's own error, which
  /// ends its cycle; any other failure is this message's.
  static func pollerError(_ error: any Error) -> any Error {
    if case .storeUnwritable(let storeError)? = error as? DaemonError { return storeError }
    return error
  }

  /// Runs the poller's loop until `stop`, with a new poller after each reload.
  func pollLoop(until stop: StopSignal, setupRetry: Duration) async {
    while !stop.isSet, !Task.isCancelled {
      let generation = await state.generation
      let poller: MailboxPoller
      do {
        poller = try await makePoller()
      } catch {
        logger.error("cannot set up the mailbox poller", metadata: ["error": "\(error)"])
        await health.pollFailed(at: clock.now())
        await stop.sleep(for: setupRetry, on: clock)
        continue
      }
      let state = self.state
      await poller.run(until: stop) { await state.generation == generation }
    }
    logger.info("mailbox poller stopped")
  }

  /// Metrics and health after each poll cycle.
  func observePoll(_ result: Result<MailboxPoller.CycleReport, any Error>, elapsed: Duration)
    async
  {
    metrics.pollDuration.recordNanoseconds(Self.nanoseconds(elapsed))
    switch result {
    case .success(let report):
      // Oversized mail is recorded from its header by the poller itself.
      metrics.messagesFetched.increment(by: Int64(report.oversized))
      metrics.messagesQuarantined.increment(by: Int64(report.oversized + report.gaveUp))
      let now = clock.now()
      await health.pollSucceeded(at: now)
      await health.storeWritten()
      await health.mailboxSeen(waiting: report.status.messages)
      await health.intakeObserved(waiting: report.status.messages, moved: report.moved, at: now)
    case .failure(let error):
      metrics.pollFailures.increment()
      let now = clock.now()
      await health.pollFailed(at: now)
      await health.intakeFailed(at: now)
      if let error = error as? StoreError, error.isUnwritable {
        logger.critical("intake stopped: \(error)")
        await health.storeFailed(reason: "\(error)")
      }
    }
    refreshOutboxDepth()
  }

  static func nanoseconds(_ duration: Duration) -> Int64 {
    let (seconds, attoseconds) = duration.components
    return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
  }
}
