import Foundation
import Logging
import Web

/// The process's limit on open descriptors (`RLIMIT_NOFILE`), raised to the hard limit at
/// start, and what the listeners may take of it.
///
/// The web listeners are bounded (`WebLimits.maximumDescriptors`): whatever their clients
/// do, the rest of the limit stays for the mailbox poller, the outbox sender, SQLite,
/// attachment files and `pdftotext`. `reserve` is what those need at most, with margin.
public enum DescriptorLimit {
  /// Descriptors kept for everything but the web listeners.
  public static let reserve = 256

  /// Raises the soft limit to the hard one; returns the soft limit now in force.
  @discardableResult
  public static func raise() -> Int {
    var limit = rlimit()
    guard getrlimit(resourceLimit, &limit) == 0 else { return 0 }
    if limit.rlim_cur < limit.rlim_max {
      var raised = limit
      raised.rlim_cur = limit.rlim_max
      if setrlimit(resourceLimit, &raised) == 0 { limit = raised }
    }
    return limit.rlim_cur >= rlim_t(Int.max) ? Int.max : Int(limit.rlim_cur)
  }

  /// Raises the limit and returns `web` with its connection cap lowered, when needed, so
  /// that the web listener, the monitor listener and the reserve fit in the limit now in
  /// force. A cap lowered is logged with the figures an operator needs to raise it.
  public static func fit(web: WebLimits, monitor: WebLimits, logger: Logger) -> WebLimits {
    let soft = raise()
    let fitted = fitted(web: web, monitor: monitor, limit: soft)
    let metadata: Logger.Metadata = [
      "nofile": "\(soft)", "nofile.web": "\(fitted.maximumDescriptors)",
      "nofile.monitor": "\(monitor.maximumDescriptors)", "nofile.reserve": "\(reserve)",
    ]
    if fitted.maxConnections < web.maxConnections {
      logger.warning(
        "the descriptor limit is low: web.max_connections lowered from \(web.maxConnections) to \(fitted.maxConnections); raise LimitNOFILE= (ulimit -n)",
        metadata: metadata)
    } else {
      logger.info("descriptor limit", metadata: metadata)
    }
    return fitted
  }

  /// `web` with at most the connections whose descriptors fit in `limit` beside the monitor
  /// listener and the reserve (never fewer than one: a record nobody can read is no record).
  public static func fitted(web: WebLimits, monitor: WebLimits, limit: Int) -> WebLimits {
    let forWeb = limit - reserve - monitor.maximumDescriptors
    // maximumDescriptors is 2 * maxConnections + 1.
    let connections = max(1, (forWeb - 1) / 2)
    guard connections < web.maxConnections else { return web }
    var fitted = web
    fitted.maxConnections = connections
    return fitted
  }

  #if canImport(Glibc)
    private static let resourceLimit = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
  #else
    private static let resourceLimit = RLIMIT_NOFILE
  #endif
}
