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

  @Test(
    "messages split at From lines; the separator line and envelope are dropped; >From is unescaped")
  func split() throws {
    let box = """
      From a@example.org Mon Nov 23 12:00:00 2026
      Subject: one

      body
      >From the start
      >>From deeper
      >Fromage stays

      From b@example.org Mon Nov 23 12:01:00 2026
      Subject: two

      body
      From here on, not a separator (no blank line before it)


      From c@example.org Mon Nov 23 12:02:00 2026
      Subject: three

      last

      """
    let found = try messages(box)
    #expect(found.count == 3)
    #expect(found[0] == "Subject: one\n\nbody\nFrom the start\n>From deeper\n>Fromage stays\n")
    #expect(
      found[1]
        == "Subject: two\n\nbody\nFrom here on, not a separator (no blank line before it)\n\n")
    #expect(found[2] == "Subject: three\n\nlast\n")
  }

  @Test("CRLF files, an empty file, and a file that is not an mbox")
  func edges() throws {
    #expect(
      try messages("From x\r\nSubject: a\r\n\r\nb\r\n\r\nFrom y\r\nSubject: c\r\n") == [
        "Subject: a\r\n\r\nb\r\n", "Subject: c\r\n",
      ])
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
