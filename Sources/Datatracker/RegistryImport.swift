import Foundation
import Routing

/// The step from an imported registry to the file the daemon reads: the local overrides
/// applied, the change checked against the registry it replaces, the file replaced
/// atomically.
public struct RegistryImport: Sendable {
  /// The registry to write: the import with the overrides applied.
  public let registry: GroupRegistry
  /// What it changes against the registry it replaces (nil when there is none).
  public let diff: RegistryDiff?

  /// - Parameter maxDrop: the largest share (0...1) of the current groups, or of the
  ///   current role holders, the import may drop; beyond it the import is refused.
  public init(
    imported: GroupRegistry, overrides: RegistryOverrides?, current: GroupRegistry?,
    maxDrop: Double = 0.2
  ) throws(DatatrackerError) {
    var registry = imported
    if let overrides {
      do {
        registry = try overrides.apply(to: imported)
      } catch let error as RoutingError {
        throw .invalidRegistry(error)
      } catch {
        throw .invalidRegistry(.unreadable(file: overrides.file, reason: "\(error)"))
      }
    }
    self.registry = registry
    guard let current else {
      diff = nil
      return
    }
    let diff = RegistryDiff(from: current, to: registry)
    self.diff = diff
    if diff.oldGroups > 0, Double(diff.removedGroups.count) / Double(diff.oldGroups) > maxDrop {
      throw .tooMuchDropped(
        what: "groups", dropped: diff.removedGroups.count, of: diff.oldGroups, limit: maxDrop,
        examples: Array(diff.removedGroups.prefix(5)))
    }
    if diff.oldHoldings > 0, Double(diff.removedHoldings) / Double(diff.oldHoldings) > maxDrop {
      let examples = diff.changes.flatMap { change in
        change.removed.map { "\(change.group ?? "leadership") \($0)" }
      }
      throw .tooMuchDropped(
        what: "role holders", dropped: diff.removedHoldings, of: diff.oldHoldings, limit: maxDrop,
        examples: Array(examples.prefix(5)))
    }
  }

  /// The registry as its file, under a header saying where it came from.
  public func text(source: String, overrides: String?) -> String {
    var header = [
      "liaisond group registry, imported from the datatracker (\(source)) on \(registry.snapshot ?? "?")",
      "by `liaisond registry import`. An import replaces this file: put corrections and additions",
      "in the overrides file, which every import applies again.",
    ]
    if let overrides { header.append("Overrides applied: \(overrides)") }
    return RegistryFileWriter(header: header).yaml(registry)
  }

  /// Writes `text` to `path` through a temporary file in the same directory and a rename,
  /// so that the daemon (on SIGHUP) reads the old file or the new one, never half of one.
  /// The text is read back as a registry first: a file that would not load is not written.
  public static func write(_ text: String, to path: String) throws(DatatrackerError) {
    do {
      _ = try GroupRegistry(yaml: text, file: path)
    } catch let error as RoutingError {
      throw .invalidRegistry(error)
    } catch {
      throw .unwritable(path: path, reason: "\(error)")
    }
    let directory = (path as NSString).deletingLastPathComponent
    let temporary =
      (directory.isEmpty ? "." : directory)
      + "/.\((path as NSString).lastPathComponent).\(getpid()).tmp"
    let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else {
      throw .unwritable(
        path: path, reason: "cannot create \(temporary): \(String(cString: strerror(errno)))")
    }
    var failure: String?
    let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: false)
    do {
      try handle.write(contentsOf: Data(text.utf8))
      try handle.synchronize()
    } catch {
      failure = "\(error)"
    }
    close(descriptor)
    if failure == nil, rename(temporary, path) != 0 { failure = String(cString: strerror(errno)) }
    if let failure {
      unlink(temporary)
      throw .unwritable(path: path, reason: failure)
    }
  }
}
