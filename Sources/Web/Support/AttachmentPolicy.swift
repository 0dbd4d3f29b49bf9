import Foundation
import Liaison

/// Which attachment types are served as themselves, and which formats seed 002 calls
/// "not universally readable".
enum AttachmentPolicy {
  /// Types a browser handles without running anything from our origin; HTML and SVG are
  /// not among them (they would be active content), nor is anything unknown.
  static let safeTypes: Set<String> = [
    "application/pdf", "text/plain", "image/png", "image/jpeg", "image/gif",
    "application/zip", "application/msword", "application/rtf", "application/vnd.ms-excel",
    "application/vnd.ms-powerpoint",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "application/vnd.oasis.opendocument.text",
  ]

  /// The `Content-Type` a download is served with.
  static func servedType(for recorded: String) -> String {
    let base = mediaType(recorded)
    guard safeTypes.contains(base) else { return "application/octet-stream" }
    // The charset of a text attachment is not known here: say nothing rather than guess.
    return base
  }

  /// The bare, lower-cased media type (`text/plain; charset=x` -> `text/plain`).
  static func mediaType(_ contentType: String) -> String {
    let base = contentType.split(separator: ";", maxSplits: 1).first.map(String.init) ?? ""
    return base.trimmingCharacters(in: .whitespaces).lowercased()
  }

  /// Seed 002: PDF, W3C HTML or UTF-8 plain text.
  static func isGenerallyReadable(_ info: AttachmentInfo) -> Bool {
    let type = mediaType(info.contentType)
    if ["application/pdf", "text/html", "application/xhtml+xml", "text/plain"].contains(type) {
      return true
    }
    return ["pdf", "html", "htm", "txt"].contains(fileExtension(info.filename))
  }

  static let proprietaryExtensions: Set<String> = [
    "doc", "docx", "docm", "dot", "dotx", "xls", "xlsx", "xlsm", "ppt", "pptx", "pptm", "rtf",
    "vsd", "vsdx", "wpd", "pages", "numbers", "key",
  ]

  static func isProprietary(_ info: AttachmentInfo) -> Bool {
    let type = mediaType(info.contentType)
    if type == "application/msword" || type == "application/rtf"
      || type.hasPrefix("application/vnd.ms-")
      || type.hasPrefix("application/vnd.openxmlformats-officedocument.")
    {
      return true
    }
    return proprietaryExtensions.contains(fileExtension(info.filename))
  }

  /// The proprietary files with no readable version beside them: one counts as a version
  /// when it is readable and has the same name before the extension.
  static func proprietaryWithoutReadableVersion(_ attachments: [AttachmentInfo]) -> Set<Int> {
    let readableStems = Set(attachments.filter(isGenerallyReadable).map { stem($0.filename) })
    var flagged = Set<Int>()
    for (index, info) in attachments.enumerated()
    where isProprietary(info) && !readableStems.contains(stem(info.filename)) {
      flagged.insert(index)
    }
    return flagged
  }

  static func fileExtension(_ filename: String) -> String {
    guard let dot = filename.lastIndex(of: "."), dot != filename.startIndex else { return "" }
    return filename[filename.index(after: dot)...].lowercased()
  }

  static func stem(_ filename: String) -> String {
    guard let dot = filename.lastIndex(of: "."), dot != filename.startIndex else {
      return filename.lowercased()
    }
    return filename[..<dot].lowercased()
  }
}
