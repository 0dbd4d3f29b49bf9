import Foundation
import Liaison

/// The raw view of a public statement (`/ls/{id}/raw`): the mail as the sender wrote it,
/// without what our own side added or what would hand out a command address.
///
/// Dropped header fields:
/// - those our receiving relays and filters write, which name our infrastructure (hosts,
///   addresses, the mailbox it was delivered to, our verdicts): `Received`, `Return-Path`,
///   `Delivered-To`, `X-Original-To`, `Envelope-To`, `X-Envelope-*`, `Authentication-Results`
///   (the statement page shows the verdict that counts), `ARC-*`, `Received-SPF`, `X-Spam-*`,
///   `X-Virus-*`;
/// - any field, whatever its name, that names a command address (`CommandAddresses`), such
///   as a `To` or `X-Liaison-Respond` carrying a token.
///
/// Kept: everything the sender wrote, `DKIM-Signature` among it (the sender's own signature,
/// naming only the sender's domain). In the body, each command address is replaced by
/// `CommandAddresses.placeholder`; text hidden in a transfer encoding (base64) is left as
/// it is, and the decoded text the page shows is the extracted record's.
public enum RawMailRedaction {
  static let droppedFields: Set<String> = [
    "received", "return-path", "delivered-to", "x-original-to", "envelope-to",
    "authentication-results", "received-spf", "x-received",
  ]
  static let droppedPrefixes = ["x-envelope-", "arc-", "x-spam-", "x-virus-"]

  public static func publicView(of raw: [UInt8], commandAddresses: CommandAddresses) -> [UInt8] {
    let lines = splitLines(raw)
    var output: [UInt8] = []
    output.reserveCapacity(raw.count)
    var index = 0
    // The header block: fields with their continuation lines, up to the first empty line.
    while index < lines.count, !isBlank(lines[index]) {
      var end = index + 1
      while end < lines.count, let first = lines[end].first,
        first == UInt8(ascii: " ") || first == UInt8(ascii: "\t")
      {
        end += 1
      }
      let field = lines[index..<end].flatMap { $0 }
      if !isDropped(field, commandAddresses: commandAddresses) {
        output += field
      }
      index = end
    }
    for line in lines[index...] {
      let ranges = commandAddresses.ranges(in: line[...])
      output += ranges.isEmpty ? line : CommandAddresses.replacing(ranges, in: line[...])
    }
    return output
  }

  private static func isDropped(_ field: [UInt8], commandAddresses: CommandAddresses) -> Bool {
    if let colon = field.firstIndex(of: UInt8(ascii: ":")) {
      let name = String(decoding: field[..<colon], as: UTF8.self)
        .trimmingCharacters(in: .whitespaces).lowercased()
      if droppedFields.contains(name) || droppedPrefixes.contains(where: name.hasPrefix) {
        return true
      }
    }
    // Unfolded, so that an address folded over two lines is still seen.
    let unfolded = field.filter { $0 != UInt8(ascii: "\r") && $0 != UInt8(ascii: "\n") }
    return !commandAddresses.ranges(in: unfolded[...]).isEmpty
  }

  /// Lines with their own line endings (LF or CRLF), so that the rest stays byte for byte.
  private static func splitLines(_ bytes: [UInt8]) -> [[UInt8]] {
    var lines: [[UInt8]] = []
    var start = 0
    for (offset, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
      lines.append(Array(bytes[start...offset]))
      start = offset + 1
    }
    if start < bytes.count { lines.append(Array(bytes[start...])) }
    return lines
  }

  private static func isBlank(_ line: [UInt8]) -> Bool {
    line == [UInt8(ascii: "\n")] || line == [UInt8(ascii: "\r"), UInt8(ascii: "\n")]
  }
}
