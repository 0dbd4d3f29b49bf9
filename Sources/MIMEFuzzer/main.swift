// libFuzzer entry point for the MIME parser. scripts/fuzz-mime builds it with
// `-sanitize=fuzzer,address -D FUZZING`: main then hands over to libFuzzer's
// driver (SwiftPM links an executable's main itself, so libFuzzer's own main
// cannot be used). A plain build replays the files given as arguments.
import Foundation
import FuzzReplay
import MIME

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
  let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
  // Small limits so that the fuzzer also exercises the limit paths quickly.
  let options = MIMEParser.Options(
    maxMessageSize: 1 << 20, maxNestingDepth: 40, maxParts: 2_000, maxHeaderBlockSize: 64 << 10)
  guard let message = try? MIMEParser(options: options).parse(bytes) else { return 0 }
  _ = MessageSummary.json(for: message)
  for entity in message.root.walk() {
    _ = entity.decodedText()
    _ = entity.header.references
  }
  _ = Mbox.split(bytes)
  return 0
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
      var argc = CommandLine.argc
      var argv = CommandLine.unsafeArgv
      exit(runFuzzerDriver(&argc, &argv, fuzzTestOneInput))
    }
  }
#else
  @main
  enum Replay {
    static func main() {
      FuzzReplay.run(name: "MIMEFuzzer", fuzzTestOneInput)
    }
  }
#endif
