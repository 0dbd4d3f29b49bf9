import Foundation
import Liaison

/// How the public web record is served: where it listens, how it names itself.
public struct WebOptions: Sendable, Hashable {
  /// Address to bind, `127.0.0.1` by default: a reverse proxy usually sits in front.
  public var host: String
  /// Port to bind; `0` asks the system for a free one (tests).
  public var port: Int
  /// The URL users reach the site at (`https://liaisons.example.org`), without a trailing
  /// slash; feeds and Atom ids are absolute and need it.
  public var publicURL: String
  public var siteTitle: String
  /// Statements per page of the list and entries per feed.
  public var pageSize: Int
  /// The gateway's addresses (`smtp.from`), whose plus-addresses no page may show.
  public var commandAddresses: CommandAddresses
  /// What clients may hold of the listener (connections, idle time, request size).
  public var limits = WebLimits()
  /// How much of the rendered record is kept in memory between changes.
  public var cache = WebCacheLimits()

  public init(
    host: String = "127.0.0.1", port: Int = 8080, publicURL: String? = nil,
    siteTitle: String = "IETF Liaison Statements", pageSize: Int = 50,
    gatewayAddresses: [String] = []
  ) {
    self.host = host
    self.port = port
    var url = publicURL ?? "http://\(host.contains(":") ? "[\(host)]" : host):\(port)"
    while url.hasSuffix("/") { url.removeLast() }
    self.publicURL = url
    self.siteTitle = siteTitle
    self.pageSize = max(1, min(pageSize, 500))
    self.commandAddresses = CommandAddresses(gateways: gatewayAddresses)
  }

  /// Parses `HOST:PORT`, `[IPv6]:PORT` or a bare `PORT`, as `web.listen` and `--listen` take it.
  public static func parseListen(_ text: String) throws(WebError) -> (host: String, port: Int) {
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    var host = "127.0.0.1"
    var portText = trimmed
    if trimmed.hasPrefix("[") {
      guard let close = trimmed.firstIndex(of: "]") else { throw .badListenAddress(text) }
      host = String(trimmed[trimmed.index(after: trimmed.startIndex)..<close])
      let rest = trimmed[trimmed.index(after: close)...]
      guard rest.hasPrefix(":") else { throw .badListenAddress(text) }
      portText = String(rest.dropFirst())
    } else if let colon = trimmed.lastIndex(of: ":") {
      host = String(trimmed[..<colon])
      portText = String(trimmed[trimmed.index(after: colon)...])
    }
    guard !host.isEmpty, let port = Int(portText), (0...65535).contains(port) else {
      throw .badListenAddress(text)
    }
    return (host, port)
  }
}
