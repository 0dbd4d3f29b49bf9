import Hummingbird

/// The record is read-only: every route answers GET, HEAD (generated from GET by the
/// router's `autoGenerateHeadEndpoints`), and 405 with `Allow` for the methods that would
/// change something, so a client learns "not this way" rather than "no such page".
enum ReadOnlyRoutes {
  static var allowed: String { "GET, HEAD" }

  /// Other methods (WebDAV, extensions) find no route and get a 404.
  static var refusedMethods: [HTTPRequest.Method] { [.post, .put, .patch, .delete, .options] }

  static var methodNotAllowed: HTTPError {
    HTTPError(.methodNotAllowed, headers: [.allow: allowed])
  }
}

extension RouterMethods {
  /// A GET route at `path`, and 405 there for `ReadOnlyRoutes.refusedMethods`.
  @discardableResult
  func readOnly(
    _ path: RouterPath,
    use handler: @Sendable @escaping (Request, Context) async throws -> Response
  ) -> Self {
    get(path, use: handler)
    for method in ReadOnlyRoutes.refusedMethods {
      on(path, method: method) { _, _ -> Response in throw ReadOnlyRoutes.methodNotAllowed }
    }
    return self
  }
}
