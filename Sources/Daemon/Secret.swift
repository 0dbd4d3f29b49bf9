/// A password or other credential: printing, dumping or interpolating it shows `<redacted>`.
///
/// The value is only reachable through `reveal()`, so that a secret cannot reach a log
/// line, an error message or a test failure by accident.
public struct Secret: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible,
  CustomReflectable
{
  private let value: String

  public init(_ value: String) {
    self.value = value
  }

  /// The secret itself, for the one place that needs it (a login).
  public func reveal() -> String { value }

  public var isEmpty: Bool { value.isEmpty }

  public var description: String { "<redacted>" }
  public var debugDescription: String { "Secret(<redacted>)" }
  public var customMirror: Mirror { Mirror(self, children: []) }
}
