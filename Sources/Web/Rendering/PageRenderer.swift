import Hummingbird
import Mustache

/// The templates, parsed once at start-up, and the responses they make.
struct PageRenderer: Sendable {
  let library: MustacheLibrary
  let siteTitle: String

  init(siteTitle: String) throws(WebError) {
    var library = MustacheLibrary()
    for template in PageTemplates.all {
      do {
        try library.register(template.source, named: template.name)
      } catch {
        throw .template(name: template.name, message: String(describing: error))
      }
    }
    self.library = library
    self.siteTitle = siteTitle
  }

  func chrome(_ pageTitle: String) -> PageChrome {
    PageChrome(siteTitle: siteTitle, pageTitle: pageTitle)
  }

  func page(_ view: Any, template: String, status: HTTPResponse.Status = .ok) -> Response {
    // Every template is registered at start-up, so a nil here is a typo in this module.
    let html = library.render(view, withTemplate: template) ?? ""
    return Self.response(html, contentType: "text/html; charset=utf-8", status: status)
  }

  func errorPage(status: HTTPResponse.Status, message: String) -> Response {
    var chrome = chrome("\(status.code) \(status.reasonPhrase)")
    chrome.feedHref = nil
    let view = ErrorPageView(
      chrome: chrome, status: "\(status.code) \(status.reasonPhrase)", message: message)
    return page(view, template: "error", status: status)
  }

  static func response(
    _ text: String, contentType: String, status: HTTPResponse.Status = .ok
  ) -> Response {
    let buffer = ByteBuffer(string: text)
    return Response(
      status: status,
      headers: [.contentType: contentType, .contentLength: String(buffer.readableBytes)],
      body: ResponseBody(byteBuffer: buffer))
  }
}
