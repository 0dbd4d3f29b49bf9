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
    var logger = logger
    logger[metadataKey: "message.origin"] = "\(origin)"
    if case .imap(_, _, let uid) = origin { logger[metadataKey: "imap.uid"] = "\(uid)" }

    let message: MIMEMessage
    do {
      message = try parser.parse(raw)
    } catch {
      let reason = "\(error)"
      let outcome: RecordOutcome
      do {
        outcome = try store.recordUnparseable(
          raw: raw, origin: origin, reason: reason, receivedAt: receivedAt)
      } catch {
        throw Self.recordFailure(error, origin: origin)
      }
      metrics?.messagesQuarantined.increment()
      logger.warning(
        "quarantined an unparseable message",
        metadata: ["liaison.id": "\(outcome.id)", "reason": "\(reason)"])
      return .quarantined(id: outcome.id, reason: reason)
    }

    var extraction = await extractor.extract(message, raw: raw)
    do {
      // A reply-all copy of liaisond's own mail is about a statement, never a new one.
      extraction = try process.recognised(extraction, header: message.header)
    } catch {
      throw .record(origin: "\(origin)", reason: "\(error)")
    }
    if extraction.statement.kind == .statement {
      extraction.statement.route = process.router.route(extraction.statement)
    }
    let outcome: RecordOutcome
    do {
      outcome = try store.record(
        raw: raw, extraction: extraction, origin: origin, receivedAt: receivedAt)
    } catch {
      throw Self.recordFailure(error, origin: origin)
    }
    logger[metadataKey: "liaison.id"] = "\(outcome.id)"

    // Also for a duplicate: a crash after the commit and before the notifications were
    // queued is mended here; the process recognises what it already did.
    try finish(id: outcome.id, origin: origin, now: receivedAt, logger: logger)

    switch outcome {
    case .recorded(let id):
      metrics?.messagesRecorded.increment()
      let statement = extraction.statement
      logger.info(
        "recorded",
        metadata: [
          "liaison.kind": "\(statement.kind.rawValue)",
          "liaison.groups": "\(statement.route.groups.joined(separator: ","))",
          "liaison.purpose": "\(statement.purpose?.rawValue ?? "-")",
        ])
      return .recorded(id: id, kind: statement.kind)
    case .duplicate(let id):
      metrics?.messagesDuplicate.increment()
      logger.info("already recorded")
      return .duplicate(id: id)
    case .quarantined(let id):
      metrics?.messagesQuarantined.increment()
      logger.warning("quarantined")
      return .quarantined(
        id: id, reason: extraction.statement.defects.first ?? "quarantined by the store")
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

  private func finish(id: String, origin: MessageOrigin, now: Date, logger: Logger)
    throws(DaemonError)
  {
    let failure: WorkflowError
    do {
      try process.handleRecorded(id: id, now: now)
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
