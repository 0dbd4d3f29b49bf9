import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// A one-line progress bar on stderr, drawn only when stderr is a terminal (so that
/// logs and pipes never receive carriage returns).
public struct ProgressBar: Sendable {
  public let isEnabled: Bool
  private let width: Int

  public init(enabled: Bool = isatty(STDERR_FILENO) == 1, width: Int = 30) {
    self.isEnabled = enabled
    self.width = width
  }

  /// `[=========>          ]  45%  name` with the line cleared first.
  public static func render(done: Int, total: Int, label: String, width: Int) -> String {
    let fraction = total > 0 ? min(1, max(0, Double(done) / Double(total))) : 1
    let filled = Int(fraction * Double(width))
    let bar =
      String(repeating: "=", count: filled) + (filled < width ? ">" : "")
      + String(repeating: " ", count: max(0, width - filled - 1))
    let percent = String(Int((fraction * 100).rounded(.down)))
    let padded = String(repeating: " ", count: max(0, 3 - percent.count)) + percent
    let name = label.count > 40 ? "..." + label.suffix(37) : label
    return "[\(bar)] \(padded)%  \(name)"
  }

  public func update(done: Int, total: Int, label: String) {
    guard isEnabled else { return }
    StandardError.write(
      "\r\u{1B}[2K" + Self.render(done: done, total: total, label: label, width: width))
  }

  /// Clears the bar, so that the next line starts clean.
  public func clear() {
    guard isEnabled else { return }
    StandardError.write("\r\u{1B}[2K")
  }
}

/// Writing to stderr without buffering surprises.
public enum StandardError {
  public static func write(_ text: String) {
    FileHandle.standardError.write(Data(text.utf8))
  }

  public static func line(_ text: String) {
    write(text + "\n")
  }
}
