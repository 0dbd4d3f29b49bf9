import Foundation
import SystemPackage

/// Reading the small files the configuration names (itself, secrets, CA bundles,
/// the registry), with the reason a read failed in words a user can act on.
enum FileAccess {
  enum Failure: Error, Equatable, CustomStringConvertible {
    case system(Errno)
    case tooLarge(limit: Int)
    case isDirectory

    var description: String {
      switch self {
      case .system(let errno): errno.description
      case .tooLarge(let limit): "larger than \(limit) bytes"
      case .isDirectory: "is a directory, not a file"
      }
    }
  }

  /// The whole file, or why it could not be read. `limit` guards against pointing a
  /// secret at `/dev/zero` or a log file.
  static func read(_ path: String, limit: Int) -> Result<[UInt8], Failure> {
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory),
      isDirectory.boolValue
    {
      return .failure(.isDirectory)
    }
    let descriptor: FileDescriptor
    do {
      descriptor = try FileDescriptor.open(FilePath(path), .readOnly, options: [.closeOnExec])
    } catch let errno as Errno {
      return .failure(.system(errno))
    } catch {
      return .failure(.system(.ioError))
    }
    defer { try? descriptor.close() }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 16_384)
    while true {
      let count: Int
      do {
        count = try chunk.withUnsafeMutableBytes { try descriptor.read(into: $0) }
      } catch let errno as Errno {
        return .failure(.system(errno))
      } catch {
        return .failure(.system(.ioError))
      }
      if count == 0 { return .success(bytes) }
      bytes.append(contentsOf: chunk[..<count])
      if bytes.count > limit { return .failure(.tooLarge(limit: limit)) }
    }
  }

  /// Whether the directory exists and this process may create files in it, or, when it
  /// does not exist yet, whether its nearest existing ancestor would let us create it.
  static func directoryProblem(_ path: String) -> String? {
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
      guard isDirectory.boolValue else { return "exists but is not a directory" }
      return access(path, W_OK | X_OK) == 0 ? nil : "is not writable by this user"
    }
    var ancestor = (path as NSString).deletingLastPathComponent
    while !ancestor.isEmpty, !FileManager.default.fileExists(atPath: ancestor) {
      let parent = (ancestor as NSString).deletingLastPathComponent
      if parent == ancestor { break }
      ancestor = parent
    }
    if ancestor.isEmpty { ancestor = "." }
    return access(ancestor, W_OK | X_OK) == 0
      ? nil : "does not exist, and \(ancestor) is not writable to create it"
  }

  /// `path` made absolute against `base` (a directory).
  static func absolute(_ path: String, base: String) -> String {
    path.hasPrefix("/") ? path : (base as NSString).appendingPathComponent(path)
  }
}
