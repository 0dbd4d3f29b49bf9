import Foundation
import MIME
import Testing

@testable import Liaison

/// The inputs in `fixtures/fuzz`, each a finding of `scripts/fuzz` kept once its cause was
/// fixed: a mail (`.eml`) goes through the MIME parser and the extractor, any other file
/// through the document reader its extension selects. Each must end with a result or a
/// defined error; before its fix, each one crashed or leaked.
@Suite struct FuzzRegressionTests {
  static let directory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("fixtures/fuzz")

  static let names: [String] = {
    let files = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
    return files.filter { $0 != "README.md" && !$0.hasPrefix(".") }.sorted()
  }()

  func bytes(_ name: String) throws -> [UInt8] {
    [UInt8](try Data(contentsOf: Self.directory.appendingPathComponent(name)))
  }

  @Test func fixturesAreFound() {
    #expect(
      Self.names.contains("zip-directory-past-end.zip"), "no fixtures in \(Self.directory.path)")
  }

  @Test(arguments: names)
  func inputEndsWithAResultOrADefinedError(name: String) async throws {
    let data = try bytes(name)
    if name.hasSuffix(".eml") {
      let message: MIMEMessage
      do {
        message = try MIMEParser().parse(data)
      } catch {
        #expect(!error.description.isEmpty)
        return
      }
      let extraction = await LiaisonExtractor().extract(message, raw: data)
      #expect(extraction.attachments.map(\.info) == extraction.statement.attachments)
      for attachment in extraction.attachments {
        #expect(attachment.info.size == attachment.data.count)
      }
    } else {
      let docs = await DocumentReaders().read(
        SourceDocument(name: name, data: data), options: .init())
      for doc in docs {
        #expect(doc.name.hasPrefix(name))
        #expect(
          doc.text != nil || !doc.defects.isEmpty || doc.kind == .other,
          "\(doc.name) gave neither text nor a defect")
      }
    }
  }

  /// ZIPFoundation's in-memory archive trapped reading the inner archive, whose directory
  /// offset (1054772) lies past its 126 bytes: the whole daemon went down on one mail.
  @Test func archiveWhoseDirectoryLiesPastItsEndGivesNoText() async throws {
    let docs = await DocumentReaders().read(
      SourceDocument(name: "LS.zip", data: try bytes("zip-directory-past-end.zip")),
      options: .init())
    #expect(docs.allSatisfy { $0.text == nil })
  }

  /// ZIPFoundation leaked the archive (a FILE and a copy of every byte) when it found no
  /// end record; such data is now refused before it reaches ZIPFoundation.
  @Test func docxWithoutEndRecordIsRefusedBeforeOpening() async throws {
    let data = try bytes("zip-without-end-record.eml")
    let statement = await LiaisonExtractor().extract(try MIMEParser().parse(data), raw: data)
      .statement
    #expect(
      statement.defects.contains {
        $0.contains("not a readable ZIP archive (no end of central directory record)")
      }, "\(statement.defects)")
  }

  /// An element named with the bytes FF 03 in a document declared UTF-8: libxml2 passed
  /// the name on, and Foundation's XMLParser trapped converting it to a String.
  @Test func documentXMLThatIsNotUTF8IsRefusedBeforeParsing() async throws {
    let docs = await DocumentReaders().read(
      SourceDocument(name: "LS.docx", data: try bytes("docx-name-not-utf8.docx")), options: .init())
    #expect(docs.map(\.text) == [nil])
    #expect(
      docs.flatMap(\.defects) == [
        "LS.docx: word/document.xml is neither UTF-8 nor UTF-16; the file is recorded but not read"
      ])
  }

  @Test func endRecordIsFoundByZIPFoundationsRule() {
    let record: [UInt8] = [0x50, 0x4B, 0x05, 0x06] + [UInt8](repeating: 0, count: 18)
    #expect(ZIPReader.hasEndOfCentralDirectory(record))
    #expect(ZIPReader.hasEndOfCentralDirectory(Array("junk".utf8) + record))
    #expect(!ZIPReader.hasEndOfCentralDirectory(Array(record.dropLast())))
    #expect(!ZIPReader.hasEndOfCentralDirectory([]))
    // A comment longer than the bytes after the record: ZIPFoundation gives up.
    var long = record
    long[20] = 5
    #expect(!ZIPReader.hasEndOfCentralDirectory(long + [1, 2, 3]))
    #expect(ZIPReader.hasEndOfCentralDirectory(long + [1, 2, 3, 4, 5]))
    // The record nearest the end decides, even when an earlier one would do.
    #expect(!ZIPReader.hasEndOfCentralDirectory(record + long))
  }
}
