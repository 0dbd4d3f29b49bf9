/// Why a text is not a ``MailAddress``: the text and a reason a person can fix it by.
///
/// Kept apart from ``MIMEError``, which stays the exact list of what the parser throws.
public struct MailAddressError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The text as given.
  public let text: String
  public let reason: String

  public init(_ text: String, _ reason: String) {
    self.text = text
    self.reason = reason
  }

  public var description: String { "\(text.debugDescription) \(reason)" }
}
