/// One statement in a feed.
struct AtomEntry: Sendable {
  var id: String
  var title: String
  var updated: String
  var published: String?
  var alternateHref: String
  /// The sending bodies; the feed's author stands in when there are none.
  var authors: [String]
  var categories: [String]
  var summary: String

  func xml() -> String {
    var out = "  <entry>\n"
    out += "    <id>\(XMLEscaper.escape(id))</id>\n"
    out += "    <title type=\"text\">\(XMLEscaper.escape(title))</title>\n"
    out += "    <updated>\(XMLEscaper.escape(updated))</updated>\n"
    if let published {
      out += "    <published>\(XMLEscaper.escape(published))</published>\n"
    }
    out +=
      "    <link rel=\"alternate\" type=\"text/html\" href=\"\(XMLEscaper.escape(alternateHref))\"/>\n"
    for author in authors {
      out += "    <author><name>\(XMLEscaper.escape(author))</name></author>\n"
    }
    for category in categories {
      out += "    <category term=\"\(XMLEscaper.escape(category))\"/>\n"
    }
    out += "    <summary type=\"text\">\(XMLEscaper.escape(summary))</summary>\n"
    out += "  </entry>\n"
    return out
  }
}
