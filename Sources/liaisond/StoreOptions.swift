import ArgumentParser
import Daemon
import Foundation
import Logging
import Store

/// The configuration and the store, for the commands that use a store. Both are resolved
/// one way for every command (docs/contract.md, "Configuration"): the file is `--config`,
/// else `$LIAISOND_CONFIG`, else `/etc/liaisond/liaisond.yaml`; the store is `--store`,
/// else `$LIAISOND_STORE`, else `store.path` of the file, else `$STATE_DIRECTORY`, else
/// `/var/lib/liaisond`, which a command only reads, never creates, without a configuration.
struct StoreOptions: ParsableArguments {
  @OptionGroup var configOption: ConfigOption

  @Option(
    name: .long,
    help: "The store directory (default: $LIAISOND_STORE, else store.path of the configuration).")
  var store: String?

  /// The configuration of a command that reads or writes the record (defaults are enough).
  func configuration(command: String) async throws -> LiaisondConfiguration {
    // The one log format of every command; the record's own warnings show in it.
    LogSetup.bootstrap(level: .warning)
    do {
      return try await ConfigurationLoader(store: store)
        .load(path: configOption.config, requirement: .record)
    } catch {
      throw CommandFailure(command: command, message: "\(error)", code: SysExit.config)
    }
  }

  /// Opens an existing record; a missing or unopenable one is a configuration error (78).
  func openExisting(command: String) async throws -> LiaisonStore {
    try await openExisting(command: command, configuration: configuration(command: command))
  }

  func openExisting(command: String, configuration: LiaisondConfiguration) throws -> LiaisonStore {
    let directory = configuration.store.path
    let database = (directory as NSString).appendingPathComponent(LiaisonStore.databaseFileName)
    guard FileManager.default.fileExists(atPath: database) else {
      throw CommandFailure(
        command: command,
        message:
          "no record at \(directory) (\(database) does not exist; the store came from "
          + "\(configuration.store.origin.rawValue)); pass --store DIR, set LIAISOND_STORE, or "
          + "set store.path in the configuration",
        code: SysExit.config)
    }
    do {
      return try LiaisonStore(
        directory: directory, gatewayAddresses: [configuration.gatewayAddress])
    } catch {
      throw CommandFailure(command: command, message: error.description, code: SysExit.config)
    }
  }

  /// The store a command records into, created when missing, but never the built-in
  /// default when no configuration says so.
  func openForWriting(command: String, configuration: LiaisondConfiguration) throws
    -> LiaisonStore
  {
    if let problem = configuration.unconfiguredStoreProblem {
      throw CommandFailure(command: command, message: problem, code: SysExit.config)
    }
    do {
      return try LiaisonStore(
        directory: configuration.store.path, gatewayAddresses: [configuration.gatewayAddress])
    } catch {
      throw CommandFailure(command: command, message: error.description, code: SysExit.config)
    }
  }
}
/// A failure already phrased for the user: printed to stderr as `liaisond COMMAND: message`,
/// then the process exits with `code`.
struct CommandFailure: Error {
  var command: String
  var message: String
  var code: ExitCode

  /// The exit code a store error deserves: the user's input (65), a busy or failing
  /// database (75), or the store itself (78).
  init(command: String, storeError: StoreError) {
    self.command = command
    message = storeError.description
    switch storeError {
    case .invalidArgument, .unknownStatement, .invalidDigest, .unknownOutboxItem:
      code = SysExit.dataError
    case .database:
      code = SysExit.tempFailure
    default:
      code = SysExit.config
    }
  }

  init(command: String, message: String, code: ExitCode) {
    self.command = command
    self.message = message
    self.code = code
  }

  /// Prints the message and returns the exit code to throw.
  func report() -> ExitCode {
    FileHandle.standardError.write(Data("liaisond \(command): \(message)\n".utf8))
    return code
  }
}

/// Runs a command body and turns its failures into one stderr line and a sysexits code.
func reportingFailures(_ command: String, _ body: () async throws -> Void) async throws {
  do {
    try await body()
  } catch let failure as CommandFailure {
    throw failure.report()
  } catch let error as StoreError {
    throw CommandFailure(command: command, storeError: error).report()
  }
}

/// JSON as `export` and the other `--json` outputs write it: pretty, keys sorted.
func writeJSON(_ value: some Encodable) throws {
  let encoder = JSONEncoder()
  encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
  var data = try encoder.encode(value)
  data.append(UInt8(ascii: "\n"))
  FileHandle.standardOutput.write(data)
}
