/// A ZIP archive's members, taken out within the archive limits (`ZIPReader`) for the
/// readers of their kinds; Finder and Windows metadata are left out. An archive nested
/// deeper than `zipMaxDepth` is recorded but not opened.
public struct ZIPTextReader: DocumentTextReader {
  public init() {}

  public func read(_ documents: [SourceDocument], options: LiaisonExtractor.Options)
    -> [DocumentReading]
  {
    documents.map { Self.members(of: $0, options: options) }
  }

  static func members(of archive: SourceDocument, options: LiaisonExtractor.Options)
    -> DocumentReading
  {
    let name = archive.name
    guard archive.depth < options.zipMaxDepth else {
      return .failed(
        .limitExceeded(file: name, what: "archive nesting depth", limit: options.zipMaxDepth))
    }
    var zip: ZIPReader
    do {
      zip = try ZIPReader(data: archive.data, name: name, options: options)
    } catch {
      return .failed(error)
    }
    var entries: [DocumentReading.ArchiveEntry] = []
    for member in zip.members {
      let (safe, _) = FileNameSanitiser.sanitise(member.path, fallback: "member")
      if member.path.hasPrefix("__MACOSX/") || safe.hasPrefix("._") || safe == ".DS_Store" {
        continue
      }
      let label = "\(name)/\(safe)"
      do {
        let bytes = try zip.read(member, maxBytes: options.maxAttachmentBytes)
        entries.append(
          .document(SourceDocument(name: label, data: bytes, depth: archive.depth + 1)))
      } catch {
        entries.append(.unreadable(name: label, defect: error.description))
        // The archive-wide budget is spent: the remaining members would fail the same way.
        if case .limitExceeded(_, let what, _) = error, what == "total uncompressed size" { break }
      }
    }
    return .members(entries)
  }
}
