import Foundation
import Testing

@testable import Liaison

/// Each limit of `LiaisonExtractor.Options` trips on the input it exists for, with a
/// defect that names the file, and the reader stops instead of doing the work. The limits
/// of `pdftotext` are the shell's: `PDFTextReaderTests` in DaemonTests.
@Suite struct HostileAttachmentTests {
  static let hostile = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("fixtures/hostile")

  func bytes(_ name: String) throws -> [UInt8] {
    [UInt8](try Data(contentsOf: Self.hostile.appendingPathComponent(name)))
  }

  func read(_ data: [UInt8], _ name: String, _ options: LiaisonExtractor.Options = .init()) async
    -> [DocumentText]
  {
    await DocumentReaders().read(SourceDocument(name: name, data: data), options: options)
  }

  @Test func compressionRatioStopsAZIPBomb() async throws {
    let docs = await read(try bytes("ratio-bomb.zip"), "bomb.zip")
    #expect(docs.allSatisfy { $0.text == nil })
    #expect(
      docs.flatMap(\.defects) == [
        "bomb.zip/LS.txt: compression ratio exceeds the limit of 100; the file is recorded but not read"
      ])
  }

  @Test func inflatedBytesAreCountedWhenTheHeadersLie() async throws {
    // The archive claims 1000 bytes; 20 MiB arrive. The checks of declared sizes
    // pass, so only the count of inflated bytes can stop it.
    var options = LiaisonExtractor.Options()
    options.maxAttachmentBytes = 1 << 20
    let docs = await read(try bytes("lying-bomb.zip"), "liar.zip", options)
    #expect(docs.allSatisfy { $0.text == nil })
    let defects = docs.flatMap(\.defects)
    #expect(defects.count == 1)
    #expect(
      defects.first
        == "liar.zip/LS.txt: uncompressed size exceeds the limit of 1048576; the file is recorded but not read"
    )
  }

  @Test func archiveWideBudgetHoldsAcrossMembers() async throws {
    var options = LiaisonExtractor.Options()
    options.zipMaxRatio = 10_000
    options.zipMaxUncompressedBytes = 4 << 20
    let docs = await read(try bytes("ratio-bomb.zip"), "bomb.zip", options)
    #expect(docs.allSatisfy { $0.text == nil })
    #expect(docs.flatMap(\.defects).first?.contains("exceeds the limit of 4194304") == true)
  }

  @Test func tooManyEntriesIsRefusedBeforeReading() async throws {
    let docs = await read(try bytes("many-entries.zip"), "many.zip")
    #expect(
      docs.flatMap(\.defects) == [
        "many.zip: number of archive entries exceeds the limit of 200; the file is recorded but not read"
      ])
  }

  @Test func entityExpansionIsRefused() async throws {
    let docs = await read(try bytes("billion-laughs.docx"), "lol.docx")
    #expect(docs.first?.text == nil)
    #expect(docs.first?.defects.first?.contains("declares a DTD or entities") == true)
  }

  @Test func entityDeclarationsAreFoundWhateverTheirCase() {
    #expect(DOCXTextReader.declaresDTD(Array("<?xml?><!doctype x [<!ENTITY a 'b'>]><x/>".utf8)))
    #expect(DOCXTextReader.declaresDTD(Array("<x><!EnTiTy a 'b'></x>".utf8)))
    #expect(!DOCXTextReader.declaresDTD(Array("<x>&amp;<!-- comment --></x>".utf8)))
  }

  @Test func statementTablesReadInOrderWithCellsTogether() async throws {
    let docs = await read(try bytes("statement.docx"), "SG15-LS123.docx")
    let text = try #require(docs.first?.text)
    #expect(text.contains("Title:\tLS on OTN network slicing\t"))
    #expect(text.contains("Deadline:\t1 March 2027\t"))
    let title = try #require(text.range(of: "Title:"))
    let deadline = try #require(text.range(of: "Deadline:"))
    #expect(title.lowerBound < deadline.lowerBound)
  }

  @Test func documentTextIsCapped() async {
    var options = LiaisonExtractor.Options()
    options.maxDocumentTextBytes = 1000
    let docs = await read(
      Array(String(repeating: "Title: x\n", count: 1000).utf8), "big.txt", options)
    #expect(docs.first?.text?.utf8.count == 1000)
    #expect(docs.first?.defects.first?.contains("only the beginning was read") == true)
  }

  @Test func oversizedAttachmentsAreRecordedNotRead() async {
    var options = LiaisonExtractor.Options()
    options.maxAttachmentBytes = 100
    let docs = await read([UInt8](repeating: 0x41, count: 101), "large.txt", options)
    #expect(docs.first?.text == nil)
    #expect(
      docs.first?.defects.first?.hasPrefix("large.txt: size (101 bytes) exceeds the limit of 100")
        == true)
  }
}
