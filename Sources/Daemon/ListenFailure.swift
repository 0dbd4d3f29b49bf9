/// Says which address a listener could not bind: the server library reports a taken port
/// as `bind(descriptor:ptr:bytes:): Address already in use (errno: 98)`, naming neither
/// the address nor the key that set it.
public enum ListenFailure {
  /// One line naming the listeners for a bind error, or nil when `error` is no bind error.
  /// `listeners` pairs where each address came from (`web.listen`, `--listen`) with it.
  public static func describe(_ error: any Error, listeners: [(source: String, address: String)])
    -> String?
  {
    let text = String(describing: error)
    guard text.hasPrefix("bind(") || text.contains("Address already in use") else { return nil }
    // A listener on port 0 takes whatever port is free: it is never the one in use.
    let candidates = listeners.filter { !$0.address.hasSuffix(":0") }
    let named = (candidates.isEmpty ? listeners : candidates)
      .map { "\($0.address) (\($0.source))" }.joined(separator: " or ")
    let reason: String
    if text.contains("Address already in use") {
      reason =
        "the address is already in use, by another liaisond or another server; stop it or "
        + "choose another address"
    } else if text.contains("Permission denied") {
      reason = "permission denied (ports below 1024 need privileges); choose a port above 1023"
    } else if text.contains("Cannot assign requested address") {
      reason = "no interface of this machine has that address"
    } else {
      reason = text
    }
    return "cannot listen on \(named): \(reason)"
  }
}
