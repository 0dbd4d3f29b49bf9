import Foundation

/// A fresh directory under the system temp directory, removed by `remove()`.
struct TemporaryDirectory {
  let path: String

  init() throws {
    let base = FileManager.default.temporaryDirectory.path
    path = (base as NSString).appendingPathComponent("liaisond-daemon-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  }

  /// Writes `text` to `name` inside the directory and returns the full path.
  @discardableResult
  func write(_ name: String, _ text: String, permissions: Int = 0o644) throws -> String {
    let file = (path as NSString).appendingPathComponent(name)
    try FileManager.default.createDirectory(
      atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    try Data(text.utf8).write(to: URL(fileURLWithPath: file))
    try FileManager.default.setAttributes([.posixPermissions: permissions], ofItemAtPath: file)
    return file
  }

  func sub(_ name: String) -> String {
    (path as NSString).appendingPathComponent(name)
  }

  func remove() {
    try? FileManager.default.removeItem(atPath: path)
  }
}
