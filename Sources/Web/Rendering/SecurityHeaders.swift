import Hummingbird

/// The security headers of every response of the web record, error pages and cached pages
/// answered before the router (`CachedPageHandler`) alike.
enum SecurityHeaders {
  /// No script at all, styles and images from this origin only, no framing, no `<base>`.
  static let contentSecurityPolicy =
    "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"

  static let fields: HTTPFields = [
    .contentSecurityPolicy: contentSecurityPolicy,
    .xContentTypeOptions: "nosniff",
    HTTPFields.Element.Name("Referrer-Policy")!: "same-origin",
    HTTPFields.Element.Name("X-Frame-Options")!: "DENY",
    HTTPFields.Element.Name("Cross-Origin-Opener-Policy")!: "same-origin",
  ]

  /// Sets each field on `headers`, replacing what a route may have set.
  static func apply(to headers: inout HTTPFields) {
    for field in fields {
      headers[field.name] = field.value
    }
  }
}
