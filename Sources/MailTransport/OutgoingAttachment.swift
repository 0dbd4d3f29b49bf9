import Foundation

/// A file carried by an `OutgoingMessage`: sent as it is, base64, never converted (a PDF
/// or DOCX reaches the other body byte for byte).
///
/// The name is checked, not repaired: callers pass a name already made safe (the Liaison
/// target's `FileNameSanitiser`), and a name that could still carry a path, a control
/// character or a header line is refused here.
public struct OutgoingAttachment: Sendable, Equatable {
  public let filename: String
  /// `type/subtype`, lower-case; parameters are not kept.
  public let contentType: String
  public let data: [UInt8]

  /// The longest file name accepted, in bytes of UTF-8.
  public static let maximumFilenameBytes = 255

  public init(filename: String, contentType: String, data: [UInt8]) throws {
    let bytes = Array(filename.utf8)
    guard !bytes.isEmpty, bytes.count <= Self.maximumFilenameBytes,
      filename != ".", filename != "..",
      !filename.unicodeScalars.contains(where: {
        $0.value < 0x20 || $0.value == 0x7F || (0x80..<0xA0).contains($0.value) || $0 == "/"
          || $0 == "\\"
      })
    else {
      throw MailTransportError.invalidHeader(
        field: "Content-Disposition",
        reason: "the attachment name \"\(filename.debugDescription)\" is not a plain file name")
    }
    self.filename = filename
    self.contentType = Self.mediaType(contentType) ?? "application/octet-stream"
    self.data = data
  }

  /// `type/subtype` when `value` is one (RFC 2045 tokens), lower-cased; nil otherwise.
  static func mediaType(_ value: String) -> String? {
    let bare = value.split(separator: ";", maxSplits: 1).first.map(String.init) ?? ""
    let parts = bare.trimmingCharacters(in: .whitespaces).lowercased().split(
      separator: "/", omittingEmptySubsequences: false)
    let tspecials = Set("()<>@,;:\\\"/[]?=".utf8)
    guard parts.count == 2,
      parts.allSatisfy({ part in
        !part.isEmpty && part.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F && !tspecials.contains($0) }
      })
    else { return nil }
    return "\(parts[0])/\(parts[1])"
  }

  /// The `Content-Type` and `Content-Disposition` lines: the name plain and quoted when it
  /// is printable ASCII, else RFC 2231 `filename*=UTF-8''...` (with an RFC 2047 `name=` for
  /// older readers).
  func headerLines() -> [String] {
    let ascii = filename.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
    if ascii {
      let quoted = Self.quoted(filename)
      return [
        "Content-Type: \(contentType); name=\(quoted)",
        "Content-Disposition: attachment; filename=\(quoted)",
        "Content-Transfer-Encoding: base64",
      ]
    }
    let encodedWord = HeaderEncoder.encodedWords(filename).joined(separator: " ")
    return [
      "Content-Type: \(contentType);\r\n name=\"\(encodedWord)\"",
      "Content-Disposition: attachment;\r\n filename*=UTF-8''\(Self.percentEncoded(filename))",
      "Content-Transfer-Encoding: base64",
    ]
  }

  /// The data as base64 in lines of 76 characters, CRLF-ended.
  func encodedBody() -> [UInt8] {
    let text = Array(HeaderEncoder.base64(data).utf8)
    var output: [UInt8] = []
    output.reserveCapacity(text.count + text.count / 38 + 2)
    var index = 0
    while index < text.count {
      let end = min(index + 76, text.count)
      output += text[index..<end]
      output += [0x0D, 0x0A]
      index = end
    }
    return output
  }

  static func quoted(_ text: String) -> String {
    var result = "\""
    for character in text {
      if character == "\"" || character == "\\" { result.append("\\") }
      result.append(character)
    }
    return result + "\""
  }

  /// RFC 2231 / RFC 5987 `attr-char`s stay; every other byte is `%XX`.
  static func percentEncoded(_ text: String) -> String {
    let keep = Set("!#$&+-.^_`|~".utf8)
    let hex = Array("0123456789ABCDEF".utf8)
    var output: [UInt8] = []
    for byte in text.utf8 {
      if byte.isASCIIAlphanumeric || keep.contains(byte) {
        output.append(byte)
      } else {
        output += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
      }
    }
    return String(decoding: output, as: UTF8.self)
  }
}
