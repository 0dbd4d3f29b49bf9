import Hummingbird

/// Adds the security headers (`SecurityHeaders`) to every response, error pages included.
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
  func handle(
    _ request: Request, context: Context, next: (Request, Context) async throws -> Response
  ) async throws -> Response {
    var response = try await next(request, context)
    SecurityHeaders.apply(to: &response.headers)
    return response
  }
}
