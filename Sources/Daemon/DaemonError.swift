import Store

/// Everything that stops the daemon or one of its commands, each naming the file,
/// key or server involved and what to do about it.
public enum DaemonError: Error, CustomStringConvertible {
  /// The configuration has problems; every one of them, one per line.
  case configuration([ConfigurationIssue])
  /// `$NOTIFY_SOCKET` is set but a message could not be sent to it.
  case notifySocket(path: String, reason: String)
  /// A message could not be committed to the record; it was not acknowledged to its source.
  case record(origin: String, reason: String)
  /// liaisond stopped (a trap, a kill) every time it handled this message: given up on.
  case interrupted(origin: String, attempts: Int)
  /// The record cannot be written at all (disk full, read-only): intake stops until it can.
  case storeUnwritable(StoreError)
  /// Another liaisond holds the store (the reason names the lock file and the process).
  case alreadyRunning(reason: String)
  /// A part of the daemon could not be set up (the store, the registry, a server address).
  case startup(component: String, reason: String)
  /// Input given on the command line could not be read.
  case unreadableInput(path: String, reason: String)

  public var description: String {
    switch self {
    case .configuration(let issues):
      issues.map(\.description).joined(separator: "\n")
    case .notifySocket(let path, let reason):
      "cannot notify systemd at \(path): \(reason)"
    case .record(let origin, let reason):
      "cannot record \(origin): \(reason); it was left where it came from and will be tried again"
    case .interrupted(let origin, let attempts):
      "liaisond stopped \(attempts) times while handling \(origin) (a crash or a kill); it is"
        + " given up on and kept as it came, quarantined: see /iab"
    case .storeUnwritable(let error):
      "\(error); nothing was acknowledged to the mailbox"
    case .alreadyRunning(let reason):
      "liaisond is already running on this store: \(reason)"
    case .startup(let component, let reason):
      "cannot start the \(component): \(reason)"
    case .unreadableInput(let path, let reason):
      "cannot read \(path): \(reason)"
    }
  }
}
