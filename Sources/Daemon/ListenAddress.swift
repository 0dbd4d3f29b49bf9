/// A TCP listen address, `host:port`, with IPv6 hosts in brackets (`[::1]:8080`).
public struct ListenAddress: Sendable, Hashable, CustomStringConvertible {
  public var host: String
  public var port: Int

  public init(host: String, port: Int) {
    self.host = host
    self.port = port
  }

  /// Parses `host:port`, `[v6]:port`, `:port` (all addresses) or a bare `port`
  /// (loopback); nil when malformed.
  public init?(parsing text: String) {
    let hostPart: Substring
    let portPart: Substring
    if !text.isEmpty, text.allSatisfy({ $0.isASCII && $0.isNumber }) {
      hostPart = "127.0.0.1"
      portPart = Substring(text)
    } else if text.hasPrefix("[") {
      guard let close = text.firstIndex(of: "]") else { return nil }
      hostPart = text[text.index(after: text.startIndex)..<close]
      let rest = text[text.index(after: close)...]
      guard rest.hasPrefix(":") else { return nil }
      portPart = rest.dropFirst()
    } else {
      guard let colon = text.lastIndex(of: ":") else { return nil }
      hostPart = text[..<colon]
      // An unbracketed IPv6 address is ambiguous with its port.
      guard !hostPart.contains(":") else { return nil }
      portPart = text[text.index(after: colon)...]
    }
    guard let port = Int(portPart), (0...65_535).contains(port) else { return nil }
    let host = hostPart.isEmpty ? "0.0.0.0" : String(hostPart)
    guard !host.contains(where: { $0.isWhitespace || $0 == "/" }) else { return nil }
    self.init(host: host, port: port)
  }

  public var description: String {
    host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
  }
}
