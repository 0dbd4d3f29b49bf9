import CoreMetrics
import Foundation
import Prometheus

/// The daemon's metrics, exported in the Prometheus text format at `/metrics`.
///
/// The metrics are swift-metrics types made by a `PrometheusMetricsFactory` over this
/// object's own registry, so tests can run several daemons without sharing counters;
/// `bootstrapGlobal()` lets other libraries' metrics land in the same registry.
public final class DaemonMetrics: Sendable {
  public let registry: PrometheusCollectorRegistry
  public let factory: PrometheusMetricsFactory

  /// Messages downloaded from the mailbox.
  public let messagesFetched: CoreMetrics.Counter
  /// Messages committed to the record (statements, replies, and ignored kinds alike).
  public let messagesRecorded: CoreMetrics.Counter
  /// Messages recognised as already recorded (the same Message-ID and content).
  public let messagesDuplicate: CoreMetrics.Counter
  /// Messages that could not be parsed, kept as they came and moved to the quarantine mailbox.
  public let messagesQuarantined: CoreMetrics.Counter
  /// Messages recorded whose process step failed (a defect on `/iab`; intake went on).
  public let processFailures: CoreMetrics.Counter
  public let pollFailures: CoreMetrics.Counter
  public let pollDuration: CoreMetrics.Timer
  /// Mails waiting in the outbox.
  public let outboxDepth: CoreMetrics.Gauge
  public let outboxFailures: CoreMetrics.Counter
  /// Mails the outbound policy keeps back over the daily cap to an outside address
  /// (waiting on `/iab`), and those it refused (no allowed recipient); from the store's
  /// own counts, so they survive a restart.
  public let outboundHeld: CoreMetrics.Gauge
  public let outboundRefused: CoreMetrics.Gauge
  public let mailsSent: CoreMetrics.Counter
  /// Deadline reminders handed to the outbox (which delivers them like every other mail).
  public let remindersSent: CoreMetrics.Counter
  public let secondsSinceLastSuccessfulPoll: CoreMetrics.Gauge
  public let lastSuccessfulPollTimestamp: CoreMetrics.Gauge
  /// 1 when `/healthz` answers healthy, else 0.
  public let healthy: CoreMetrics.Gauge

  public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
    self.registry = registry
    var factory = PrometheusMetricsFactory(registry: registry)
    // A poll over a slow link or a large backlog takes seconds, not milliseconds.
    factory.durationHistogramBuckets["liaisond_poll_duration_seconds"] = [
      .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1),
      .milliseconds(2500), .seconds(5), .seconds(10), .seconds(30), .seconds(60), .seconds(120),
    ]
    self.factory = factory
    messagesFetched = CoreMetrics.Counter(
      label: "liaisond_messages_fetched_total", factory: factory)
    messagesRecorded = CoreMetrics.Counter(
      label: "liaisond_messages_recorded_total", factory: factory)
    messagesDuplicate = CoreMetrics.Counter(
      label: "liaisond_messages_duplicate_total", factory: factory)
    messagesQuarantined = CoreMetrics.Counter(
      label: "liaisond_messages_quarantined_total", factory: factory)
    processFailures = CoreMetrics.Counter(
      label: "liaisond_process_failures_total", factory: factory)
    pollFailures = CoreMetrics.Counter(label: "liaisond_poll_failures_total", factory: factory)
    pollDuration = CoreMetrics.Timer(label: "liaisond_poll_duration_seconds", factory: factory)
    outboxDepth = CoreMetrics.Gauge(label: "liaisond_outbox_depth", factory: factory)
    outboxFailures = CoreMetrics.Counter(label: "liaisond_outbox_failures_total", factory: factory)
    outboundHeld = CoreMetrics.Gauge(label: "liaisond_outbound_held", factory: factory)
    outboundRefused = CoreMetrics.Gauge(label: "liaisond_outbound_refused", factory: factory)
    mailsSent = CoreMetrics.Counter(label: "liaisond_mails_sent_total", factory: factory)
    remindersSent = CoreMetrics.Counter(label: "liaisond_reminders_sent_total", factory: factory)
    secondsSinceLastSuccessfulPoll = CoreMetrics.Gauge(
      label: "liaisond_seconds_since_last_successful_poll", factory: factory)
    lastSuccessfulPollTimestamp = CoreMetrics.Gauge(
      label: "liaisond_last_successful_poll_timestamp_seconds", factory: factory)
    healthy = CoreMetrics.Gauge(label: "liaisond_healthy", factory: factory)
  }

  /// Makes this registry the process-wide swift-metrics backend. Once per process.
  public func bootstrapGlobal() {
    MetricsSystem.bootstrap(factory)
  }

  /// The `/metrics` body. The time-based gauges are brought up to date first, since
  /// "seconds since" only means something at the moment it is read.
  public func exposition(health: HealthState, now: Date) async -> String {
    let report = await health.report(now: now)
    secondsSinceLastSuccessfulPoll.record(report.poll.secondsSinceSuccess)
    if let last = await health.lastPollSuccess {
      lastSuccessfulPollTimestamp.record(last.timeIntervalSince1970)
    }
    healthy.record(report.healthy ? 1 : 0)
    return registry.emitToString()
  }
}
