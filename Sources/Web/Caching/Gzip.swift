import CGzip
import NIOCore

/// gzip of a whole body, once, when a page enters the cache: every later client that
/// accepts it gets the compressed copy for nothing.
enum Gzip {
  /// Below this a page gains too little to pay for the header and a second copy.
  static let minimumBytes = 1024

  /// `bytes` gzipped, or nil when zlib fails or the result would not be smaller.
  static func compress(_ bytes: ByteBuffer, level: Int32 = 6) -> ByteBuffer? {
    let input = Array(bytes.readableBytesView)
    guard input.count >= minimumBytes else { return nil }
    var stream = z_stream()
    guard cgzip_init(&stream, level) == Z_OK else { return nil }
    defer { deflateEnd(&stream) }
    var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, UInt(input.count))) + 32)
    let status = input.withUnsafeBufferPointer { source -> Int32 in
      output.withUnsafeMutableBufferPointer { target -> Int32 in
        stream.next_in = UnsafeMutablePointer(mutating: source.baseAddress)
        stream.avail_in = UInt32(source.count)
        stream.next_out = target.baseAddress
        stream.avail_out = UInt32(target.count)
        return deflate(&stream, Z_FINISH)
      }
    }
    guard status == Z_STREAM_END, Int(stream.total_out) < input.count else { return nil }
    return ByteBuffer(bytes: output[..<Int(stream.total_out)])
  }
}
