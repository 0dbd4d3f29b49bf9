import Foundation
import Liaison
import MIME
import PDFText
import Testing

/// The shell's PDF reader with poppler's `pdftotext` in a child process per document (as
/// when `liaisond-pdftext` is not installed), bounded by its timeout, the text limit and
/// the per-message budget; the temporary copy never left behind; and the reader as
/// installed on the fixtures' PDFs. The long-lived converter: `PDFWorkerPoolTests`.
@Suite struct PDFTextReaderTests {
  static let root = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  let pdf = Array("%PDF-1.4\n".utf8)

  func read(
    _ names: [String], _ options: PDFTextReader.Options,
    limits: LiaisonExtractor.Options = .init()
  ) async -> [DocumentReading] {
    await PDFTextReader(options: options).read(
      names.map { SourceDocument(name: $0, data: pdf, contentType: "application/pdf") },
      options: limits)
  }

  @Test func hangingPdftotextIsKilledAtTheTimeout() async throws {
    let pidFile = FileManager.default.temporaryDirectory
      .appendingPathComponent("fake-pdftotext-\(UUID().uuidString).pid").path
    defer { try? FileManager.default.removeItem(atPath: pidFile) }
    let script = try FakePdftotext("echo $$ > '\(pidFile)'; exec sleep 600")
    defer { script.remove() }
    let readings = await read(
      ["slow.pdf"], .init(converter: .pdftotext, pdftotextPath: script.path, timeout: 0.5))
    #expect(
      readings == [
        .text(
          nil,
          defects: [
            "slow.pdf: the PDF converter was killed after the 0.5 s timeout; the file is recorded but not read"
          ])
      ])
    // Killed, not waited out: the child is gone when the reader returns (it would sleep
    // for ten minutes).
    let pid = try #require(
      Int32(
        try String(contentsOfFile: pidFile, encoding: .utf8).trimmingCharacters(
          in: .whitespacesAndNewlines)))
    #expect(kill(pid, 0) == -1 && errno == ESRCH, "pdftotext (pid \(pid)) still runs")
  }

  @Test func endlessPdftotextOutputIsCut() async throws {
    let script = try FakePdftotext("exec yes 'Title: LS on everything'")
    defer { script.remove() }
    var limits = LiaisonExtractor.Options()
    limits.maxDocumentTextBytes = 64 * 1024
    let readings = await read(
      ["chatty.pdf"],
      .init(
        converter: .pdftotext, pdftotextPath: script.path, timeout: 600, messageBudget: 600),
      limits: limits)
    guard case .text(let text, let defects) = try #require(readings.first) else {
      Issue.record("no text reading: \(readings)")
      return
    }
    #expect(text?.utf8.count == 64 * 1024)
    #expect(defects.first?.contains("only the beginning was read") == true)
  }

  @Test func missingPdftotextIsADefectNamingThePackage() async {
    let readings = await read(
      ["a.pdf"], .init(converter: .pdftotext, pdftotextPath: "/nonexistent/pdftotext"))
    guard case .text(nil, let defects) = readings.first else {
      Issue.record("expected no text: \(readings)")
      return
    }
    #expect(defects.first?.contains("install poppler-utils") == true)
  }

  @Test func documentsPastTheCountBudgetAreKeptAndReportedNotRead() async throws {
    let script = try FakePdftotext("echo 'Title: LS on X'")
    defer { script.remove() }
    // Only the count may run out here: a loaded machine (a whole suite starting at once)
    // once took longer than the default time budget to start the two converters.
    let readings = await read(
      ["one.pdf", "two.pdf", "three.pdf"],
      .init(
        converter: .pdftotext, pdftotextPath: script.path, timeout: 600, messageBudget: 600,
        maxDocumentsPerMessage: 2))
    #expect(readings.count == 3)
    #expect(
      readings.prefix(2).allSatisfy { $0 == .text("Title: LS on X\n", defects: []) }, "\(readings)")
    #expect(
      readings.last
        == .text(
          nil,
          defects: [
            "three.pdf: not read: budget (at most 2 PDFs are read per message); the file is recorded"
          ]))
  }

  @Test func documentsPastTheTimeBudgetAreKeptAndReportedNotRead() async throws {
    let script = try FakePdftotext("exec sleep 60")
    defer { script.remove() }
    let readings = await read(
      ["first.pdf", "second.pdf"],
      .init(converter: .pdftotext, pdftotextPath: script.path, timeout: 10, messageBudget: 0.3))
    let spent = "the 0.3 s for the PDFs of one message are spent"
    #expect(
      readings == [
        .text(nil, defects: ["first.pdf: not read: budget (\(spent)); the file is recorded"]),
        .text(nil, defects: ["second.pdf: not read: budget (\(spent)); the file is recorded"]),
      ])
  }

  @Test func theTemporaryCopyIsRemovedWhenPdftotextFails() async throws {
    let arguments = FileManager.default.temporaryDirectory
      .appendingPathComponent("pdftotext-arguments-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: arguments) }
    let script = try FakePdftotext("printf '%s\\n' \"$@\" > '\(arguments)'; exit 3")
    defer { script.remove() }
    let readings = await read(
      ["bad.pdf"],
      .init(
        converter: .pdftotext, pdftotextPath: script.path, timeout: 600, messageBudget: 600))
    #expect(
      readings == [
        .text(
          nil,
          defects: [
            "bad.pdf: no text layer could be read (pdftotext failed with exit status 3); the file is recorded but not read"
          ])
      ])
    // pdftotext ... FILE -: the copy it was given is gone.
    let given = try String(contentsOfFile: arguments, encoding: .utf8).split(separator: "\n")
    let copy = try #require(given.dropLast().last.map(String.init))
    #expect(copy.hasSuffix(".pdf"))
    #expect(!FileManager.default.fileExists(atPath: copy))
  }

  /// The installed reader (the long-lived converter) reads the fixtures' PDFs exactly as
  /// `fixtures/pdf-text` recorded them (the recordings stand in for it in the Liaison
  /// tests), and the mails that carry them extract as their expected JSON says.
  @Test func theInstalledReaderReadsTheFixturePDFsAsRecorded() async throws {
    let mails = Self.root.appendingPathComponent("fixtures/mail")
    let recordings = Self.root.appendingPathComponent("fixtures/pdf-text")
    #expect(PDFTextReader.Converter.installed != .pdftotext, "liaisond-pdftext is not built")
    let extractor = LiaisonExtractor(readers: .withPDFTextReader())
    var checked = 0
    for name in [
      "hostile-pdf-broken", "itu-t-docx-and-pdf-comment", "itu-t-pdf-information", "mef-prose-pdf",
    ] {
      let bytes = [UInt8](try Data(contentsOf: mails.appendingPathComponent(name + ".eml")))
      let extraction = await extractor.extract(try MIMEParser().parse(bytes), raw: bytes)
      for attachment in extraction.attachments where attachment.info.filename.hasSuffix(".pdf") {
        let base = recordings.appendingPathComponent(attachment.info.filename)
        if let text = attachment.text {
          let recorded = try String(contentsOf: base.appendingPathExtension("txt"), encoding: .utf8)
          #expect(text == recorded, "\(attachment.info.filename): now reads as \(text)")
        } else {
          let reason = try String(
            contentsOf: base.appendingPathExtension("failed"), encoding: .utf8
          )
          .trimmingCharacters(in: .whitespacesAndNewlines)
          #expect(
            extraction.statement.defects.contains { $0.contains(reason) },
            "\(attachment.info.filename): \(extraction.statement.defects)")
        }
        checked += 1
      }
      let expected = try #require(
        try JSONSerialization.jsonObject(
          with: Data(contentsOf: mails.appendingPathComponent(name + ".expected.json")))
          as? [String: Any])
      let actual = try #require(
        try JSONSerialization.jsonObject(with: JSONEncoder().encode(extraction.statement))
          as? [String: Any])
      for (key, want) in expected {
        #expect(
          Self.canonical(actual[key] ?? NSNull()) == Self.canonical(want), "\(name): \(key)")
      }
    }
    #expect(checked == 4)
  }

  static func canonical(_ value: Any) -> String {
    let data = try? JSONSerialization.data(
      withJSONObject: value, options: [.sortedKeys, .fragmentsAllowed, .withoutEscapingSlashes])
    return data.map { String(decoding: $0, as: UTF8.self) } ?? "\(value)"
  }
}

/// A shell script in place of `pdftotext`, removed by `remove()`.
///
/// Run once before use: a process another test forks while the script is being written
/// inherits the write descriptor until it execs, and running the script meanwhile fails
/// with "text file busy" (exit status 126). Once one run succeeds no process holds it open
/// for writing, and ours is closed, so no later run can meet that.
struct FakePdftotext {
  let path: String
  static let probeVariable = "FAKE_PDFTOTEXT_PROBE"

  init(_ body: String) throws {
    path =
      FileManager.default.temporaryDirectory
      .appendingPathComponent("fake-pdftotext-\(UUID().uuidString)").path
    try "#!/bin/sh\n[ -n \"$\(Self.probeVariable)\" ] && exit 0\n\(body)\n".write(
      toFile: path, atomically: true, encoding: .utf8)
    try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
    for attempt in 1...100 {
      let probe = Process()
      probe.executableURL = URL(fileURLWithPath: path)
      probe.environment = [Self.probeVariable: "1"]
      if (try? probe.run()) != nil {
        probe.waitUntilExit()
        if probe.terminationStatus == 0 { return }
      }
      if attempt < 100 { usleep(20_000) }
    }
    throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
  }

  func remove() {
    try? FileManager.default.removeItem(atPath: path)
  }
}
