import CoreMetrics
import Foundation
import Liaison
import Logging
import MIME
import PDFText
import Routing
import Store
import Workflow

/// One message from raw bytes to the record: parse, extract, route, commit, and hand
/// the statement to the liaison process (which queues the notifications).
///
/// The same for mail fetched by IMAP and files given to `liaisond ingest`. A message
/// that cannot be parsed is committed as it came, marked quarantined; it never stops
/// the caller. Whatever fails after the raw message is committed (routing, composing,
/// queueing) is a defect of that statement, noted in its history and on `/iab`: the
/// caller goes on with the next message. Only a failure of the record itself throws:
/// then nothing may be acknowledged to the mailbox, and the message will be tried again.
public struct IngestPipeline: Sendable {
  public enum Outcome: Sendable, Hashable {
    case recorded(id: String, kind: MessageKind)
    case duplicate(id: String)
    case quarantined(id: String, reason: String)

    public var id: String {
      switch self {
      case .recorded(let id, _), .duplicate(let id), .quarantined(let id, _): id
      }
    }
  }

  public let parser: MIMEParser
  public let extractor: LiaisonExtractor
  public let process: LiaisonProcess
  public let metrics: DaemonMetrics?
  public let logger: Logger

  public init(
    parser: MIMEParser = MIMEParser(), extractor: LiaisonExtractor, process: LiaisonProcess,
    metrics: DaemonMetrics? = nil, logger: Logger
  ) {
    self.parser = parser
    self.extractor = extractor
    self.process = process
    self.metrics = metrics
    self.logger = logger
  }

  /// The pipeline a configuration describes, over an open store and a loaded registry.
  public init(
    configuration: LiaisondConfiguration, store: LiaisonStore, registry: GroupRegistry,
    clock: any WallClock, metrics: DaemonMetrics?, logger: Logger
  ) {
    let router = StatementRouter(registry: registry, options: configuration.routerOptions)
    self.init(
      extractor: LiaisonExtractor(
        options: configuration.extractorOptions, readers: .withPDFTextReader()),
      process: LiaisonProcess(
        store: store, router: router, configuration: configuration.processConfiguration,
        clock: clock, logger: logger),
      metrics: metrics, logger: logger)
  }

  public var store: LiaisonStore { process.store }

  /// Records `raw` as received at `receivedAt`; the outcome says what it became. Throws
  /// only `DaemonError.record` or `.storeUnwritable`.
  public func ingest(raw: [UInt8], origin: MessageOrigin, receivedAt: Date)
    async
    throws(DaemonError)
    -> Outcome
  {
    try record(await prepare(raw), origin: origin, receivedAt: receivedAt, endingAttempt: false)
  }

  /// What can be known of a message before the record is asked anything: its parse,
  /// extraction and route. Pure work on the bytes (documents converted by the extractor's readers),
  /// so that a batch can prepare the next message while this one commits.
  public struct Prepared: Sendable {
    enum Parse: Sendable {
      case parsed(MIMEHeader, Extraction)
      case unparseable(reason: String)
    }

    let raw: [UInt8]
    let parse: Parse
  }

  /// Parses, extracts and routes `raw`; never fails (a mail that does not parse is kept as it came).
  public func prepare(_ raw: [UInt8]) async -> Prepared {
    let message: MIMEMessage
    do {
      message = try parser.parse(raw)
    } catch {
      return Prepared(raw: raw, parse: .unparseable(reason: "\(error)"))
    }
    var extraction = await extractor.extract(message, raw: raw)
    // Routing reads the registry only; a reply-all copy recognised at record time is
    // unrouted there.
    if extraction.statement.kind == .statement {
      extraction.statement.route = process.router.route(extraction.statement)
    }
    return Prepared(raw: raw, parse: .parsed(message.header, extraction))
  }

  /// Records a prepared message and moves it through the process, in one transaction of
  /// the store (`LiaisonStore.inOneTransaction`): nothing of it is committed until all of
  /// it is, and a crash redoes it whole. With `endingAttempt`, the in-hand mark of
  /// `prepareCountingAttempts` is cleared in the same transaction.
  func record(_ prepared: Prepared, origin: MessageOrigin, receivedAt: Date, endingAttempt: Bool)
    throws(DaemonError) -> Outcome
  {
    var logger = logger
    logger[metadataKey: "message.origin"] = "\(origin)"
    if case .imap(_, _, let uid) = origin { logger[metadataKey: "imap.uid"] = "\(uid)" }
    let result: Result<Recorded, DaemonError>
    do {
      result = try store.inOneTransaction("record the message from \(origin)") {
        () throws(DaemonError) -> Recorded in
        let recorded = try recordAndFinish(
          prepared, origin: origin, receivedAt: receivedAt, logger: logger)
        if endingAttempt { endAttempt(origin: origin) }
        return recorded
      }
    } catch {
      throw Self.recordFailure(error, origin: origin)
    }
    let recorded = try result.get()
    // Said once committed: a transaction rolled back recorded nothing.
    logger[metadataKey: "liaison.id"] = "\(recorded.outcome.id)"
    switch recorded.outcome {
    case .recorded:
      metrics?.messagesRecorded.increment()
      logger.info("recorded", metadata: recorded.detail)
    case .duplicate:
      metrics?.messagesDuplicate.increment()
      logger.info("already recorded")
    case .quarantined(_, let reason) where recorded.unparseable:
      metrics?.messagesQuarantined.increment()
      logger.warning("quarantined an unparseable message", metadata: ["reason": "\(reason)"])
    case .quarantined:
      metrics?.messagesQuarantined.increment()
      logger.warning("quarantined")
    }
    return recorded.outcome
  }

  /// An outcome inside the transaction, and what to say of it once it commits.
  private struct Recorded {
    var outcome: Outcome
    var detail: Logger.Metadata = [:]
    var unparseable = false
  }

  private func recordAndFinish(
    _ prepared: Prepared, origin: MessageOrigin, receivedAt: Date, logger: Logger
  ) throws(DaemonError) -> Recorded {
    let raw = prepared.raw
    var extraction: Extraction
    let header: MIMEHeader
    switch prepared.parse {
    case .unparseable(let reason):
      let outcome: RecordOutcome
      do {
        outcome = try store.recordUnparseable(
          raw: raw, origin: origin, reason: reason, receivedAt: receivedAt)
      } catch {
        throw Self.recordFailure(error, origin: origin)
      }
      return Recorded(outcome: .quarantined(id: outcome.id, reason: reason), unparseable: true)
    case .parsed(let parsedHeader, let parsedExtraction):
      header = parsedHeader
      extraction = parsedExtraction
    }

    // The statement `prepare` routed, as it routed it.
    let routed = extraction.statement.kind == .statement ? extraction.statement : nil
    do {
      // A reply-all copy of liaisond's own mail is about a statement, never a new one.
      extraction = try process.recognised(extraction, header: header)
    } catch {
      throw .record(origin: "\(origin)", reason: "\(error)")
    }
    let outcome: RecordOutcome
    do {
      outcome = try store.record(
        raw: raw, extraction: extraction, origin: origin, receivedAt: receivedAt)
    } catch {
      throw Self.recordFailure(error, origin: origin)
    }
    var logger = logger
    logger[metadataKey: "liaison.id"] = "\(outcome.id)"

    // Also for a duplicate: a crash after the commit and before the notifications were
    // queued is mended here; the process recognises what it already did.
    try finish(
      id: outcome.id, origin: origin, now: receivedAt, logger: logger,
      routed: routed)

    switch outcome {
    case .recorded(let id):
      let statement = extraction.statement
      return Recorded(
        outcome: .recorded(id: id, kind: statement.kind),
        detail: [
          "liaison.kind": "\(statement.kind.rawValue)",
          "liaison.groups": "\(statement.route.groups.joined(separator: ","))",
          "liaison.purpose": "\(statement.purpose?.rawValue ?? "-")",
        ])
    case .duplicate(let id):
      return Recorded(outcome: .duplicate(id: id))
    case .quarantined(let id):
      return Recorded(
        outcome: .quarantined(
          id: id, reason: extraction.statement.defects.first ?? "quarantined by the store"))
    }
  }

  /// Moves the recorded statement `id` through the process. A failure that is not the
  /// record's (a mail that cannot be composed, a routing step) becomes a defect of `id`
  /// and an `/iab` entry, and returns: the next message must not wait behind this one.
  /// Throws only when the record cannot be written, not even the defect.
  public func finish(id: String, origin: MessageOrigin, now: Date) throws(DaemonError) {
    var logger = logger
    logger[metadataKey: "liaison.id"] = "\(id)"
    try finish(id: id, origin: origin, now: now, logger: logger)
  }

  /// - Parameter routed: the statement as `prepare` routed it, when it was.
  private func finish(
    id: String, origin: MessageOrigin, now: Date, logger: Logger,
    routed: ExtractedStatement? = nil
  ) throws(DaemonError) {
    let failure: WorkflowError
    do {
      try process.handleRecorded(id: id, now: now, routed: routed)
      return
    } catch {
      failure = error
    }
    if case .storeUnwritable(let step, _, let reason) = failure {
      throw .storeUnwritable(
        .unwritable(path: store.databasePath, operation: step, reason: reason))
    }
    do {
      try store.noteProcessFailure(
        id: id, origin: origin, reason: failure.description, at: process.clock.now())
    } catch {
      // Not even the defect could be written: the record itself is failing.
      throw Self.recordFailure(error, origin: origin)
    }
    metrics?.processFailures.increment()
    logger.error(
      "recorded, but the process failed; the statement waits on /iab",
      metadata: ["error": "\(failure)"])
  }

  static func recordFailure(_ error: StoreError, origin: MessageOrigin) -> DaemonError {
    error.isUnwritable ? .storeUnwritable(error) : .record(origin: "\(origin)", reason: "\(error)")
  }
}

extension IngestPipeline {
  /// `liaisond reclassify ID --as statement`: the mail is extracted again from its raw
  /// bytes as a statement, routed, recorded as such with a `reclassified` event, and then
  /// handled by the process as any statement on receipt. Returns the route. Throws only
  /// `DaemonError.record`.
  @discardableResult
  public func reclassify(id: String, as kind: MessageKind, note: String?, now: Date)
    async
    throws(DaemonError) -> RouteDecision
  {
    let origin = "reclassify \(id)"
    guard kind == .statement else {
      throw .record(origin: origin, reason: "only --as statement is supported")
    }
    let previous: StatementRecord
    let raw: [UInt8]
    do {
      guard let record = try store.statement(id: id) else {
        throw DaemonError.record(origin: origin, reason: "no record \(id)")
      }
      guard let bytes = try store.rawMessage(id: id) else {
        throw DaemonError.record(origin: origin, reason: "the raw mail of \(id) is missing")
      }
      previous = record
      raw = bytes
    } catch let error as DaemonError {
      throw error
    } catch {
      throw .record(origin: origin, reason: "\(error)")
    }
    var extraction: Extraction
    do {
      extraction = await extractor.extract(try parser.parse(raw), raw: raw, as: .statement)
    } catch {
      throw .record(origin: origin, reason: "the mail does not parse: \(error)")
    }
    extraction.statement.route = process.router.route(extraction.statement)
    var detail = "from \(previous.statement.kind.rawValue) to \(kind.rawValue)"
    if let note, !note.isEmpty { detail += ": " + note }
    // A statement is public: it leaves the MSG- series for an LS- id (the old one an alias).
    let current: String
    do {
      current = try store.reclassify(id: id, as: extraction.statement, detail: detail, at: now)
      try process.handleRecorded(id: current, now: now)
    } catch {
      throw .record(origin: origin, reason: "\(error)")
    }
    logger.info(
      "reclassified",
      metadata: [
        "liaison.id": "\(current)", "liaison.previous_id": "\(id)",
        "liaison.kind": "\(kind.rawValue)",
      ])
    return extraction.statement.route
  }
}
