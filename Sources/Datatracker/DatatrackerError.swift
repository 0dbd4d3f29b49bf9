import Routing

/// Everything that can go wrong while importing from the datatracker. Each message names
/// the page or the API object involved, so that bad data can be found and reported.
public enum DatatrackerError: Error, Sendable, Equatable, CustomStringConvertible {
  /// SOURCE is neither an http(s) URL nor a directory.
  case badSource(String, reason: String)
  /// A page could not be fetched or read.
  case unreadable(page: String, reason: String)
  /// A page is not a Tastypie page (`meta`, `objects`): cut off, or not JSON.
  case malformedPage(page: String, reason: String)
  /// An object lacks a field or has one of the wrong shape.
  case badObject(object: String, field: String, reason: String)
  /// The pages of a listing hold fewer or more objects than its `meta.total_count`.
  case incomplete(resource: String, expected: Int, got: Int)
  /// `meta.next` went back to a page already read, or on for too long.
  case paging(resource: String, reason: String)
  /// The imported registry is not a valid registry.
  case invalidRegistry(RoutingError)
  /// The import would drop more than the allowed share of groups or role holders.
  case tooMuchDropped(what: String, dropped: Int, of: Int, limit: Double, examples: [String])
  /// The registry file could not be written.
  case unwritable(path: String, reason: String)

  public var description: String {
    switch self {
    case .badSource(let source, let reason):
      return "datatracker source \(source.debugDescription): \(reason)"
    case .unreadable(let page, let reason):
      return "\(page): cannot read the page: \(reason)"
    case .malformedPage(let page, let reason):
      return "\(page): not a datatracker API page (cut off?): \(reason)"
    case .badObject(let object, let field, let reason):
      return "\(object): field '\(field)': \(reason)"
    case .incomplete(let resource, let expected, let got):
      return
        "\(resource): the API announced \(expected) objects but its pages held \(got); the listing changed or was cut off, import again"
    case .paging(let resource, let reason):
      return "\(resource): \(reason)"
    case .invalidRegistry(let error):
      return "the imported registry is not valid: \(error)"
    case .tooMuchDropped(let what, let dropped, let total, let limit, let examples):
      let share = Int((Double(dropped) / Double(max(total, 1)) * 100).rounded())
      return
        "refused: the import would drop \(dropped) of \(total) \(what) (\(share)%, more than \(Int((limit * 100).rounded()))%), "
        + "such as \(examples.joined(separator: ", ")); check the source, or allow it with --max-drop"
    case .unwritable(let path, let reason):
      return "\(path): cannot write the registry: \(reason)"
    }
  }
}
