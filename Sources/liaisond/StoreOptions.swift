import ArgumentParser
import Daemon
import Foundation
import Store

/// Where the record is, for the commands that read it: `--store PATH`, else
/// `$LIAISOND_STORE`, else `store.path` of the configuration (`--config`), whose default is
/// `/var/lib/liaisond`.
struct StoreOptions: ParsableArguments {
  @OptionGroup var configOption: ConfigOption

  @Option(
    name: .long,
    help: "The store directory (default: $LIAISOND_STORE, else store.path of the configuration).")
  var store: String?

  /// Opens an existing record; a missing or unopenable one is a configuration error (78).
  func openExisting(command: String) async throws -> LiaisonStore {
    let directory = try await resolveDirectory(command: command)
    let database = (directory as NSString).appendingPathComponent(LiaisonStore.databaseFileName)
    guard FileManager.default.fileExists(atPath: database) else {
      throw CommandFailure(
        command: command,
        message:
          "no record at \(directory) (\(database) does not exist); set store.path or --store",
        code: SysExit.config)
    }
    do {
      return try LiaisonStore(directory: directory)
    } catch {
      throw CommandFailure(command: command, message: error.description, code: SysExit.config)
    }
  }

  private func resolveDirectory(command: String) async throws -> String {
    if let store, !store.isEmpty { return store }
    if let fromEnvironment = ProcessInfo.processInfo.environment["LIAISOND_STORE"],
      !fromEnvironment.isEmpty
    {
      return fromEnvironment
    }
    do {
      let configuration = try await ConfigurationLoader()
        .load(path: configOption.config, requirement: .record)
      return configuration.store.path
    } catch {
      throw CommandFailure(command: command, message: "\(error)", code: SysExit.config)
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
