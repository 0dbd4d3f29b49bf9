import Foundation

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// A parsed XML element, enough to check a feed's structure.
final class XMLNode {
  let name: String
  let attributes: [String: String]
  var children: [XMLNode] = []
  var text = ""

  init(name: String, attributes: [String: String]) {
    self.name = name
    self.attributes = attributes
  }

  func all(_ name: String) -> [XMLNode] { children.filter { $0.name == name } }
  func first(_ name: String) -> XMLNode? { children.first { $0.name == name } }

  /// Parses `data`, or returns nil with the parser's error when it is not well-formed XML.
  static func parse(_ data: Data) -> Result<XMLNode, any Error> {
    let builder = Builder()
    let parser = XMLParser(data: data)
    parser.shouldProcessNamespaces = true
    parser.delegate = builder
    guard parser.parse(), let root = builder.root else {
      return .failure(parser.parserError ?? CocoaError(.propertyListReadCorrupt))
    }
    return .success(root)
  }

  private final class Builder: NSObject, XMLParserDelegate {
    var stack: [XMLNode] = []
    var root: XMLNode?

    func parser(
      _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
      qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]
    ) {
      let node = XMLNode(name: elementName, attributes: attributeDict)
      stack.last?.children.append(node)
      if root == nil { root = node }
      stack.append(node)
    }

    func parser(
      _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
      qualifiedName qName: String?
    ) {
      _ = stack.popLast()
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
      stack.last?.text += string
    }
  }
}
