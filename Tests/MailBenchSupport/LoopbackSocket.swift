import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Plain TCP to a server under test on 127.0.0.1, for what an HTTP client library tidies
/// away: pipelined requests, trickled heads, idle connections, the server's own close.
///
/// The blocking calls must not run on Swift's cooperative pool. It has one thread per core,
/// and a server under test in the same process needs those threads to answer: a receive
/// that blocks them can starve the very server it waits for (on two cores the whole suite
/// once stalled for minutes that way). `offThePool` runs such work on a thread of its own.
public enum LoopbackSocket {
  /// A TCP connection to 127.0.0.1:`port`, or nil.
  public static func connect(port: Int) -> Int32? {
    let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard socket >= 0 else { return nil }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = in_port_t(UInt16(port).bigEndian)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let result = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        Glibc.connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    guard result == 0 else {
      close(socket)
      return nil
    }
    return socket
  }

  /// Bounds each `recv` on `socket` to `seconds`.
  public static func receiveTimeout(_ socket: Int32, seconds: Int) {
    var timeout = timeval(tv_sec: seconds, tv_usec: 0)
    setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
  }

  /// Sends `text` on a fresh connection and returns what came back until the server closed
  /// it, or a receive waited `seconds`.
  public static func exchange(_ text: String, port: Int, seconds: Int = 60) async throws
    -> String
  {
    try await offThePool {
      guard let socket = connect(port: port) else {
        throw MailBench.BenchError(description: "cannot connect to port \(port)")
      }
      defer { close(socket) }
      receiveTimeout(socket, seconds: seconds)
      _ = text.withCString { send(socket, $0, strlen($0), 0) }
      return receiveUntilClosed(socket)
    }
  }

  /// What `socket` receives until the server closes it (or a receive times out). Blocks:
  /// call it inside `offThePool`.
  public static func receiveUntilClosed(_ socket: Int32) -> String {
    var received: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 4096)
    while true {
      let count = recv(socket, &buffer, buffer.count, 0)
      if count <= 0 { break }
      received += buffer[0..<count]
    }
    return String(decoding: received, as: UTF8.self)
  }

  /// Runs blocking `work` on a thread of its own, off the cooperative pool.
  public static func offThePool<T: Sendable>(_ work: @escaping @Sendable () throws -> T)
    async throws -> T
  {
    try await withCheckedThrowingContinuation { continuation in
      Thread { continuation.resume(with: Result { try work() }) }.start()
    }
  }
}
