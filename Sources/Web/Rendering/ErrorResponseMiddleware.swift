import Hummingbird
import Logging

/// Turns errors into responses that carry the security headers: HTML pages for the
/// site, JSON (`APIErrorBody`) under `/api`. Internal error text stays out of the
/// response and goes to the log. A HEAD request gets the headers alone, as for a page.
struct ErrorResponseMiddleware<Context: RequestContext>: RouterMiddleware {
  let renderer: PageRenderer

  func handle(
    _ request: Request, context: Context, next: (Request, Context) async throws -> Response
  ) async throws -> Response {
    let isAPI = APIErrorBody.isAPI(request.uri.path)
    var response: Response
    do {
      return try await next(request, context)
    } catch let error as HTTPError {
      let message = error.body ?? Self.defaultMessage(for: error.status, isAPI: isAPI)
      response = try respond(status: error.status, message: message, isAPI: isAPI)
      response.headers.append(
        contentsOf: error.headers.filter { $0.name != .contentType && $0.name != .contentLength })
    } catch {
      context.logger.error(
        "web request failed",
        metadata: ["web.path": "\(request.uri.path)", "error": "\(error)"])
      response = try respond(
        status: .internalServerError,
        message: "The record could not be read just now. Please try again later.", isAPI: isAPI)
    }
    return request.method == .head ? response.createHeadResponse() : response
  }

  private func respond(status: HTTPResponse.Status, message: String, isAPI: Bool) throws
    -> Response
  {
    guard isAPI else { return renderer.errorPage(status: status, message: message) }
    return try JSONResponse.make(APIErrorBody(status: status, message: message), status: status)
  }

  static func defaultMessage(for status: HTTPResponse.Status, isAPI: Bool) -> String {
    switch (status, isAPI) {
    case (.notFound, false): "There is no page at this address."
    case (.notFound, true):
      "There is no API resource at this address: the API serves /api/statements and /api/statements/{id}."
    case (.methodNotAllowed, false): "This site is read-only."
    case (.methodNotAllowed, true): "The API is read-only: use GET or HEAD."
    default: "The request could not be served."
    }
  }
}
