import Foundation
import Hummingbird
import Workflow

/// `/metrics` (Prometheus text exposition) and `/healthz` (JSON; 200 when healthy,
/// 503 when polling or sending has failed for longer than its threshold).
///
/// They have a listener of their own (`observability.listen`, loopback by default), apart
/// from the public record's: a crowd of web clients cannot keep a monitor from them, and
/// the public never sees them.
public enum ObservabilityRoutes {
  public static func add(
    to router: Router<BasicRequestContext>, metrics: DaemonMetrics, health: HealthState,
    clock: any WallClock, refresh: @escaping @Sendable () async -> Void = {}
  ) {
    router.get("/metrics") { _, _ -> Response in
      // Gauges read from elsewhere (the outbox depth) are brought up to date first.
      await refresh()
      let text = await metrics.exposition(health: health, now: clock.now())
      return Response(
        status: .ok,
        headers: [
          .contentType: "text/plain; version=0.0.4; charset=utf-8", .cacheControl: "no-store",
        ],
        body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }
    router.get("/healthz") { _, _ -> Response in
      // The outbox is judged from the store, also when its loop has stopped reporting.
      await refresh()
      let now = clock.now()
      let report = await health.report(now: now)
      let body = await health.json(now: now)
      return Response(
        status: report.healthy ? .ok : .serviceUnavailable,
        headers: [.contentType: "application/json", .cacheControl: "no-store"],
        body: ResponseBody(byteBuffer: ByteBuffer(string: body + "\n")))
    }
  }
}
