import Foundation
import Testing

@testable import MIME

/// `MIMEParser.parseHeader` reads only up to the first empty line; it must give the header
/// the whole parse gives, field for field, wherever the header block really ends.
@Suite struct HeaderOnlyParseTests {
  static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("fixtures")

  static func same(_ bytes: [UInt8]) throws -> Bool {
    let whole = try MIMEParser().parse(bytes).header.fields
    let alone = try MIMEParser().parseHeader(bytes).fields
    return whole.map(\.name) == alone.map(\.name) && whole.map(\.value) == alone.map(\.value)
      && whole.map { Array($0.rawBytes) } == alone.map { Array($0.rawBytes) }
      && whole.map(\.offset) == alone.map(\.offset)
  }

  @Test func theFixturesHeadersAreTheWholeParsesHeaders() throws {
    var files: [URL] = []
    for folder in ["mail", "hostile", "submissions"] {
      let url = Self.fixtures.appendingPathComponent(folder)
      files += try FileManager.default.contentsOfDirectory(at: url, includingPropertiesForKeys: nil)
        .filter { $0.pathExtension == "eml" }
    }
    #expect(files.count > 60)
    // And the MIME corpus's messages, when it is beside the repository.
    for folder in ["mime", "real"] {
      let url = CorpusConformanceTests.corpus.appending(path: folder)
      let walk = FileManager.default.enumerator(at: url, includingPropertiesForKeys: nil)
      while let file = walk?.nextObject() as? URL {
        if ["eml", "txt", "raw", "msg"].contains(file.pathExtension) { files.append(file) }
      }
    }
    for file in files {
      let bytes = try [UInt8](Data(contentsOf: file))
      #expect(try Self.same(bytes), "\(file.lastPathComponent)")
    }
  }

  @Test(arguments: [
    "From: a@example.org\r\nTo: b@example.org\r\n\r\nbody\r\n\r\nmore\r\n",
    "From: a@example.org\nTo: b@example.org\n\nbody\n",
    "From: a@example.org\rTo: b@example.org\r\rbody\r",
    "From: a@example.org\r\nTo: b@example.org\r\n",
    "From: a@example.org\r\nnot a header line\r\nTo: c@example.org\r\n\r\nbody\r\n",
    "From: a@example.org\r\n folded on\r\n\r\n",
    "Subject: x\r\n\n\r\nTo: late@example.org\r\n\r\n",
    "",
  ])
  func edgesOfTheHeaderBlock(_ text: String) throws {
    #expect(try Self.same(Array(text.utf8)), "\(text.debugDescription)")
  }
}
