import ArgumentParser
import Daemon
import Foundation

/// `liaisond check-config`: every problem with the configuration, one per line, in one run.
struct CheckConfigCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "check-config",
    abstract: "Validate the configuration and say exactly what is wrong.",
    discussion: """
      Reads the configuration file, the environment variables that override it and every \
      file it names (passwords, CA bundles, the group registry), and prints each problem on \
      its own line: unknown keys, wrong types, bad values, unreadable files. Secrets are \
      never printed. With --probe it also logs in to the IMAP and SMTP servers. Exits 0 \
      when the configuration is usable, 78 (EX_CONFIG) when it is not.
      """
  )

  @OptionGroup var options: ConfigOption

  @Flag(name: .long, help: "Also connect and log in to the IMAP and SMTP servers.")
  var probe = false

  func run() async throws {
    let loader = ConfigurationLoader()
    let path = loader.configurationPath(explicit: options.config).path
    var outcome = await loader.check(path: options.config, requirement: .daemon)
    if probe, outcome.issues.isEmpty {
      outcome.issues += await ConfigurationProbe.probe(outcome.configuration)
    }
    for issue in outcome.issues {
      FileHandle.standardError.write(Data("\(issue)\n".utf8))
    }
    // Without the file there is nothing to warn about yet: only the one problem is said.
    let fileUnreadable = outcome.issues.contains { $0.key == nil && $0.kind == .unreadableFile }
    for warning in outcome.configuration.warnings where !fileUnreadable {
      FileHandle.standardError.write(Data("warning: \(warning)\n".utf8))
    }
    guard outcome.issues.isEmpty else {
      let count = outcome.issues.count
      FileHandle.standardError.write(
        Data(
          ("\(path): \(count) problem\(count == 1 ? "" : "s"); every key is explained in "
            + "\(ConfigurationLoader.examplePath) and liaisond.yaml(5)\n").utf8))
      throw SysExit.config
    }
    print("\(path): OK" + (probe ? " (IMAP and SMTP logins succeeded)" : ""))
  }
}
