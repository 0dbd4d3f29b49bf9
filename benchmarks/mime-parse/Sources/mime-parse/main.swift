import Foundation
import MIME

/// Usage: mime-parse decode|summary|lines REPEAT FILE...
///
/// Loads every FILE first, then parses each one REPEAT times and, in `decode` mode, does
/// exactly what the GMime peer (benchmarks/gmime-parse.c) does: the address headers, the
/// subject and the date, every leaf decoded through its Content-Transfer-Encoding, every
/// filename. `summary` mode builds `liaisond parse --json`'s line instead (SHA-256 of every
/// leaf, the best text, the JSON encoding), without the command line around it.
/// Prints: messages=<n> bytes=<n> seconds=<s> checksum=<n>
/// `lines` prints each file's summary line once instead (to compare two builds' output).
let arguments = CommandLine.arguments
guard arguments.count >= 4, let repeatCount = Int(arguments[2]), repeatCount >= 1,
  ["decode", "summary", "lines"].contains(arguments[1])
else {
  FileHandle.standardError.write(
    Data("usage: mime-parse decode|summary|lines REPEAT FILE...\n".utf8))
  exit(64)
}
let summary = arguments[1] == "summary"
if arguments[1] == "lines" {
  for path in arguments[3...] {
    let bytes = [UInt8](FileManager.default.contents(atPath: path) ?? Data())
    let line =
      (try? MIMEParser().parse(bytes)).map { MessageSummary.compactJSON(for: $0) } ?? "limit"
    print("\(path)\t\(line)")
  }
  exit(0)
}
var blobs: [[UInt8]] = []
for path in arguments[3...] {
  guard let data = FileManager.default.contents(atPath: path) else {
    FileHandle.standardError.write(Data("mime-parse: cannot read \(path)\n".utf8))
    exit(65)
  }
  blobs.append([UInt8](data))
}

/// What the GMime peer does with every entity: the leaf decoded, the filename read.
func visit(_ entity: MIMEEntity) -> Int {
  var sum = 0
  if !entity.isContainer { sum &+= entity.decodeBody().bytes.count }
  if let filename = entity.filename { sum &+= filename.utf8.count }
  for child in entity.children { sum &+= visit(child) }
  return sum
}

var checksum = 0

let parser = MIMEParser()
let clock = ContinuousClock()
let elapsed = clock.measure {
  for _ in 0..<repeatCount {
    for bytes in blobs {
      guard let message = try? parser.parse(bytes) else { continue }
      if summary {
        checksum &+= MessageSummary.compactJSON(for: message).utf8.count
        continue
      }
      let header = message.header
      for name in ["from", "to", "cc", "reply-to"] { checksum &+= header.addresses(name).count }
      checksum &+= header.subject?.utf8.count ?? 0
      if header.date != nil { checksum &+= 1 }
      checksum &+= visit(message.root)
    }
  }
}
let seconds =
  Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
let total = blobs.reduce(0) { $0 + $1.count }
print(
  "messages=\(repeatCount * blobs.count) bytes=\(total * repeatCount) "
    + "seconds=\(String(format: "%.6f", seconds)) checksum=\(checksum)")
