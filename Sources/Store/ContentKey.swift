import Foundation
import Liaison
import MIME

/// The normalised content of a statement: what stays the same when a mail is resent with new
/// transport headers (Received, Date, a fresh MIME boundary). Two messages with the same
/// Message-ID and the same content key are the same statement.
enum ContentKey {
  private struct Canonical: Encodable {
    var kind: String
    var title: String
    var from: [String]
    var to: [String]
    var purpose: String
    var deadline: String
    var body: String
    var attachments: [String]
  }

  static func make(_ statement: ExtractedStatement, attachmentDigests: [String]) -> String {
    let canonical = Canonical(
      kind: statement.kind.rawValue, title: fold(statement.title ?? ""),
      from: statement.from.map(fold), to: statement.to.map(fold),
      purpose: statement.purpose?.rawValue ?? "", deadline: statement.deadline ?? "",
      body: fold(statement.body ?? ""), attachments: attachmentDigests.sorted())
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    // Encoding plain strings and arrays cannot fail; an empty key would only weaken dedupe.
    let bytes = (try? encoder.encode(canonical)).map { [UInt8]($0) } ?? []
    return SHA256Hex.of(bytes)
  }

  /// Lower-cased, whitespace runs folded to one space: line wrapping and quoting style of a
  /// resending client do not make a new statement.
  static func fold(_ text: String) -> String {
    if let folded = foldASCII(text) { return folded }
    return text.lowercased().split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
  }

  /// `fold` of an ASCII text, byte by byte; nil for any other text. The same result (every
  /// ASCII character is one scalar, CR LF aside, which is whitespace either way) without
  /// walking the text by `Character`, which was 5% of a backlog's transaction.
  private static func foldASCII(_ text: String) -> String? {
    var folded: [UInt8] = []
    folded.reserveCapacity(text.utf8.count)
    var space = false
    for byte in text.utf8 {
      switch byte {
      case 0x80...: return nil
      case 0x09...0x0D, 0x20: space = !folded.isEmpty
      default:
        if space { folded.append(0x20) }
        space = false
        folded.append(byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte)
      }
    }
    return String(decoding: folded, as: UTF8.self)
  }
}
