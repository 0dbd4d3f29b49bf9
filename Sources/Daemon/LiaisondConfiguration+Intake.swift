import Foundation

extension LiaisondConfiguration {
  /// How intake treats a message it cannot record (`intake.*`).
  public struct Intake: Sendable, Equatable {
    /// Failed recordings of one message before it is quarantined with its history.
    public var maxAttempts: Int

    public init(maxAttempts: Int = 3) {
      self.maxAttempts = maxAttempts
    }
  }

  /// Where `/metrics` and `/healthz` are served (`observability.listen`): apart from the
  /// public web record, on loopback by default.
  public struct Observability: Sendable, Equatable {
    public var listen: ListenAddress

    public init(listen: ListenAddress = ListenAddress(host: "127.0.0.1", port: 9464)) {
      self.listen = listen
    }
  }
}
