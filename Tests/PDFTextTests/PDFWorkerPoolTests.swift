import Foundation
import Liaison
import MIME
import PDFText
import Testing

/// The long-lived converter (`liaisond-pdftext`, built beside these tests): the same text
/// as `pdftotext`, a clear defect for what is not a PDF, and a hostile PDF costs its own
/// converter and its own message's budget, nothing more.
@Suite struct PDFWorkerPoolTests {
  static let root = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  /// The converter `swift build` put beside the test bundle; its absence is a failure.
  func converterPath() throws -> String {
    guard case .worker(let path) = PDFTextReader.Converter.installed else {
      throw WorkerMissing()
    }
    return path
  }

  struct WorkerMissing: Error, CustomStringConvertible {
    var description: String { "liaisond-pdftext is not beside the test bundle: swift build first" }
  }

  /// The PDFs attached to the fixture mails, by file name.
  static func fixturePDFs() throws -> [SourceDocument] {
    let mails = root.appendingPathComponent("fixtures/mail")
    var documents: [SourceDocument] = []
    for name in try FileManager.default.contentsOfDirectory(atPath: mails.path).sorted()
    where name.hasSuffix(".eml") {
      let bytes = [UInt8](try Data(contentsOf: mails.appendingPathComponent(name)))
      let message = try MIMEParser().parse(bytes)
      for part in message.root.walk()
      where !part.isContainer && part.filename?.lowercased().hasSuffix(".pdf") == true {
        documents.append(
          SourceDocument(
            name: part.filename ?? "x.pdf", data: part.decodedBody ?? [],
            contentType: "application/pdf"))
      }
    }
    return documents
  }

  @Test func theWorkerReadsTheFixturePDFsAsPdftotextDoes() async throws {
    let documents = try Self.fixturePDFs()
    #expect(documents.count >= 4)
    let worker = PDFTextReader(options: .init(converter: .worker(path: try converterPath())))
    let pdftotext = PDFTextReader(options: .init(converter: .pdftotext))
    let limits = LiaisonExtractor.Options()
    let byWorker = await worker.read(documents, options: limits)
    let byPdftotext = await pdftotext.read(documents, options: limits)
    var texts = 0
    for (index, document) in documents.enumerated() {
      guard case .text(let text?, let defects) = byWorker[index] else { continue }
      texts += 1
      #expect(defects.isEmpty, "\(document.name): \(defects)")
      #expect(byPdftotext[index] == .text(text, defects: []), "\(document.name)")
    }
    #expect(texts >= 3)
    // One process per converter served them all.
    #expect(worker.pool?.starts == 1)
  }

  @Test func garbageAndTruncatedPDFsAreClearDefects() async throws {
    let reader = PDFTextReader(options: .init(converter: .worker(path: try converterPath())))
    let good = try #require(Self.fixturePDFs().first { $0.name == "SG17-LS210.pdf" })
    let documents = [
      SourceDocument(
        name: "garbage.pdf", data: Array("%PDF-1.4\nnot really".utf8),
        contentType: "application/pdf"),
      SourceDocument(
        name: "truncated.pdf", data: Array(good.data.prefix(40)), contentType: "application/pdf"),
      good,
    ]
    let readings = await reader.read(documents, options: .init())
    let unreadable =
      "no text layer could be read (poppler could not open it: damaged, or not a PDF)"
    #expect(
      readings.prefix(2)
        == [
          .text(nil, defects: ["garbage.pdf: \(unreadable); the file is recorded but not read"]),
          .text(nil, defects: ["truncated.pdf: \(unreadable); the file is recorded but not read"]),
        ])
    guard case .text(let text?, _) = readings.last else {
      Issue.record("the good PDF after two bad ones: \(readings)")
      return
    }
    #expect(text.contains("LIAISON STATEMENT"))
    // A refused document does not cost its converter.
    #expect(reader.pool?.starts == 1)
  }

  @Test func aLoopingPDFCostsItsConverterAndTheNextDocumentGetsAFreshOne() async throws {
    let reader = PDFTextReader(
      options: .init(converter: .worker(path: try converterPath()), timeout: 1))
    let good = try #require(Self.fixturePDFs().first { $0.name == "SG17-LS210.pdf" })
    let loop = SourceDocument(
      name: "loop.pdf", data: Self.fanOutPDF(depth: 12), contentType: "application/pdf")
    let readings = await reader.read([loop, good], options: .init())
    #expect(
      readings.first
        == .text(
          nil,
          defects: [
            "loop.pdf: the PDF converter was killed after the 1 s timeout; the file is recorded but not read"
          ]))
    guard case .text(let text?, _) = readings.last else {
      Issue.record("the good PDF after the looping one: \(readings)")
      return
    }
    #expect(text.contains("LIAISON STATEMENT"))
    #expect(reader.pool?.starts == 2)
  }

  @Test func aMemoryEatingPDFCostsItsConverterAndTheNextDocumentGetsAFreshOne() async throws {
    // The looping PDF also piles up text: at 64 MiB of address space (a converter takes
    // some 25 MiB idle) it runs out of memory long before the generous timeout.
    let reader = PDFTextReader(
      options: .init(
        converter: .worker(path: try converterPath()), timeout: 120, memoryLimitBytes: 64 << 20,
        messageBudget: 240))
    let good = try #require(Self.fixturePDFs().first { $0.name == "SG17-LS210.pdf" })
    let hog = SourceDocument(
      name: "hog.pdf", data: Self.fanOutPDF(depth: 12), contentType: "application/pdf")
    let readings = await reader.read([hog, good], options: .init())
    // Said the same whether `new` threw or poppler's own allocator aborted.
    guard case .text(nil, let defects) = readings.first, defects.count == 1 else {
      Issue.record("the memory-eating PDF: \(readings)")
      return
    }
    #expect(
      defects[0].hasPrefix(
        "hog.pdf: no text layer could be read (the PDF needs more memory than its converter may use"
      ),
      "\(defects)")
    #expect(defects[0].hasSuffix("; the file is recorded but not read"), "\(defects)")
    guard case .text(let text?, _) = readings.last else {
      Issue.record("the good PDF after the memory-eating one: \(readings)")
      return
    }
    #expect(text.contains("LIAISON STATEMENT"))
    #expect(reader.pool?.starts == 2)
  }

  @Test func theTimeBudgetStillCutsOffAMessageOfLoopingPDFs() async throws {
    let reader = PDFTextReader(
      options: .init(
        converter: .worker(path: try converterPath()), timeout: 10, messageBudget: 0.5))
    let loops = (1...3).map {
      SourceDocument(
        name: "loop\($0).pdf", data: Self.fanOutPDF(depth: 12), contentType: "application/pdf")
    }
    let readings = await reader.read(loops, options: .init())
    let spent = "the 0.5 s for the PDFs of one message are spent"
    #expect(
      readings
        == loops.map {
          .text(nil, defects: ["\($0.name): not read: budget (\(spent)); the file is recorded"])
        })
    // The next message is read in full by a fresh converter.
    let good = try #require(Self.fixturePDFs().first { $0.name == "SG17-LS210.pdf" })
    let next = await reader.read([good], options: .init())
    guard case .text(let text?, let defects) = next.first else {
      Issue.record("the next message: \(next)")
      return
    }
    #expect(text.contains("LIAISON STATEMENT") && defects.isEmpty)
  }

  @Test func theConverterRunsUnderItsLimitsAndFilter() async throws {
    let reader = PDFTextReader(
      options: .init(
        converter: .worker(path: try converterPath()), concurrency: 1,
        memoryLimitBytes: 300 << 20))
    let good = try #require(Self.fixturePDFs().first { $0.name == "SG17-LS210.pdf" })
    _ = await reader.read([good], options: .init())
    let pid = try #require(reader.pool?.processIdentifiers.first)
    let status = try String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)
    #expect(status.contains("NoNewPrivs:\t1"))
    #expect(status.contains("Seccomp:\t2"), "no seccomp filter")
    let limits = try String(contentsOfFile: "/proc/\(pid)/limits", encoding: .utf8)
      .split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true) }
    func limit(_ name: String) -> String? {
      limits.first { $0.joined(separator: " ").hasPrefix(name) }.map {
        String($0[name.split(separator: " ").count])
      }
    }
    #expect(limit("Max address space") == String(300 << 20))
    #expect(limit("Max file size") == "0")
    #expect(limit("Max open files") == "16")
    #expect(limit("Max cpu time").flatMap(Int.init) != nil, "no CPU limit for the document")
  }

  @Test func aConverterKilledWhileIdleIsRestarted() async throws {
    let reader = PDFTextReader(
      options: .init(converter: .worker(path: try converterPath()), concurrency: 1))
    let good = try #require(Self.fixturePDFs().first { $0.name == "SG17-LS210.pdf" })
    let first = await reader.read([good], options: .init())
    let pid = try #require(reader.pool?.processIdentifiers.first)
    #expect(kill(pid, SIGKILL) == 0)
    let second = await reader.read([good], options: .init())
    #expect(second == first)
    #expect(reader.pool?.starts == 2)
    #expect(reader.pool?.processIdentifiers.first != pid)
  }

  @Test func aConverterKilledMidDocumentIsADefectAndTheNextDocumentIsRead() async throws {
    // A stand-in that dies on its first start only, mid-request, then is the real one.
    let marker = FileManager.default.temporaryDirectory
      .appendingPathComponent("pdf-worker-died-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: marker) }
    let script = try FakePdftotext(
      "if [ ! -e '\(marker)' ]; then touch '\(marker)'; head -c 20 >/dev/null; kill -9 $$; fi\n"
        + "exec '\(try converterPath())' \"$@\"")
    defer { script.remove() }
    let reader = PDFTextReader(
      options: .init(converter: .worker(path: script.path), concurrency: 1))
    let good = try #require(Self.fixturePDFs().first { $0.name == "SG17-LS210.pdf" })
    let readings = await reader.read(
      [SourceDocument(name: "first.pdf", data: good.data, contentType: "application/pdf"), good],
      options: .init())
    #expect(
      readings.first
        == .text(
          nil,
          defects: [
            "first.pdf: no text layer could be read (the PDF converter was killed by signal 9); the file is recorded but not read"
          ]))
    guard case .text(let text?, _) = readings.last else {
      Issue.record("the document after the converter died: \(readings)")
      return
    }
    #expect(text.contains("LIAISON STATEMENT"))
    #expect(reader.pool?.starts == 2)
  }

  @Test func aMissingConverterIsADefectNamingIt() async {
    let reader = PDFTextReader(
      options: .init(converter: .worker(path: "/nonexistent/liaisond-pdftext")))
    let readings = await reader.read(
      [
        SourceDocument(
          name: "a.pdf", data: Array("%PDF-1.4\n".utf8), contentType: "application/pdf")
      ],
      options: .init())
    guard case .text(nil, let defects) = readings.first else {
      Issue.record("expected no text: \(readings)")
      return
    }
    #expect(defects.first?.contains("/nonexistent/liaisond-pdftext not found") == true)
  }

  /// A small PDF whose page draws a form that draws the next one ten times, `depth`
  /// deep: 10^(depth-1) text draws, which poppler (like pdftotext) works through for ever.
  static func fanOutPDF(depth: Int) -> [UInt8] {
    func stream(_ content: String, _ dictionary: String) -> String {
      "<< /Length \(content.utf8.count) \(dictionary)>>\nstream\n\(content)\nendstream"
    }
    let form = "/Type /XObject /Subtype /Form /BBox [0 0 600 800] "
    var objects = [
      "<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 600 800] /Contents \(5 + depth) 0 R "
        + "/Resources << /XObject << /X 5 0 R >> /Font << /F1 4 0 R >> >> >>",
      "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    for level in 0..<depth {
      objects.append(
        level == depth - 1
          ? stream(
            "BT /F1 12 Tf 10 10 Td (loop) Tj ET", form + "/Resources << /Font << /F1 4 0 R >> >> ")
          : stream(
            Array(repeating: "/X Do", count: 10).joined(separator: " "),
            form + "/Resources << /XObject << /X \(6 + level) 0 R >> >> "))
    }
    objects.append(stream("/X Do", ""))
    var out = "%PDF-1.4\n"
    var offsets: [Int] = []
    for (index, object) in objects.enumerated() {
      offsets.append(out.utf8.count)
      out += "\(index + 1) 0 obj\n\(object)\nendobj\n"
    }
    let xref = out.utf8.count
    out += "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
    for offset in offsets {
      let digits = String(offset)
      out += String(repeating: "0", count: 10 - digits.count) + digits + " 00000 n \n"
    }
    out += "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
    return Array(out.utf8)
  }
}
