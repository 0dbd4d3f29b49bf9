import CoreMetrics
import Foundation
import Hummingbird
import Logging
import Prometheus
import ServiceLifecycle
import Store
import UnixSignals
import Web

/// `liaisond serve`: the public web record alone, with `/healthz` and `/metrics` on a
/// listener of their own, as `liaisond run` has them. Healthy while the record can be read.
public enum WebRecordServer {
  public static func run(
    store: LiaisonStore, options: WebOptions, observability: ListenAddress, logger: Logger,
    onServerRunning: @escaping @Sendable (_ port: Int) async -> Void = { _ in }
  ) async throws {
    let monitorLimits = LiaisonDaemon.observabilityLimits
    var options = options
    options.limits = DescriptorLimit.fit(
      web: options.limits, monitor: monitorLimits, logger: logger)
    let web = try buildApplication(
      repository: store, options: options, logger: logger, onServerRunning: onServerRunning)
    let metrics = DaemonMetrics()
    let router = Router(context: BasicRequestContext.self)
    router.get("/healthz") { _, _ -> Response in
      let problem = readProblem(store)
      metrics.healthy.record(problem == nil ? 1 : 0)
      let body =
        problem.map {
          #"{"problems":[\#(quoted("the record cannot be read: \($0)"))],"status":"unhealthy"}"#
        }
        ?? #"{"problems":[],"status":"ok"}"#
      return Response(
        status: problem == nil ? .ok : .serviceUnavailable,
        headers: [.contentType: "application/json", .cacheControl: "no-store"],
        body: ResponseBody(byteBuffer: ByteBuffer(string: body + "\n")))
    }
    router.get("/metrics") { _, _ -> Response in
      metrics.healthy.record(readProblem(store) == nil ? 1 : 0)
      return Response(
        status: .ok,
        headers: [
          .contentType: "text/plain; version=0.0.4; charset=utf-8", .cacheControl: "no-store",
        ],
        body: ResponseBody(byteBuffer: ByteBuffer(string: metrics.registry.emitToString())))
    }
    let listener = monitorLimits.server(host: observability.host, port: observability.port)
    let monitor = Application(
      router: router, server: listener.server, configuration: listener.configuration,
      onServerRunning: { channel in
        logger.notice(
          "metrics and health",
          metadata: [
            "observability.listen":
              "\(observability.host):\(channel.localAddress?.port ?? observability.port)"
          ])
      }, logger: logger)
    let group = ServiceGroup(
      configuration: ServiceGroupConfiguration(
        services: [.init(service: monitor), .init(service: web)],
        gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
    try await group.run()
  }

  private static func readProblem(_ store: LiaisonStore) -> String? {
    do {
      _ = try store.meta("schema")
      return nil
    } catch {
      return "\(error)"
    }
  }

  private static func quoted(_ text: String) -> String {
    let data = (try? JSONEncoder().encode(text)) ?? Data("\"\"".utf8)
    return String(decoding: data, as: UTF8.self)
  }
}
