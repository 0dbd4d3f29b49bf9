import MIME
import SystemPackage

/// Reads the messages of an mbox file one at a time, without loading the file: the
/// splitting rule is MIME's (`Mbox.Splitter`); a file that does not start with a `From `
/// line is refused rather than taken as one message.
public struct MboxReader: ~Copyable {
  public enum Failure: Error, Equatable, CustomStringConvertible {
    case unreadable(path: String, reason: String)
    /// The file does not start with a `From ` line.
    case notMbox(path: String)
    case messageTooLarge(path: String, index: Int, limit: Int)

    public var description: String {
      switch self {
      case .unreadable(let path, let reason): "cannot read \(path): \(reason)"
      case .notMbox(let path):
        "\(path) is not an mbox file (it does not start with a \"From \" line)"
      case .messageTooLarge(let path, let index, let limit):
        "\(path): message \(index) is larger than \(limit) bytes"
      }
    }
  }

  public let path: String
  /// Largest message returned; a larger one is an error naming its position.
  public let messageLimit: Int
  private let descriptor: FileDescriptor
  private var buffer: [UInt8] = []
  private var position = 0
  private var endOfFile = false
  private var splitter = Mbox.Splitter()
  /// Messages returned so far.
  public private(set) var count = 0
  /// Bytes consumed from the file, for progress reports.
  public private(set) var bytesRead = 0

  public init(path: String, messageLimit: Int = 64 << 20) throws(Failure) {
    self.path = path
    self.messageLimit = messageLimit
    do {
      descriptor = try FileDescriptor.open(FilePath(path), .readOnly, options: [.closeOnExec])
    } catch {
      throw .unreadable(path: path, reason: "\(error)")
    }
  }

  deinit {
    try? descriptor.close()
  }

  /// The next message's bytes, or nil at the end of the file.
  public mutating func next() throws(Failure) -> [UInt8]? {
    while let line = try readLine() {
      let message = splitter.feed(line)
      if splitter.isMbox == false { throw .notMbox(path: path) }
      if let message {
        count += 1
        return message
      }
      if splitter.collectedCount > messageLimit {
        throw .messageTooLarge(path: path, index: count + 1, limit: messageLimit)
      }
    }
    guard let message = splitter.finish() else { return nil }
    count += 1
    return message
  }

  /// One line with its line ending, or nil at the end of the file.
  private mutating func readLine() throws(Failure) -> [UInt8]? {
    while true {
      if let newline = buffer[position...].firstIndex(of: UInt8(ascii: "\n")) {
        let line = Array(buffer[position...newline])
        position = newline + 1
        bytesRead += line.count
        return line
      }
      if endOfFile {
        guard position < buffer.count else { return nil }
        let line = Array(buffer[position...])
        position = buffer.count
        bytesRead += line.count
        return line
      }
      // Compact before reading more, so that the buffer holds at most one long line.
      buffer.removeFirst(position)
      position = 0
      if buffer.count > messageLimit {
        throw .messageTooLarge(path: path, index: count + 1, limit: messageLimit)
      }
      var chunk = [UInt8](repeating: 0, count: 65_536)
      let read: Int
      do {
        read = try chunk.withUnsafeMutableBytes { try descriptor.read(into: $0) }
      } catch {
        throw .unreadable(path: path, reason: "\(error)")
      }
      if read == 0 {
        endOfFile = true
      } else {
        buffer += chunk[..<read]
      }
    }
  }
}
