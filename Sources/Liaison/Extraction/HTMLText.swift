import Foundation

/// Turns an HTML body into plain text for the label parser: markup dropped, `script` and
/// `style` content dropped, block elements as line breaks, table cells separated by tabs
/// (so "Title:" and its value stay on one line), entities decoded.
public enum HTMLText {
  public static func text(fromHTML html: String) -> String {
    var out = ""
    var i = html.startIndex
    var skipUntil: String?  // closing tag whose content is dropped
    while i < html.endIndex {
      let ch = html[i]
      if ch == "<" {
        if html[i...].hasPrefix("<!--") {
          guard let end = html[i...].range(of: "-->") else { break }
          i = end.upperBound
          continue
        }
        guard let close = html[i...].firstIndex(of: ">") else { break }
        let tag = html[html.index(after: i)..<close]
        i = html.index(after: close)
        let name = tag.drop(while: { $0 == "/" }).prefix(while: { $0.isLetter || $0.isNumber })
          .lowercased()
        let closing = tag.hasPrefix("/")
        if let wanted = skipUntil {
          if closing && name == wanted { skipUntil = nil }
          continue
        }
        if ["script", "style", "head", "title"].contains(name) && !closing && !tag.hasSuffix("/") {
          skipUntil = name
          continue
        }
        switch name {
        case "br", "p", "div", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol",
          "blockquote", "pre", "hr":
          out.append("\n")
        case "td", "th":
          if closing { out.append("\t") }
        default: break
        }
        continue
      }
      i = html.index(after: i)
      if skipUntil != nil { continue }
      if ch == "&" {
        let rest = html[i...].prefix(12)
        if let semi = rest.firstIndex(of: ";"), let decoded = entity(String(html[i..<semi])) {
          out.append(decoded)
          i = html.index(after: semi)
          continue
        }
      }
      out.append(ch)
    }
    // Collapse runs of spaces inside lines but keep the line structure.
    return out.split(separator: "\n", omittingEmptySubsequences: false)
      .map { line in
        line.split(separator: "\t", omittingEmptySubsequences: false)
          .map { TextFolding.fold($0) }.joined(separator: "\t")
          .trimmingLiteral("\t")
      }
      .joined(separator: "\n")
  }

  static func entity(_ name: String) -> Character? {
    switch name {
    case "amp": return "&"
    case "lt": return "<"
    case "gt": return ">"
    case "quot": return "\""
    case "apos": return "'"
    case "nbsp": return " "
    default: break
    }
    var digits = Substring(name)
    guard digits.first == "#" else { return nil }
    digits = digits.dropFirst()
    let value: UInt32?
    if digits.first == "x" || digits.first == "X" {
      value = UInt32(digits.dropFirst(), radix: 16)
    } else {
      value = UInt32(digits)
    }
    guard let value, value != 0, let scalar = Unicode.Scalar(value) else { return nil }
    return Character(scalar)
  }
}
