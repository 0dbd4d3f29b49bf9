import Foundation
import Web

extension ConfigurationBuilder {
  /// `web.idle_timeout`, `web.header_timeout`, `web.max_header_bytes`, `web.max_body_bytes`:
  /// what one web client may hold (`web.max_connections` is with intake's bounds).
  mutating func buildWebLimits(_ c: inout LiaisondConfiguration) {
    for (key, keyPath) in [
      ("web.idle_timeout", \WebLimits.idleTimeout), ("web.header_timeout", \.headerTimeout),
    ] {
      guard let value = duration(key) else { continue }
      if value <= Self.maximumWebTimeout {
        c.webLimits[keyPath: keyPath] = value
      } else {
        add(
          .invalidValue, key,
          "\(ConfigDuration.format(value)) is longer than 1h; a web client "
            + "holding a connection that long is an attack, not a reader")
      }
    }
    let sizes: [(String, WritableKeyPath<WebLimits, Int>, ClosedRange<Int>, Int)] = [
      ("web.max_header_bytes", \.maxHeaderBytes, 1024...1_048_576, 16_384),
      ("web.max_body_bytes", \.maxRequestBytes, 0...16_777_216, 65_536),
    ]
    for (key, keyPath, range, standard) in sizes {
      guard let text = text(key) else { continue }
      if let bytes = Int(text), range.contains(bytes) {
        c.webLimits[keyPath: keyPath] = bytes
      } else {
        add(
          .invalidValue, key,
          "\(Quoted(text)) is not a number of bytes (\(range.lowerBound) to \(range.upperBound); "
            + "default \(standard))")
      }
    }
  }

  static let maximumWebTimeout: Duration = .seconds(3600)
}
