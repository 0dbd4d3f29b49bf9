import Foundation

/// The fuzzers' replay mode (built without `-D FUZZING`): each file named on the command
/// line goes through the fuzz target once, as libFuzzer would hand it over, so a finding
/// kept as a fixture can be run again under the debugger or in a test.
public enum FuzzReplay {
  /// Replays every file in `CommandLine.arguments`; exits 65 on a file it cannot read.
  public static func run(
    name: String, _ target: (UnsafePointer<UInt8>?, Int) -> Int32
  ) -> Never {
    var replayed = 0
    for path in CommandLine.arguments.dropFirst() {
      guard let data = FileManager.default.contents(atPath: path) else {
        FileHandle.standardError.write(Data("\(name): cannot read \(path)\n".utf8))
        exit(65)
      }
      let bytes = [UInt8](data)
      _ = bytes.withUnsafeBufferPointer { target($0.baseAddress, $0.count) }
      replayed += 1
    }
    print("replayed \(replayed) inputs without a crash")
    exit(0)
  }
}
