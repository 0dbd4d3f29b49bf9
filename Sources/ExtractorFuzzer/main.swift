import Foundation
import FuzzReplay
import Liaison
import MIME
// libFuzzer entry point for the liaison extractor. scripts/fuzz-extract builds it with
// `-sanitize=fuzzer,address -D FUZZING`; a plain build replays the files given as arguments.
//
// The first input byte selects what the rest is, so that libFuzzer mutates the documents'
// own bytes rather than a base64 text that hides them:
//   0 a whole mail: MIME parse, then LiaisonExtractor with its attachments
//   1 a .docx  2 a .zip  3 an .html  4 a .pdf: the bytes attached to a fixed mail
//   5 the XML of word/document.xml, stored in a .docx built here
// The readers are internal to Liaison, so the documents reach them the way production
// does: as the decoded attachment of a parsed mail. That the attachment decodes back to
// exactly the input bytes is checked on every run. PDFs are read by the daemon's own
// reader (PDFText's PDFTextReader, poppler's pdftotext), as in production.
import PDFText
import Synchronization
import ZIPFoundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
  guard let data, size > 0 else { return 0 }
  let payload = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
  let extractor = FuzzTarget.extractor(for: payload)
  switch data[0] % 6 {
  case 0: FuzzTarget.extractMail(payload, extractor)
  case 1:
    FuzzTarget.extractAttachment(
      payload, "LS.docx",
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document", extractor)
  case 2: FuzzTarget.extractAttachment(payload, "LS.zip", "application/zip", extractor)
  case 3:
    _ = HTMLText.text(fromHTML: String(decoding: payload, as: UTF8.self))
    FuzzTarget.extractAttachment(payload, "LS.html", "text/html", extractor)
  case 4: FuzzTarget.extractAttachment(payload, "LS.pdf", "application/pdf", extractor)
  default:
    guard let docx = FuzzTarget.docx(documentXML: payload) else { return 0 }
    FuzzTarget.extractAttachment(
      docx, "LS.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      extractor)
  }
  FuzzTarget.checkNoTemporaryFileLeft()
  FuzzTarget.checkNoDescriptorLeft()
  return 0
}

enum FuzzTarget {
  /// Production limits scaled down so that one run stays in milliseconds while each limit
  /// path is still reachable; nested archives are opened one level deeper than production.
  static let base: LiaisonExtractor.Options = {
    var o = LiaisonExtractor.Options()
    o.maxAttachmentBytes = 1 << 20
    o.maxDocumentTextBytes = 256 << 10
    o.zipMaxUncompressedBytes = 8 << 20
    o.zipMaxDepth = 2
    o.docxMaxXMLBytes = 4 << 20
    return o
  }()

  static let pdfBase = PDFTextReader.Options(timeout: 3, memoryLimitBytes: 512 << 20)

  /// A PDF read by `pdftotext` costs a fork and two execs (prlimit, pdftotext): some 80 ms
  /// against 5 ms without, measured on the shared build machine. So only one input in
  /// `pdfRate` (chosen by a hash of its bytes, so a crasher replays the same) runs it; the
  /// others take the "pdftotext not found" path, which still writes and removes the
  /// temporary file.
  static let pdfRate: UInt64 = 8

  static func extractor(for payload: [UInt8]) -> LiaisonExtractor {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for b in payload {
      hash = (hash ^ UInt64(b)) &* 0x100_0000_01b3
    }
    var pdf = pdfBase
    if hash % pdfRate != 0 { pdf.pdftotextPath = "/nonexistent/pdftotext" }
    return LiaisonExtractor(options: base, readers: .withPDFTextReader(pdf))
  }

  /// libFuzzer calls in synchronously, on a thread of its own; the extractor is async (its
  /// PDF reader waits for the child on another thread), so this thread waits for it.
  static func extract(_ extractor: LiaisonExtractor, _ message: MIMEMessage, raw: [UInt8])
    -> Extraction
  {
    let outcome = Outcome()
    let done = DispatchSemaphore(value: 0)
    Task {
      let extraction = await extractor.extract(message, raw: raw)
      outcome.value.withLock { $0 = extraction }
      done.signal()
    }
    done.wait()
    guard let extraction = outcome.value.withLock({ $0 }) else {
      fatalError("the extraction task ended without a result")
    }
    return extraction
  }

  final class Outcome: Sendable {
    let value = Mutex<Extraction?>(nil)
  }

  static func extractMail(_ bytes: [UInt8], _ extractor: LiaisonExtractor) {
    let limits = MIMEParser.Options(
      maxMessageSize: 1 << 20, maxNestingDepth: 40, maxParts: 2_000, maxHeaderBlockSize: 64 << 10)
    guard let message = try? MIMEParser(options: limits).parse(bytes) else { return }
    let extraction = extract(extractor, message, raw: bytes)
    _ = try? JSONEncoder().encode(extraction.statement)
  }

  static func extractAttachment(
    _ document: [UInt8], _ filename: String, _ contentType: String,
    _ extractor: LiaisonExtractor
  ) {
    let mail = wrap(document, filename: filename, contentType: contentType)
    let message: MIMEMessage
    do {
      message = try MIMEParser().parse(mail)
    } catch {
      fatalError("the wrapper mail around a \(document.count)-byte \(filename) failed: \(error)")
    }
    let extraction = extract(extractor, message, raw: mail)
    guard extraction.attachments.count == 1, extraction.attachments[0].data == document else {
      fatalError(
        "the \(filename) attachment did not decode back to the \(document.count) input bytes")
    }
    _ = try? JSONEncoder().encode(extraction.statement)
  }

  /// A statement mail to the gateway with the document as its one base64 attachment.
  static func wrap(_ document: [UInt8], filename: String, contentType: String) -> [UInt8] {
    let encoded = Data(document).base64EncodedString(options: .lineLength76Characters)
    let mail = """
      From: Liaison Sender <sender@example.org>\r
      To: liaison-coordination@iab.org\r
      Subject: New Liaison Statement, "LS on fuzzing"\r
      Message-ID: <fuzz@example.org>\r
      MIME-Version: 1.0\r
      Content-Type: multipart/mixed; boundary="fuzz-boundary"\r
      \r
      --fuzz-boundary\r
      Content-Type: text/plain; charset=utf-8\r
      \r
      Please find the liaison statement attached.\r
      --fuzz-boundary\r
      Content-Type: \(contentType); name="\(filename)"\r
      Content-Disposition: attachment; filename="\(filename)"\r
      Content-Transfer-Encoding: base64\r
      \r
      \(encoded)\r
      --fuzz-boundary--\r

      """
    return Array(mail.utf8)
  }

  /// A minimal Word package (stored, not deflated) whose document.xml is `xml`.
  static func docx(documentXML xml: [UInt8]) -> [UInt8]? {
    guard let archive = try? Archive(data: Data(), accessMode: .create, pathEncoding: nil) else {
      return nil
    }
    let parts: [(String, Data)] = [
      ("[Content_Types].xml", Data(contentTypes.utf8)),
      ("word/document.xml", Data(xml)),
    ]
    for (path, bytes) in parts {
      do {
        try archive.addEntry(
          with: path, type: .file, uncompressedSize: Int64(bytes.count),
          compressionMethod: .none
        ) { position, size in
          bytes.subdata(in: Int(position)..<Int(position) + size)
        }
      } catch {
        return nil
      }
    }
    return archive.data.map { [UInt8]($0) }
  }

  static let contentTypes = """
    <?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/\
    package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/\
    vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>
    """

  /// This process's own temporary directory: PDFTextReader writes each PDF there, and
  /// must remove it whatever happens, so anything left after a run is a leak.
  static let temporaryDirectory: String = {
    let parent = ProcessInfo.processInfo.environment["TMPDIR"] ?? "/tmp"
    var template = Array("\(parent)/extractor-fuzz-XXXXXX".utf8CString)
    guard let made = mkdtemp(&template) else {
      fatalError("cannot create a temporary directory in \(parent): errno \(errno)")
    }
    let path = String(cString: made)
    setenv("TMPDIR", path, 1)
    atexit { rmdir(FuzzTarget.temporaryDirectoryPath()) }
    return path
  }()

  static func temporaryDirectoryPath() -> String { temporaryDirectory }

  nonisolated(unsafe) static var runs = 0
  nonisolated(unsafe) static var descriptorBaseline = 0

  /// Before the first run: the temporary directory, and one child process, because
  /// Foundation opens its process-monitoring descriptors for good on the first `run()`.
  static func setUp() {
    _ = temporaryDirectory
    let child = Process()
    child.executableURL = URL(fileURLWithPath: "/bin/true")
    try? child.run()
    child.waitUntilExit()
    descriptorBaseline = openDescriptors().count
  }

  static func openDescriptors() -> [String] {
    (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
  }

  /// Open descriptors must not grow without bound (a pipe to pdftotext left open, an
  /// archive's FILE never closed). A library may still open one for good on its first
  /// use, so the first runs only raise the baseline; and Foundation closes a finished
  /// child's pipe when its monitor thread releases the Process, a little later, so a
  /// few descriptors of slack keep that from counting as a leak.
  static let descriptorSlack = 16

  static func checkNoDescriptorLeft() {
    runs += 1
    let fds = openDescriptors()
    guard fds.count > descriptorBaseline + (runs <= 50 ? 0 : descriptorSlack) else { return }
    if runs <= 50 {
      descriptorBaseline = fds.count
      return
    }
    let targets = fds.compactMap {
      try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/\($0)")
    }
    fatalError("open descriptors grew from \(descriptorBaseline) to \(fds.count): \(targets)")
  }

  static func checkNoTemporaryFileLeft() {
    let left = (try? FileManager.default.contentsOfDirectory(atPath: temporaryDirectory)) ?? []
    if !left.isEmpty { fatalError("temporary files left in \(temporaryDirectory): \(left)") }
  }
}

#if FUZZING
  @_silgen_name("LLVMFuzzerRunDriver")
  func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
  ) -> Int32

  @main
  enum Fuzz {
    static func main() {
      FuzzTarget.setUp()
      var argc = CommandLine.argc
      var argv = CommandLine.unsafeArgv
      exit(runFuzzerDriver(&argc, &argv, fuzzTestOneInput))
    }
  }
#else
  @main
  enum Replay {
    static func main() {
      FuzzTarget.setUp()
      FuzzReplay.run(name: "ExtractorFuzzer", fuzzTestOneInput)
    }
  }
#endif
