import MailBenchSupport
import Testing

/// One mail bench, and one set of DKIM keys, for a whole `.serialized` suite: started
/// before its first test and stopped after its last, so that a suite of many bench tests
/// pays for one start. Each test reads them from `SharedMailBench.current` and keeps apart
/// from the others by its own daemon and store, and by counting only the mail the SMTP
/// server received since it began.
struct SharedMailBench: SuiteTrait, TestScoping {
  struct Servers: Sendable {
    var mail: MailBench
    /// Keys for `SharedMailBench.signingDomains`, as their senders' servers hold them.
    var dkim: DKIMBench
  }

  /// The domains whose mail the tests sign.
  static let signingDomains = ["ietf.org", "iab.org", "irtf.org", "attacker.example"]

  @TaskLocal static var current: Servers?

  var isRecursive: Bool { false }

  func provideScope(
    for test: Test, testCase: Test.Case?,
    performing function: @Sendable () async throws -> Void
  ) async throws {
    let dkim = try DKIMBench.temporary()
    defer { dkim.remove() }
    for domain in Self.signingDomains { try dkim.keygen(selector: "s2026", domain: domain) }
    try await MailBench.with { bench in
      try await Self.$current.withValue(Servers(mail: bench, dkim: dkim)) { try await function() }
    }
  }
}

extension Trait where Self == SharedMailBench {
  /// The suite's tests share one mail bench and one set of DKIM keys.
  static var sharedMailBench: Self { SharedMailBench() }
}
