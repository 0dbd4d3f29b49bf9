import Daemon
import Foundation
import Testing

@Suite("mbox reading")
struct MboxReaderTests {
  func messages(_ text: String, limit: Int = 1 << 20) throws -> [String] {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let path = try dir.write("box.mbox", text)
    var reader = try MboxReader(path: path, messageLimit: limit)
    var out: [String] = []
    while let message = try reader.next() { out.append(String(decoding: message, as: UTF8.self)) }
    #expect(reader.count == out.count)
    return out
  }

  // The splitting rule itself is MIME's, tested in MIMETests/MboxTests; here what the
  // reader adds: reading in chunks, refusing a file that is not an mbox, the size limit.

  @Test("messages that cross the read chunks come out whole, in order")
  func chunks() throws {
    // Bodies of 10 000 bytes put several chunk boundaries (64 KiB) inside messages.
    let bodies = (0..<20).map { String(repeating: String($0 % 10), count: 10_000) }
    let box = bodies.enumerated().map { index, body in
      "From m\(index)@example.org Mon Nov 23 12:00:00 2026\r\nSubject: \(index)\r\n\r\n\(body)\r\n"
    }.joined(separator: "\r\n")
    let found = try messages(box)
    #expect(found == bodies.enumerated().map { "Subject: \($0)\r\n\r\n\($1)\r\n" })
  }

  @Test("an empty file has no messages; a file that is not an mbox is refused")
  func edges() throws {
    #expect(try messages("").isEmpty)
    #expect(throws: MboxReader.Failure.self) { try messages("Subject: not an mbox\n\nbody\n") }
  }

  @Test("a message over the limit is an error naming its position")
  func limit() throws {
    let big = String(repeating: "x", count: 200)
    do {
      _ = try messages("From a\nSubject: ok\n\nFrom b\nSubject: \(big)\n", limit: 100)
      Issue.record("no error")
    } catch let failure as MboxReader.Failure {
      guard case .messageTooLarge(_, let index, let limit) = failure else {
        Issue.record("\(failure)")
        return
      }
      #expect(index == 2 && limit == 100)
    }
  }
}
