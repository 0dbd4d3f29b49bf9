import ArgumentParser

/// Exit codes of sysexits(3), as docs/contract.md promises.
enum SysExit {
  static let usage = ExitCode(64)
  static let dataError = ExitCode(65)
  static let unavailable = ExitCode(69)
  static let tempFailure = ExitCode(75)
  static let config = ExitCode(78)
}
