import Foundation
import Synchronization

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// The text of a Word document (`word/document.xml`), in reading order.
///
/// Paragraphs become lines; a table row becomes one line with its cells separated by tabs,
/// so that an ITU-T header row `Title: | LS on ...` reads as `Title:\tLS on ...`.
/// Word never writes a DTD: a document that declares one (the "billion laughs" entity
/// expansion, external entities) is refused before any parsing.
public struct DOCXTextReader: DocumentTextReader {
  static let documentPath = "word/document.xml"

  public init() {}

  public func read(_ documents: [SourceDocument], options: LiaisonExtractor.Options)
    -> [DocumentReading]
  {
    documents.map { document in
      do throws(LiaisonError) {
        let text = try Self.text(of: document.data, name: document.name, options: options)
        let cut = text.utf8.count > options.maxDocumentTextBytes
        return .text(text, defects: cut ? [DocumentText.truncation(document.name, options)] : [])
      } catch {
        return .failed(error)
      }
    }
  }

  static func text(of data: [UInt8], name: String, options: LiaisonExtractor.Options)
    throws(LiaisonError) -> String
  {
    var zip = try ZIPReader(data: data, name: name, options: options)
    guard let member = zip.members.first(where: { $0.path == documentPath }) else {
      throw .unreadableArchive(file: name, reason: "no \(documentPath) in the package")
    }
    let xml = try zip.read(member, maxBytes: options.docxMaxXMLBytes)
    return try text(ofDocumentXML: xml, name: name, options: options)
  }

  static func text(ofDocumentXML xml: [UInt8], name: String, options: LiaisonExtractor.Options)
    throws(LiaisonError) -> String
  {
    if declaresDTD(xml) {
      throw .unreadableXML(
        file: name, reason: "\(documentPath) declares a DTD or entities (entity expansion refused)")
    }
    // libxml2 hands a name that is not UTF-8 on to Foundation's XMLParser, which traps
    // on it (a force-unwrapped String). Word writes UTF-8, or UTF-16 after a byte order
    // mark, which libxml2 converts itself.
    if !xml.starts(with: [0xFF, 0xFE]) && !xml.starts(with: [0xFE, 0xFF])
      && String(validating: xml, as: UTF8.self) == nil
    {
      throw .unreadableXML(file: name, reason: "\(documentPath) is neither UTF-8 nor UTF-16")
    }
    // One document at a time: Foundation's XMLParser drives libxml2, whose global parser
    // state has not always been safe to share between threads on Linux.
    let outcome: (text: String, failure: String?) = xmlParserLock.withLock { _ in
      let parser = XMLParser(data: Data(xml))
      parser.shouldResolveExternalEntities = false
      parser.shouldProcessNamespaces = false
      let collector = DocumentCollector(maxCharacters: options.maxDocumentTextBytes)
      parser.delegate = collector
      if parser.parse() || collector.truncated { return (collector.text, nil) }
      return ("", parser.parserError.map { "\($0.localizedDescription)" } ?? "malformed XML")
    }
    if let failure = outcome.failure {
      throw .unreadableXML(file: name, reason: "\(documentPath) is not well-formed XML: \(failure)")
    }
    return outcome.text
  }

  /// `<!DOCTYPE` or `<!ENTITY` anywhere (case-insensitive), without decoding the whole file.
  static func declaresDTD(_ xml: [UInt8]) -> Bool {
    let needles: [[UInt8]] = [Array("<!doctype".utf8), Array("<!entity".utf8)]
    guard xml.count >= 8 else { return false }
    var i = 0
    while i < xml.count {
      if xml[i] == UInt8(ascii: "<"), i + 1 < xml.count, xml[i + 1] == UInt8(ascii: "!") {
        for needle in needles where i + needle.count <= xml.count {
          var match = true
          for k in 0..<needle.count {
            let b = xml[i + k]
            let lower = (b >= 65 && b <= 90) ? b + 32 : b
            if lower != needle[k] {
              match = false
              break
            }
          }
          if match { return true }
        }
      }
      i += 1
    }
    return false
  }
}

private let xmlParserLock = Mutex(())

/// Collects WordprocessingML text: `w:t` runs, `w:tab`, breaks, paragraphs, table cells.
private final class DocumentCollector: NSObject, XMLParserDelegate {
  private(set) var text = ""
  private(set) var truncated = false
  private let maxCharacters: Int
  private var inText = false
  /// Per open table: how many cells of the current row have ended.
  private var cellDepth = 0

  init(maxCharacters: Int) {
    self.maxCharacters = maxCharacters
  }

  private func append(_ s: String, _ parser: XMLParser) {
    guard !truncated else { return }
    text += s
    if text.utf8.count > maxCharacters {
      truncated = true
      parser.abortParsing()
    }
  }

  func parser(
    _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
    qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]
  ) {
    switch elementName {
    case "w:t": inText = true
    case "w:tab": append("\t", parser)
    case "w:br", "w:cr": append(cellDepth > 0 ? " " : "\n", parser)
    case "w:tc": cellDepth += 1
    default: break
    }
  }

  func parser(
    _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
    qualifiedName qName: String?
  ) {
    switch elementName {
    case "w:t": inText = false
    // Paragraphs inside a cell stay on the row's line, so the label keeps its value.
    case "w:p": append(cellDepth > 0 ? " " : "\n", parser)
    case "w:tc":
      cellDepth = max(0, cellDepth - 1)
      // The last paragraph's separator is not part of the cell.
      while text.last == " " { text.removeLast() }
      append("\t", parser)
    case "w:tr": append("\n", parser)
    default: break
    }
  }

  func parser(_ parser: XMLParser, foundCharacters string: String) {
    if inText { append(string, parser) }
  }
}
