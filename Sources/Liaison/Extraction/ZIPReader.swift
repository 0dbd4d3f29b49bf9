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
    guard Self.hasEndOfCentralDirectory(data) else {
      throw .unreadableArchive(file: name, reason: "no end of central directory record")
    }
    archive = try Self.openArchive(data, name: name)
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

  /// The archive, read from an unlinked temporary file rather than from memory: the
  /// in-memory mode of ZIPFoundation (0.9.20) traps on a read past the end of the data,
  /// which any archive whose directory points past its end causes, and leaks the archive
  /// when it has no end record. A file just reads short (and costs a few leaked bytes per
  /// archive in ZIPFoundation's path handling). Unlinked as soon as it exists, the file is
  /// never left behind. On a memory file system when there is one (`/dev/shm`): creating
  /// and unlinking a file on a disk file system cost about 5% of a backlog's CPU
  /// (BENCHMARKS.md), for bytes that never need a disk.
  private static func openArchive(_ data: [UInt8], name: String) throws(LiaisonError) -> Archive {
    let dir = scratchDirectory
    var template = Array("\(dir)/liaisond-zip-XXXXXX".utf8CString)
    let fd = mkstemp(&template)
    guard fd >= 0 else {
      throw .unreadableArchive(
        file: name, reason: "could not create a temporary file in \(dir): errno \(errno)")
    }
    unlink(template)
    defer { close(fd) }
    var written = 0
    while written < data.count {
      let n = data.withUnsafeBytes { write(fd, $0.baseAddress! + written, $0.count - written) }
      if n < 0 {
        if errno == EINTR { continue }
        throw .unreadableArchive(
          file: name, reason: "could not write a temporary file in \(dir): errno \(errno)")
      }
      written += n
    }
    #if os(Linux)
      let path = "/proc/self/fd/\(fd)"
    #else
      let path = "/dev/fd/\(fd)"
    #endif
    do {
      // Opened anew by path: the archive keeps its own descriptor after ours is closed.
      return try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
    } catch {
      throw .unreadableArchive(file: name, reason: "\(error)")
    }
  }

  /// Where archives are spilled: `/dev/shm` when this process may write there, else the
  /// temporary directory.
  static let scratchDirectory: String = {
    let memory = "/dev/shm"
    var status = stat()
    if stat(memory, &status) == 0, (status.st_mode & S_IFMT) == S_IFDIR, access(memory, W_OK) == 0 {
      return memory
    }
    return FileManager.default.temporaryDirectory.path
  }()

  /// Whether ZIPFoundation will find the end-of-central-directory record, by its own rule:
  /// the signature nearest the end wins, and its comment must fit in the data. Checked
  /// first because ZIPFoundation looks for it byte by byte backwards through a FILE, a
  /// seek and a read per byte of a large attachment that is no archive at all.
  static func hasEndOfCentralDirectory(_ data: [UInt8]) -> Bool {
    let recordSize = 22
    guard data.count >= recordSize else { return false }
    var i = data.count - recordSize
    while true {
      if data[i] == 0x50, data[i + 1] == 0x4B, data[i + 2] == 0x05, data[i + 3] == 0x06 {
        let commentLength = Int(data[i + 20]) | Int(data[i + 21]) << 8
        return i + recordSize + commentLength <= data.count
      }
      if i == 0 { return false }
      i -= 1
    }
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
