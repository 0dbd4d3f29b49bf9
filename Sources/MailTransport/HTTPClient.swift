import CCurl
import Foundation

/// GETs documents (the datatracker's API pages) over libcurl, by the TLS rules of IMAP
/// and SMTP: `https://` with the peer always verified (`caFile` adds a CA to the system's);
/// plain `http://` only to the loopback host, for a local mirror or a test server.
///
/// Runs on its own thread (libcurl blocks) and reuses its connection between requests.
public actor HTTPClient {
  public let caFile: String?
  public let timeout: Duration
  private let executor = ConnectionExecutor(name: "http")
  private var connection: (server: String, easy: CurlEasy)?

  public nonisolated var unownedExecutor: UnownedSerialExecutor {
    executor.asUnownedSerialExecutor()
  }

  public init(caFile: String? = nil, timeout: Duration = .seconds(60)) {
    self.caFile = caFile
    self.timeout = timeout
  }

  /// The body of `url`, which must answer 200.
  ///
  /// - Throws: `MailTransportError.invalidConfiguration` for a URL these rules refuse,
  ///   `.curl` when the transfer fails (also for a body over `limit` bytes), and
  ///   `.protocolViolation` for any other HTTP status.
  public func get(_ url: String, limit: Int) throws(MailTransportError) -> [UInt8] {
    let server = try Self.server(of: url)
    let easy = try connect(server)
    let step = "GET \(url)"
    do {
      try easy.set(CURLOPT_URL, url)
      try easy.set(CURLOPT_HTTPGET, true)
      try easy.set(CURLOPT_TIMEOUT_MS, timeout.milliseconds)
      let transfer = try easy.perform(step: step, bodyLimit: limit)
      let status = Self.status(in: transfer.lines)
      guard status?.code == 200 else {
        throw MailTransportError.protocolViolation(
          server: server, step: step,
          detail: status.map { "HTTP \($0.line)" } ?? "no HTTP status line")
      }
      return transfer.body
    } catch let error as MailTransportError {
      connection = nil
      throw error
    } catch {
      connection = nil
      throw .protocolViolation(server: server, step: step, detail: "\(error)")
    }
  }

  private func connect(_ server: String) throws(MailTransportError) -> CurlEasy {
    if let connection, connection.server == server { return connection.easy }
    do {
      let easy = try CurlEasy(server: server)
      try configureTLS(easy, scheme: "https", caFile: caFile, requireTLS: true)
      try easy.set(CURLOPT_PROTOCOLS_STR, "https,http")
      try easy.set(CURLOPT_FOLLOWLOCATION, false)
      try easy.set(CURLOPT_CONNECTTIMEOUT_MS, 15_000)
      try easy.set(CURLOPT_USERAGENT, "liaisond")
      try easy.set(CURLOPT_HTTPHEADER, list: ["Accept: application/json"])
      connection = (server, easy)
      return easy
    } catch let error as MailTransportError {
      throw error
    } catch {
      throw .protocolViolation(server: server, step: "connect", detail: "\(error)")
    }
  }

  /// `scheme://host:port` of a URL these rules allow.
  public static func server(of url: String) throws(MailTransportError) -> String {
    guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(),
      let host = components.host, !host.isEmpty
    else {
      throw .invalidConfiguration(field: "url", reason: "\(url.debugDescription) is not a URL")
    }
    guard components.user == nil, components.password == nil else {
      throw .invalidConfiguration(field: "url", reason: "must not contain credentials")
    }
    switch scheme {
    case "https":
      break
    case "http":
      guard ["127.0.0.1", "localhost", "::1", "[::1]"].contains(host.lowercased()) else {
        throw .invalidConfiguration(
          field: "url",
          reason: "\(url.debugDescription) is plain HTTP; use https:// (http:// only to 127.0.0.1)")
      }
    default:
      throw .invalidConfiguration(
        field: "url", reason: "scheme \(scheme.debugDescription) is not supported; use https://")
    }
    let port = components.port ?? (scheme == "https" ? 443 : 80)
    return "\(scheme)://\(host):\(port)"
  }

  /// The status of the last response (after any `100 Continue`).
  static func status(in lines: [String]) -> (code: Int, line: String)? {
    guard let line = lines.last(where: { $0.hasPrefix("HTTP/") }) else { return nil }
    let words = line.split(separator: " ", maxSplits: 1)
    guard words.count == 2 else { return nil }
    let rest = String(words[1])
    return Int(rest.prefix(3)).map { ($0, rest) }
  }
}
