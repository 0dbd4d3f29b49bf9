import Foundation
import MIME
import Testing

/// Differential test against the Python reference (`corpus/mime-oracle.py`):
/// every corpus message is parsed and its summary compared, as JSON values,
/// with the oracle's output: the public test messages in `corpus/mime` (expected in
/// `corpus/expected/mime`) and the real messages of other projects in `corpus/real`
/// (expected in `corpus/real/expected`).
///
/// The corpus lives outside the repository. `scripts/test` runs this suite only when it
/// finds the corpus, and otherwise says so in one line; run by hand without the corpus,
/// the suite fails and says where it looked.
@Suite("Corpus conformance with mime-oracle.py")
struct CorpusConformanceTests {
  /// `$LIAISOND_CORPUS`, else `../shared/corpus` next to the package root.
  static let corpus: URL = {
    if let env = ProcessInfo.processInfo.environment["LIAISOND_CORPUS"], !env.isEmpty {
      return URL(filePath: env)
    }
    return URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appending(path: "../shared/corpus").standardized
  }()

  /// One set of messages with the oracle's output for each.
  struct Collection: Sendable, CustomTestStringConvertible {
    var messages: String
    var expected: String
    var testDescription: String { messages }

    static let mime = Collection(messages: "mime", expected: "expected/mime")
    static let real = Collection(messages: "real", expected: "real/expected")
  }

  /// Fails with an explanation when the corpus is not where it was looked for.
  static func requireCorpus() throws {
    let found = FileManager.default.fileExists(atPath: corpus.appending(path: "mime").path)
    try #require(
      found,
      "corpus not found at \(corpus.path): set LIAISOND_CORPUS to the corpus folder (with mime/ and expected/)"
    )
  }

  static let minimumAgreement = 0.98

  /// Paths (relative to the collection's folder) of every message in it.
  static func messagePaths(_ collection: Collection) throws -> [String] {
    try requireCorpus()
    let root = corpus.appending(path: collection.messages)
    let items = try FileManager.default.subpathsOfDirectory(atPath: root.path)
    return items.filter { rel in
      guard !rel.hasPrefix("expected/"), rel.hasSuffix(".eml") || collection.messages == "mime"
      else { return false }
      var isDir: ObjCBool = false
      _ = FileManager.default.fileExists(
        atPath: root.appending(path: rel).path, isDirectory: &isDir)
      return !isDir.boolValue && !rel.hasSuffix("SOURCES.md")
        && FileManager.default.fileExists(
          atPath: corpus.appending(path: "\(collection.expected)/\(rel).json").path)
    }.sorted()
  }

  /// `path<TAB>field<TAB>reason` lines; `#` comments and blank lines ignored.
  static func knownDifferences() throws -> Set<String> {
    let url = URL(filePath: #filePath).deletingLastPathComponent()
      .appending(path: "known-differences.txt")
    let text = try String(contentsOf: url, encoding: .utf8)
    var known: Set<String> = []
    for line in text.split(separator: "\n") where !line.hasPrefix("#") {
      let cols = line.split(separator: "\t", omittingEmptySubsequences: false)
      guard cols.count >= 3, !cols[2].isEmpty else { continue }
      known.insert("\(cols[0])\t\(cols[1])")
    }
    return known
  }

  /// A JSON value compared structurally (object key order does not matter).
  enum JSON: Decodable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSON])
    case object([String: JSON])

    init(from decoder: any Decoder) throws {
      let c = try decoder.singleValueContainer()
      if c.decodeNil() {
        self = .null
      } else if let b = try? c.decode(Bool.self) {
        self = .bool(b)
      } else if let n = try? c.decode(Double.self) {
        self = .number(n)
      } else if let s = try? c.decode(String.self) {
        self = .string(s)
      } else if let a = try? c.decode([JSON].self) {
        self = .array(a)
      } else {
        self = .object(try c.decode([String: JSON].self))
      }
    }

    subscript(_ key: String) -> JSON? {
      if case .object(let members) = self { return members[key] }
      return nil
    }
  }

  static func json(_ data: Data) throws -> JSON {
    try JSONDecoder().decode(JSON.self, from: data)
  }

  /// The fields (`headers.subject`, `parts`, `text`, or `error`) where we differ.
  static func differences(_ path: String, in collection: Collection) throws -> [String] {
    let bytes = try [UInt8](
      Data(contentsOf: corpus.appending(path: "\(collection.messages)/\(path)")))
    let expected = try json(
      Data(contentsOf: corpus.appending(path: "\(collection.expected)/\(path).json")))
    if expected["error"] != nil { return ["error"] }
    let message = try MIMEParser().parse(bytes)
    let got = try json(Data(MessageSummary.json(for: message).utf8))
    var fields: [String] = []
    guard case .object(let eh)? = expected["headers"] else { return ["headers"] }
    for key in eh.keys.sorted() where eh[key] != got["headers"]?[key] {
      fields.append("headers.\(key)")
    }
    for key in ["parts", "text"] where expected[key] != got[key] { fields.append(key) }
    return fields
  }

  @Test(
    "at least 98% agree, and every disagreement is a listed known difference",
    arguments: [Collection.mime, Collection.real])
  func agreement(_ collection: Collection) throws {
    let paths = try Self.messagePaths(collection)
    #expect(paths.count > 500, "only \(paths.count) messages found in \(Self.corpus.path)")
    let known = try Self.knownDifferences()
    var agreeing = 0
    var unlisted: [String] = []
    for path in paths {
      let fields = try Self.differences(path, in: collection)
      if fields.isEmpty { agreeing += 1 }
      let key = collection.messages == "mime" ? path : "\(collection.messages)/\(path)"
      for field in fields where !known.contains("\(key)\t\(field)") {
        unlisted.append("\(key)\t\(field)")
      }
    }
    let ratio = Double(agreeing) / Double(max(1, paths.count))
    #expect(ratio >= Self.minimumAgreement, "agreement \(agreeing)/\(paths.count)")
    #expect(
      unlisted.isEmpty,
      "differences missing from known-differences.txt:\n\(unlisted.joined(separator: "\n"))")
  }

  @Test(
    "every corpus message parses and summarises without throwing",
    arguments: [Collection.mime, Collection.real])
  func everyMessageParses(_ collection: Collection) throws {
    for path in try Self.messagePaths(collection) {
      let bytes = try [UInt8](
        Data(contentsOf: Self.corpus.appending(path: "\(collection.messages)/\(path)")))
      let message = try MIMEParser().parse(bytes)
      #expect(!MessageSummary.json(for: message).isEmpty)
    }
  }

  @Test("single-file JSON is byte-identical to the oracle where the values agree")
  func byteForm() throws {
    try Self.requireCorpus()
    let path = "cpython/msg_02.txt"
    let bytes = try [UInt8](Data(contentsOf: Self.corpus.appending(path: "mime/\(path)")))
    let expected = try String(
      contentsOf: Self.corpus.appending(path: "expected/mime/\(path).json"), encoding: .utf8)
    #expect(MessageSummary.json(for: try MIMEParser().parse(bytes)) == expected)
  }
}
