import Hummingbird

/// Adds the security headers to every response, error pages included.
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
  /// No script at all, styles and images from this origin only, no framing, no `<base>`.
  static var contentSecurityPolicy: String {
    "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
  }

  let headers: HTTPFields

  init() {
    headers = [
      .contentSecurityPolicy: Self.contentSecurityPolicy,
      .xContentTypeOptions: "nosniff",
      HTTPFields.Element.Name("Referrer-Policy")!: "same-origin",
      HTTPFields.Element.Name("X-Frame-Options")!: "DENY",
      HTTPFields.Element.Name("Cross-Origin-Opener-Policy")!: "same-origin",
    ]
  }

  func handle(
    _ request: Request, context: Context, next: (Request, Context) async throws -> Response
  ) async throws -> Response {
    var response = try await next(request, context)
    for field in headers {
      response.headers[field.name] = field.value
    }
    return response
  }
}
