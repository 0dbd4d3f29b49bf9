import Daemon
import Foundation
import Logging
import MailBenchSupport
import Workflow

extension MailBench {
  /// A daemon configuration for this bench, its store and passwords under `dir`.
  func configurationYAML(_ dir: TemporaryDirectory, extra: String = "") throws -> String {
    try dir.write("imap.pass", try value("IMAP_PASSWORD"), permissions: 0o600)
    try dir.write("smtp.pass", try value("SMTP_PASSWORD"), permissions: 0o600)
    let ca = try value("MAILBENCH_CA")
    return """
      imap:
        url: imaps://localhost:\(try value("IMAPS_PORT"))/INBOX
        username: \(try value("IMAP_USER"))
        password_file: imap.pass
        ca_file: \(ca)
        poll_interval: 1s
      smtp:
        url: smtps://localhost:\(try value("SMTPS_PORT"))
        username: \(try value("SMTP_USER"))
        password_file: smtp.pass
        ca_file: \(ca)
        from: "IETF Liaison Coordination <liaison-coordination@iab.org>"
      store:
        path: \(dir.sub("state"))
      web:
        listen: 127.0.0.1:0
      observability:
        listen: 127.0.0.1:0
      \(extra)
      """
  }
}

extension LiaisonDaemon {
  /// A daemon for a configuration file, as `liaisond run` makes it, on `clock`.
  static func forTest(
    path: String, clock: any WallClock, environment: [String: String] = [:]
  ) async throws -> LiaisonDaemon {
    let loader = ConfigurationLoader(environment: environment)
    let configuration = try await loader.load(path: path)
    return try LiaisonDaemon(
      configuration: configuration, configurationPath: path, loader: loader,
      notifier: SystemdNotifier(environment: [:]), clock: clock, logger: Logger(label: "test"))
  }
}
