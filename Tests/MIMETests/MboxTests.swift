import MIME
import Testing

/// The mbox splitting rule, whole (`Mbox.split`) and line by line (`Mbox.Splitter`, which
/// `liaisond ingest --mbox` streams a file through).
@Suite struct MboxTests {
  struct Case: Sendable, CustomTestStringConvertible {
    let name: String
    let box: String
    let messages: [String]
    var testDescription: String { name }
  }

  static let table: [Case] = [
    Case(
      name: "envelopes and separators dropped, >From unquoted once",
      box: """
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

        """,
      messages: [
        "Subject: one\n\nbody\nFrom the start\n>From deeper\n>Fromage stays\n",
        "Subject: two\n\nbody\nFrom here on, not a separator (no blank line before it)\n\n",
        "Subject: three\n\nlast\n",
      ]),
    Case(
      name: "CRLF",
      box: "From x\r\nSubject: a\r\n\r\nb\r\n\r\nFrom y\r\nSubject: c\r\n",
      messages: ["Subject: a\r\n\r\nb\r\n", "Subject: c\r\n"]),
    Case(name: "empty input", box: "", messages: []),
    Case(
      name: "not an mbox: one message, as it is",
      box: "Subject: x\n\nFrom y\n\n>From z", messages: ["Subject: x\n\nFrom y\n\n>From z"]),
    Case(
      name: "a From line right after an envelope is content",
      box: "From a\nFrom b\n", messages: ["From b\n"]),
    Case(
      name: "an envelope with nothing after it is an empty message",
      box: "From a\n\nFrom b\nSubject: x\n\nFrom c\n", messages: ["", "Subject: x\n", ""]),
    Case(
      name: "last line without a line ending",
      box: "From a\nSubject: x\n\nbody", messages: ["Subject: x\n\nbody"]),
  ]

  @Test(arguments: table)
  func split(_ item: Case) {
    let found = Mbox.split(Array(item.box.utf8)).map { String(decoding: $0, as: UTF8.self) }
    #expect(found == item.messages)
  }

  @Test(arguments: table)
  func splitterLineByLineGivesTheSame(_ item: Case) {
    var splitter = Mbox.Splitter()
    var found: [String] = []
    for line in Self.lines(item.box) {
      if let message = splitter.feed(line) {
        found.append(String(decoding: message, as: UTF8.self))
      }
    }
    if let message = splitter.finish() { found.append(String(decoding: message, as: UTF8.self)) }
    #expect(found == item.messages)
    #expect(splitter.isMbox == (item.box.isEmpty ? nil : item.box.hasPrefix("From ")))
  }

  /// The lines of `text`, each with its line ending.
  static func lines(_ text: String) -> [[UInt8]] {
    var lines: [[UInt8]] = []
    var line: [UInt8] = []
    for byte in text.utf8 {
      line.append(byte)
      if byte == UInt8(ascii: "\n") {
        lines.append(line)
        line = []
      }
    }
    if !line.isEmpty { lines.append(line) }
    return lines
  }
}
