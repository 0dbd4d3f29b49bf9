import Dispatch
import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// sd_notify(3) without libsystemd: one datagram per state change to the unix socket
/// named by `$NOTIFY_SOCKET` (a path, or an abstract name written `@name`).
///
/// Outside systemd (`NOTIFY_SOCKET` unset) every call does nothing, so the daemon
/// calls it unconditionally.
public struct SystemdNotifier: Sendable {
  /// The socket address, or nil when not running under a notify-type unit.
  public let socketPath: String?
  /// How often systemd wants `WATCHDOG=1`; nil when the watchdog is off or meant for another process.
  public let watchdogTimeout: Duration?

  public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
    let path = environment["NOTIFY_SOCKET"].flatMap { $0.isEmpty ? nil : $0 }
    socketPath = path
    // WATCHDOG_PID, when set, says which process the watchdog is for (not a child we fork).
    let forUs = environment["WATCHDOG_PID"].map { Int32($0) == getpid() } ?? true
    if path != nil, forUs, let text = environment["WATCHDOG_USEC"], let usec = Int64(text), usec > 0
    {
      watchdogTimeout = .microseconds(usec)
    } else {
      watchdogTimeout = nil
    }
  }

  public var isActive: Bool { socketPath != nil }

  /// Half the watchdog timeout, as sd_watchdog_enabled(3) advises.
  public var watchdogInterval: Duration? {
    watchdogTimeout.map { $0 / 2 }
  }

  /// Start-up is complete: the services are running.
  public func ready(status: String? = nil) throws(DaemonError) {
    try send(["READY=1"] + statusLine(status))
  }

  /// Shutdown has begun.
  public func stopping(status: String? = nil) throws(DaemonError) {
    try send(["STOPPING=1"] + statusLine(status))
  }

  /// A reload has begun; `ready()` ends it. MONOTONIC_USEC lets systemd order the two.
  public func reloading() throws(DaemonError) {
    // DispatchTime counts CLOCK_MONOTONIC, the clock systemd expects here.
    let usec = DispatchTime.now().uptimeNanoseconds / 1_000
    try send(["RELOADING=1", "MONOTONIC_USEC=\(usec)"])
  }

  public func watchdog() throws(DaemonError) {
    try send(["WATCHDOG=1"])
  }

  /// Free text shown by `systemctl status`.
  public func status(_ text: String) throws(DaemonError) {
    try send(statusLine(text))
  }

  private func statusLine(_ status: String?) -> [String] {
    // One assignment per line: a newline in the status would start another assignment.
    guard let status else { return [] }
    return ["STATUS=" + status.replacingOccurrences(of: "\n", with: " ")]
  }

  /// Sends `assignments` as one datagram. Does nothing outside systemd.
  public func send(_ assignments: [String]) throws(DaemonError) {
    guard let socketPath, !assignments.isEmpty else { return }
    let message = Array(assignments.joined(separator: "\n").utf8)

    var address = sockaddr_un()
    address.sun_family = sa_family_t(AF_UNIX)
    var pathBytes = Array(socketPath.utf8)
    let isAbstract = pathBytes.first == UInt8(ascii: "@")
    if isAbstract { pathBytes[0] = 0 }
    let capacity = MemoryLayout.size(ofValue: address.sun_path)
    // A path socket needs room for its terminating NUL; an abstract name does not.
    guard pathBytes.count < capacity || (isAbstract && pathBytes.count <= capacity) else {
      throw .notifySocket(
        path: socketPath, reason: "the socket path is longer than \(capacity - 1) bytes")
    }
    withUnsafeMutableBytes(of: &address.sun_path) { raw in
      raw.copyBytes(from: pathBytes)
    }
    let length = socklen_t(
      MemoryLayout<sockaddr_un>.offset(of: \.sun_path)! + pathBytes.count + (isAbstract ? 0 : 1))

    #if canImport(Glibc) || canImport(Musl)
      let fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
    #else
      let fd = socket(AF_UNIX, SOCK_DGRAM, 0)
    #endif
    guard fd >= 0 else {
      throw .notifySocket(path: socketPath, reason: String(cString: strerror(errno)))
    }
    defer { close(fd) }
    let sent = message.withUnsafeBytes { bytes in
      withUnsafePointer(to: &address) { pointer in
        pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { sockaddrPointer in
          sendto(fd, bytes.baseAddress, bytes.count, Int32(MSG_NOSIGNAL), sockaddrPointer, length)
        }
      }
    }
    guard sent == message.count else {
      let reason = sent < 0 ? String(cString: strerror(errno)) : "short write"
      throw .notifySocket(path: socketPath, reason: reason)
    }
  }
}
