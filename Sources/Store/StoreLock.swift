import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// One process per store: an exclusive `flock` on `liaisond.lock` in the store directory,
/// with the holder's pid written into it so that a refusal can name the other process.
///
/// The lock lives as long as this object (the kernel drops it when the descriptor closes,
/// also when the process dies), so a crash never leaves a stale lock behind. The file itself
/// is never removed: unlinking a lock file races with a process that just opened it.
public final class StoreLock: Sendable {
  public let lockFile: String
  private let descriptor: Int32

  private init(lockFile: String, descriptor: Int32) {
    self.lockFile = lockFile
    self.descriptor = descriptor
  }

  deinit {
    close(descriptor)
  }

  public static let fileName = "liaisond.lock"

  public static func acquire(directory: String) throws(StoreError) -> StoreLock {
    let path = (directory as NSString).appendingPathComponent(fileName)
    do {
      try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    } catch {
      throw .directoryUnusable(path: directory, reason: error.localizedDescription)
    }
    let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
    guard fd >= 0 else {
      throw .lockFailed(lockFile: path, reason: String(cString: strerror(errno)))
    }
    if flock(fd, LOCK_EX | LOCK_NB) != 0 {
      let code = errno
      // The holder writes its pid right after locking: give it a moment to appear.
      var holder = readPID(fd)
      for _ in 0..<5 where holder == nil {
        usleep(10_000)
        holder = readPID(fd)
      }
      close(fd)
      if code == EWOULDBLOCK || code == EAGAIN {
        throw .locked(lockFile: path, pid: holder)
      }
      throw .lockFailed(lockFile: path, reason: String(cString: strerror(code)))
    }
    let text = Array("\(getpid())\n".utf8)
    guard ftruncate(fd, 0) == 0,
      text.withUnsafeBytes({ pwrite(fd, $0.baseAddress, $0.count, 0) }) == text.count
    else {
      let reason = String(cString: strerror(errno))
      close(fd)
      throw .lockFailed(lockFile: path, reason: "cannot write the pid: \(reason)")
    }
    return StoreLock(lockFile: path, descriptor: fd)
  }

  private static func readPID(_ fd: Int32) -> Int32? {
    var buffer = [UInt8](repeating: 0, count: 32)
    let count = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
    guard count > 0 else { return nil }
    let text = String(decoding: buffer[0..<count], as: UTF8.self)
    return Int32(text.trimmingCharacters(in: .whitespacesAndNewlines))
  }
}
