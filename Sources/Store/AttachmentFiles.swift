import Foundation
import MIME

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The content-addressed attachment files: `attachments/ab/cdef...` for SHA-256 `abcdef...`.
///
/// A file is written to `attachments/tmp/`, flushed, then renamed into place, so a name
/// always holds complete bytes. Files are written before the database row that names them:
/// a crash in between leaves an unreferenced file, never a row without its file.
struct AttachmentFiles: Sendable {
  let root: String

  init(root: String) {
    self.root = root
  }

  var temporaryDirectory: String { root + "/tmp" }

  /// The path for a digest; nil unless the digest is 64 lower-case hex digits, so that no
  /// caller-supplied text ever reaches the file system.
  func path(for sha256: String) -> String? {
    guard SHA256Hex.isValid(sha256) else { return nil }
    return root + "/" + sha256.prefix(2) + "/" + sha256.dropFirst(2)
  }

  func prepare() throws(StoreError) {
    for directory in [root, temporaryDirectory] {
      do {
        try FileManager.default.createDirectory(
          atPath: directory, withIntermediateDirectories: true)
      } catch {
        throw .directoryUnusable(path: directory, reason: error.localizedDescription)
      }
    }
  }

  /// Stores `bytes` under `sha256` (already computed from them) unless a file is there.
  func store(_ bytes: [UInt8], sha256: String) throws(StoreError) {
    guard let path = path(for: sha256) else { throw .invalidDigest(sha256) }
    if access(path, F_OK) == 0 { return }
    let directory = root + "/" + sha256.prefix(2)
    if mkdir(directory, 0o755) != 0 && errno != EEXIST {
      throw Self.writeError(path: directory, code: errno)
    }
    let temporary = temporaryDirectory + "/" + sha256 + "." + UUID().uuidString
    let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
    guard fd >= 0 else { throw Self.writeError(path: temporary, code: errno) }
    var written = 0
    var failure: Int32?
    bytes.withUnsafeBytes { buffer in
      while written < buffer.count {
        let count = write(fd, buffer.baseAddress! + written, buffer.count - written)
        if count < 0 {
          if errno == EINTR { continue }
          failure = errno
          return
        }
        written += count
      }
    }
    if failure == nil, fsync(fd) != 0 { failure = errno }
    close(fd)
    if failure == nil, rename(temporary, path) != 0 { failure = errno }
    if let failure {
      unlink(temporary)
      throw Self.writeError(path: path, code: failure)
    }
    syncDirectory(directory)
  }

  /// A full, read-only or failing file system stops every write (`unwritable`); anything
  /// else is a problem of this one file.
  static func writeError(path: String, code: Int32) -> StoreError {
    let reason = String(cString: strerror(code))
    if [ENOSPC, EDQUOT, EROFS, EIO].contains(code) {
      return .unwritable(path: path, operation: "write an attachment file", reason: reason)
    }
    return .attachmentWrite(path: path, reason: reason)
  }

  /// The bytes stored under `sha256`, checked against it; nil when there is no such file.
  func read(sha256: String) throws(StoreError) -> [UInt8]? {
    guard let path = path(for: sha256) else { throw .invalidDigest(sha256) }
    guard let handle = FileHandle(forReadingAtPath: path) else {
      if access(path, F_OK) != 0 { return nil }
      throw .attachmentRead(path: path, reason: String(cString: strerror(errno)))
    }
    defer { try? handle.close() }
    let data: Data
    do {
      data = try handle.readToEnd() ?? Data()
    } catch {
      throw .attachmentRead(path: path, reason: error.localizedDescription)
    }
    let bytes = [UInt8](data)
    guard SHA256Hex.of(bytes) == sha256 else { throw .attachmentCorrupted(path: path) }
    return bytes
  }

  /// Makes the rename durable before the database row that relies on it commits.
  private func syncDirectory(_ directory: String) {
    let fd = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    guard fd >= 0 else { return }
    fsync(fd)
    close(fd)
  }
}
