import Hummingbird

/// The stylesheet, from the binary.
struct StaticController: Sendable {
  func addRoutes<Context: RequestContext>(to router: Router<Context>) {
    router.readOnly("/static/site.css") { _, _ in
      var response = PageRenderer.response(
        SiteStylesheet.css, contentType: "text/css; charset=utf-8")
      response.headers[.cacheControl] = "public, max-age=3600"
      return response
    }
  }
}
