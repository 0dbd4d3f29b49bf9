import Foundation
import Logging

/// What the first log line of a command says, so that an operator reading the journal
/// knows which binary ran on which configuration, store and servers.
public enum StartupSummary {
  public static func metadata(
    version: String, configuration: LiaisondConfiguration, listeners: [String: String] = [:]
  ) -> Logger.Metadata {
    var metadata: Logger.Metadata = [
      "version": "\(version)",
      "config": "\(configuration.sourcePath ?? "none (\(ConfigurationLoader.defaultPath) absent)")",
      "store": "\(configuration.store.path)",
      "store.from": "\(configuration.store.origin.rawValue)",
    ]
    if let host = configuration.imap.url?.host {
      metadata["imap"] = "\(host)\(configuration.imap.url?.port.map { ":\($0)" } ?? "")"
      metadata["imap.mailbox"] = "\(configuration.imap.mailbox)"
    }
    if let host = configuration.smtp.url?.host {
      metadata["smtp"] = "\(host)\(configuration.smtp.url?.port.map { ":\($0)" } ?? "")"
    }
    for (key, value) in listeners { metadata[key] = "\(value)" }
    return metadata
  }
}
