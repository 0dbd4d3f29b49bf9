/// What can go wrong in the web record; each message names the thing involved and what to do.
public enum WebError: Error, CustomStringConvertible, Equatable {
  /// `--listen` / `web.listen` is not `HOST:PORT`.
  case badListenAddress(String)
  /// A built-in template failed to parse: a programming error caught by the tests.
  case template(name: String, message: String)

  public var description: String {
    switch self {
    case .badListenAddress(let text):
      return "web.listen: '\(text)' is not HOST:PORT (for example 127.0.0.1:8080 or [::1]:8080)"
    case .template(let name, let message):
      return "web template '\(name)' does not parse: \(message)"
    }
  }
}
