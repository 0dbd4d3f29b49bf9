import Daemon
import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

/// A unix datagram socket bound like systemd's notify socket, reading what arrives.
final class NotifySocket {
  let fd: Int32
  /// What goes into `$NOTIFY_SOCKET`: a path, or `@name` for an abstract socket.
  let address: String

  init(abstract: Bool, directory: String) throws {
    fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
    guard fd >= 0 else { throw POSIXError(.EIO) }
    var addr = sockaddr_un()
    addr.sun_family = sa_family_t(AF_UNIX)
    let name = abstract ? "@liaisond-test-\(UUID().uuidString.prefix(8))" : "\(directory)/notify"
    address = name
    var bytes = Array(name.utf8)
    if abstract { bytes[0] = 0 }
    withUnsafeMutableBytes(of: &addr.sun_path) { $0.copyBytes(from: bytes) }
    let length = socklen_t(
      MemoryLayout<sockaddr_un>.offset(of: \.sun_path)! + bytes.count + (abstract ? 0 : 1))
    let bound = withUnsafePointer(to: &addr) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
    }
    guard bound == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
    // Never hang a test: a missing datagram fails after two seconds.
    var timeout = timeval(tv_sec: 2, tv_usec: 0)
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
  }

  func receive() -> String? {
    var buffer = [UInt8](repeating: 0, count: 4096)
    let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
    guard count >= 0 else { return nil }
    return String(decoding: buffer[..<count], as: UTF8.self)
  }

  deinit { close(fd) }
}

@Suite("sd_notify over $NOTIFY_SOCKET")
struct SystemdNotifierTests {
  @Test(
    "READY, STOPPING, RELOADING, WATCHDOG and STATUS arrive as datagrams", arguments: [false, true])
  func datagrams(abstract: Bool) throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let socket = try NotifySocket(abstract: abstract, directory: dir.path)
    let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": socket.address])
    #expect(notifier.isActive)

    try notifier.ready(status: "polling imaps://mail.example.org/INBOX")
    #expect(socket.receive() == "READY=1\nSTATUS=polling imaps://mail.example.org/INBOX")
    try notifier.reloading()
    let reloading = try #require(socket.receive())
    #expect(reloading.hasPrefix("RELOADING=1\nMONOTONIC_USEC="))
    #expect(Int(reloading.split(separator: "=").last ?? "") ?? 0 > 0)
    try notifier.watchdog()
    #expect(socket.receive() == "WATCHDOG=1")
    try notifier.status("line one\nREADY=1")
    // A newline in free text must not become a second assignment.
    #expect(socket.receive() == "STATUS=line one READY=1")
    try notifier.stopping()
    #expect(socket.receive() == "STOPPING=1")
  }

  @Test("outside systemd every call is a no-op")
  func inactive() throws {
    let notifier = SystemdNotifier(environment: [:])
    #expect(!notifier.isActive)
    #expect(notifier.watchdogInterval == nil)
    try notifier.ready()
    try notifier.watchdog()
  }

  @Test("a socket that is not there is an error naming it")
  func missingSocket() throws {
    let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": "/nonexistent/notify"])
    #expect(throws: DaemonError.self) { try notifier.ready() }
    do {
      try notifier.ready()
    } catch {
      #expect(error.description.contains("/nonexistent/notify"))
    }
  }

  @Test("the watchdog interval is half of WATCHDOG_USEC, and only for this process")
  func watchdogInterval() {
    let ours = SystemdNotifier(environment: [
      "NOTIFY_SOCKET": "@x", "WATCHDOG_USEC": "30000000", "WATCHDOG_PID": "\(getpid())",
    ])
    #expect(ours.watchdogInterval == .seconds(15))
    let theirs = SystemdNotifier(environment: [
      "NOTIFY_SOCKET": "@x", "WATCHDOG_USEC": "30000000", "WATCHDOG_PID": "\(getpid() + 1)",
    ])
    #expect(theirs.watchdogInterval == nil)
    #expect(
      SystemdNotifier(environment: ["NOTIFY_SOCKET": "@x", "WATCHDOG_USEC": "junk"])
        .watchdogInterval == nil)
  }
}
