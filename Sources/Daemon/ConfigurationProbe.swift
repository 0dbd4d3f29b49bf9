// On Linux, CoreFoundation owns the C socket structs once Foundation is imported.
import CoreFoundation
import Foundation
import MailTransport

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

/// `check-config --probe`: the servers the configuration names, tried for real.
///
/// IMAP: a login and a STATUS of the mailbox (so a wrong password or a missing mailbox
/// shows). SMTP: a TCP connection first (for a plain "cannot connect" message), then the
/// greeting, STARTTLS and login a send would do, without sending anything.
public enum ConfigurationProbe {
  public static func probe(_ configuration: LiaisondConfiguration, timeout: Duration = .seconds(10))
    async
    -> [ConfigurationIssue]
  {
    var issues: [ConfigurationIssue] = []
    let location = configuration.sourcePath ?? "configuration"
    do {
      var imap = try configuration.imapConfiguration()
      imap.connectTimeout = timeout
      imap.commandTimeout = timeout
      let client = IMAPClient(configuration: imap)
      let status = try await client.status(of: imap.mailbox)
      await client.disconnect()
      _ = status
    } catch {
      issues.append(
        ConfigurationIssue(
          kind: .unreachable, key: "imap.url", location: location, message: "probe failed: \(error)"
        ))
    }
    do {
      var smtp = try configuration.smtpConfiguration()
      let port = smtp.url.port
      if let problem = tcpProblem(host: smtp.host, port: port, timeout: timeout) {
        issues.append(
          ConfigurationIssue(
            kind: .unreachable, key: "smtp.url", location: location,
            message: "cannot connect to \(smtp.server) (port \(port)): \(problem)"))
      } else {
        smtp.connectTimeout = timeout
        smtp.commandTimeout = timeout
        try await SMTPClient(configuration: smtp).verifyLogin()
      }
    } catch {
      issues.append(
        ConfigurationIssue(
          kind: .unreachable, key: "smtp.url", location: location, message: "probe failed: \(error)"
        ))
    }
    return issues
  }

  /// Why a TCP connection to host:port cannot be made within `timeout`, or nil when it can.
  static func tcpProblem(host: String, port: Int, timeout: Duration) -> String? {
    var hints = addrinfo()
    hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
    hints.ai_family = AF_UNSPEC
    var list: UnsafeMutablePointer<addrinfo>?
    let resolved = getaddrinfo(host, String(port), &hints, &list)
    guard resolved == 0, let first = list else {
      return "cannot resolve \(host): \(String(cString: gai_strerror(resolved)))"
    }
    defer { freeaddrinfo(list) }
    var lastProblem = "no address"
    let milliseconds = Int32(clamping: timeout.components.seconds * 1000)
    var candidate: UnsafeMutablePointer<addrinfo>? = first
    while let entry = candidate {
      candidate = entry.pointee.ai_next
      let fd = socket(
        entry.pointee.ai_family, entry.pointee.ai_socktype | Int32(SOCK_NONBLOCK.rawValue), 0)
      guard fd >= 0 else { continue }
      defer { close(fd) }
      if connect(fd, entry.pointee.ai_addr, entry.pointee.ai_addrlen) == 0 { return nil }
      guard errno == EINPROGRESS else {
        lastProblem = String(cString: strerror(errno))
        continue
      }
      var descriptor = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
      let ready = poll(&descriptor, 1, milliseconds)
      guard ready > 0 else {
        lastProblem = ready == 0 ? "no answer within \(timeout)" : String(cString: strerror(errno))
        continue
      }
      var code: Int32 = 0
      var length = socklen_t(MemoryLayout<Int32>.size)
      getsockopt(fd, SOL_SOCKET, SO_ERROR, &code, &length)
      if code == 0 { return nil }
      lastProblem = String(cString: strerror(code))
    }
    return lastProblem
  }
}
