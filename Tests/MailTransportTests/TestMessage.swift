import Foundation

/// A distinct test message of about `size` bytes.
func testMessage(_ index: Int, bodyBytes: Int = 200, tag: String = "test") -> [UInt8] {
  var text =
    "From: Sender \(index) <sender\(index)@example.org>\r\nTo: liaison@example.org\r\n"
    + "Subject: \(tag) message \(index)\r\nMessage-ID: <\(tag).\(index).\(UUID().uuidString)@example.org>\r\n"
    + "\r\n"
  let line = "Line of message \(index) with some text. "
  while text.utf8.count < bodyBytes {
    text += line + "\r\n"
  }
  return Array(text.utf8)
}
