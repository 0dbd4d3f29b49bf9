import Foundation

extension ConfigurationBuilder {
  /// `intake.*`, `observability.*` and `web.max_connections`.
  mutating func buildIntake(_ c: inout LiaisondConfiguration) {
    let attemptsKey = "intake.max_attempts"
    if let text = text(attemptsKey) {
      if let attempts = Int(text), attempts >= 1 {
        c.intake.maxAttempts = attempts
      } else {
        add(
          .invalidValue, attemptsKey,
          "\(Quoted(text)) is not a number of attempts (1 or more; default 3)")
      }
    }
    let connectionsKey = "web.max_connections"
    if let text = text(connectionsKey) {
      if let count = Int(text), (1...100_000).contains(count) {
        c.webMaxConnections = count
      } else {
        add(
          .invalidValue, connectionsKey,
          "\(Quoted(text)) is not a number of connections (1 to 100000; default 256)")
      }
    }
    let listenKey = "observability.listen"
    if let listen = text(listenKey) {
      if let address = ListenAddress(parsing: listen) {
        c.observability.listen = address
      } else {
        add(
          .invalidValue, listenKey,
          "\(Quoted(listen)) is not a listen address; use HOST:PORT such as 127.0.0.1:9464")
      }
    }
  }
}
