/// What every page's header and footer show.
struct PageChrome: Sendable {
  var siteTitle: String
  var pageTitle: String
  var isList = false
  var isIAB = false
  /// The Atom feed matching the page, advertised with `<link rel="alternate">`.
  var feedHref: String?
  var feedTitle: String?
}
