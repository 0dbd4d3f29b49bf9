import Foundation
import Logging

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

  /// Raises the limit and warns when the listeners and the reserve do not fit in it.
  public static func raise(listeners: Int, logger: Logger) {
    let soft = raise()
    if soft < listeners + reserve {
      logger.warning(
        "the descriptor limit is low for the web listeners; raise LimitNOFILE= (ulimit -n)",
        metadata: [
          "nofile": "\(soft)", "nofile.web": "\(listeners)", "nofile.reserve": "\(reserve)",
        ])
    } else {
      logger.info(
        "descriptor limit", metadata: ["nofile": "\(soft)", "nofile.web": "\(listeners)"])
    }
  }

  #if canImport(Glibc)
    private static let resourceLimit = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
  #else
    private static let resourceLimit = RLIMIT_NOFILE
  #endif
}
