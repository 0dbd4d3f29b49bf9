/// An Atom 1.0 feed (RFC 4287), written by hand with every value escaped.
struct AtomFeed: Sendable {
  var id: String
  var title: String
  /// RFC 3339 timestamp of the latest change.
  var updated: String
  var selfHref: String
  var alternateHref: String
  var authorName: String
  var entries: [AtomEntry]

  func xml() -> String {
    var out = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
    out += "<feed xmlns=\"http://www.w3.org/2005/Atom\">\n"
    out += "  <id>\(XMLEscaper.escape(id))</id>\n"
    out += "  <title type=\"text\">\(XMLEscaper.escape(title))</title>\n"
    out += "  <updated>\(XMLEscaper.escape(updated))</updated>\n"
    out +=
      "  <link rel=\"self\" type=\"application/atom+xml\" href=\"\(XMLEscaper.escape(selfHref))\"/>\n"
    out +=
      "  <link rel=\"alternate\" type=\"text/html\" href=\"\(XMLEscaper.escape(alternateHref))\"/>\n"
    out += "  <author><name>\(XMLEscaper.escape(authorName))</name></author>\n"
    out += "  <generator>liaisond</generator>\n"
    for entry in entries {
      out += entry.xml()
    }
    out += "</feed>\n"
    return out
  }
}
