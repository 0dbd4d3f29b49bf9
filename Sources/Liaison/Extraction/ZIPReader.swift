import Foundation
import ZIPFoundation

/// Reads the members of a ZIP archive (a zipped statement, or the container of a .docx)
/// within stated limits, so that a ZIP bomb costs bounded time and memory.
///
/// Declared sizes are checked first (entry count, total size, compression ratio), and the
/// bytes actually inflated are counted as they arrive, because a bomb may lie in its headers.
struct ZIPReader {
  struct Member {
    var path: String
    var entry: Entry
  }

  let name: String
  let options: LiaisonExtractor.Options
  private let archive: Archive
  /// Bytes inflated so far across all members: the archive-wide budget.
  private(set) var inflated = 0
  let members: [Member]

  init(data: [UInt8], name: String, options: LiaisonExtractor.Options) throws(LiaisonError) {
    self.name = name
    self.options = options
    do {
      archive = try Archive(data: Data(data), accessMode: .read)
    } catch {
      throw .unreadableArchive(file: name, reason: "\(error)")
    }
    var members: [Member] = []
    var declaredTotal: UInt64 = 0
    for entry in archive {
      guard entry.type == .file else { continue }
      members.append(Member(path: entry.path, entry: entry))
      if members.count > options.zipMaxEntries {
        throw .limitExceeded(
          file: name, what: "number of archive entries", limit: options.zipMaxEntries)
      }
      declaredTotal += entry.uncompressedSize
    }
    if declaredTotal > UInt64(options.zipMaxUncompressedBytes) {
      throw .limitExceeded(
        file: name, what: "declared uncompressed size (\(declaredTotal) bytes)",
        limit: options.zipMaxUncompressedBytes)
    }
    self.members = members
  }

  /// The member's bytes, at most `maxBytes`; throws when the member (or the archive as a
  /// whole) would inflate past its limit or past `zipMaxRatio` times its compressed size.
  mutating func read(_ member: Member, maxBytes: Int) throws(LiaisonError) -> [UInt8] {
    let label = "\(name)/\(member.path)"
    let compressed = max(1, Int(clamping: member.entry.compressedSize))
    let ratioLimit = compressed.multipliedReportingOverflow(by: options.zipMaxRatio)
    let perMember = min(
      maxBytes, ratioLimit.overflow ? Int.max : max(ratioLimit.partialValue, 64 * 1024))
    if member.entry.uncompressedSize > UInt64(perMember) {
      throw ratioLimit.partialValue < maxBytes && !ratioLimit.overflow
        ? .limitExceeded(file: label, what: "compression ratio", limit: options.zipMaxRatio)
        : .limitExceeded(file: label, what: "uncompressed size", limit: maxBytes)
    }
    var out: [UInt8] = []
    let budget = options.zipMaxUncompressedBytes - inflated
    var stop: LiaisonError?
    do {
      _ = try archive.extract(member.entry, skipCRC32: false) { chunk in
        if out.count + chunk.count > perMember {
          stop =
            perMember < maxBytes
            ? .limitExceeded(file: label, what: "compression ratio", limit: options.zipMaxRatio)
            : .limitExceeded(file: label, what: "uncompressed size", limit: maxBytes)
          throw CancellationError()
        }
        if out.count + chunk.count > budget {
          stop = .limitExceeded(
            file: name, what: "total uncompressed size", limit: options.zipMaxUncompressedBytes)
          throw CancellationError()
        }
        out.append(contentsOf: chunk)
      }
    } catch {
      throw stop ?? .unreadableArchive(file: label, reason: "\(error)")
    }
    inflated += out.count
    return out
  }
}
