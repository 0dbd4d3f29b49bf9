import Hummingbird
import Logging

/// Turns errors into HTML pages (so that they also get the security headers), and keeps
/// internal error text out of the response: it goes to the log instead.
struct ErrorPageMiddleware<Context: RequestContext>: RouterMiddleware {
  let renderer: PageRenderer

  func handle(
    _ request: Request, context: Context, next: (Request, Context) async throws -> Response
  ) async throws -> Response {
    do {
      return try await next(request, context)
    } catch let error as HTTPError {
      let message: String
      switch error.status {
      case .notFound: message = error.body ?? "There is no page at this address."
      case .methodNotAllowed: message = "This site is read-only."
      default: message = error.body ?? "The request could not be served."
      }
      var response = renderer.errorPage(status: error.status, message: message)
      response.headers.append(contentsOf: error.headers.filter { $0.name != .contentType })
      return response
    } catch {
      context.logger.error(
        "web request failed",
        metadata: ["web.path": "\(request.uri.path)", "error": "\(error)"])
      return renderer.errorPage(
        status: .internalServerError,
        message: "The record could not be read just now. Please try again later.")
    }
  }
}
