import Foundation
import Store
import Workflow

/// `liaisond ingest`: local message files (or mbox files) through the same pipeline as
/// mail fetched by IMAP.
///
/// Every input is checked first, so that an unreadable one stops the run before
/// anything is recorded. Progress and per-message outcomes go to `report`.
public struct FileIngester: Sendable {
  public enum Event: Sendable {
    /// One message was handled; `index` is its position in an mbox (from 1), nil for a file.
    case handled(path: String, index: Int?, outcome: IngestPipeline.Outcome)
    /// Bytes of all inputs handled so far, and in total.
    case progress(done: Int, total: Int, current: String)
  }

  public struct Summary: Sendable, Equatable {
    public var recorded = 0
    public var duplicate = 0
    public var quarantined = 0

    public var total: Int { recorded + duplicate + quarantined }
  }

  public let pipeline: IngestPipeline
  public let mbox: Bool
  /// Largest message accepted, as for IMAP.
  public let messageLimit: Int
  /// Stamps each message's receipt.
  public let clock: any WallClock

  public init(
    pipeline: IngestPipeline, mbox: Bool, clock: any WallClock, messageLimit: Int = 50 << 20
  ) {
    self.pipeline = pipeline
    self.mbox = mbox
    self.clock = clock
    self.messageLimit = messageLimit
  }

  /// The total size of `paths`, or the first one that cannot be read.
  public static func check(_ paths: [String]) throws(DaemonError) -> Int {
    var total = 0
    for path in paths {
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
        throw .unreadableInput(path: path, reason: "no such file")
      }
      guard !isDirectory.boolValue else {
        throw .unreadableInput(path: path, reason: "is a directory; give the message files in it")
      }
      guard FileManager.default.isReadableFile(atPath: path) else {
        throw .unreadableInput(path: path, reason: "permission denied")
      }
      let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
      total += size
    }
    return total
  }

  /// Ingests every input in order. Throws on unreadable input (before or during the run)
  /// and when the record itself fails; a message that cannot be parsed is quarantined.
  public func run(_ paths: [String], report: (Event) -> Void) async throws(DaemonError)
    -> Summary
  {
    let total = try Self.check(paths)
    var summary = Summary()
    var done = 0
    func count(_ outcome: IngestPipeline.Outcome) {
      switch outcome {
      case .recorded: summary.recorded += 1
      case .duplicate: summary.duplicate += 1
      case .quarantined: summary.quarantined += 1
      }
    }
    for path in paths {
      let absolute = FileAccess.absolute(path, base: FileManager.default.currentDirectoryPath)
      report(.progress(done: done, total: total, current: path))
      if mbox {
        var reader: MboxReader
        do {
          reader = try MboxReader(path: path, messageLimit: messageLimit)
        } catch {
          throw .unreadableInput(path: path, reason: "\(error)")
        }
        let start = done
        while true {
          let message: [UInt8]?
          do {
            message = try reader.next()
          } catch {
            throw .unreadableInput(path: path, reason: "\(error)")
          }
          guard let message else { break }
          let index = reader.count
          let outcome = try await pipeline.ingest(
            raw: message, origin: .file(path: "\(absolute)#\(index)"), receivedAt: clock.now())
          count(outcome)
          report(.handled(path: path, index: index, outcome: outcome))
          done = start + reader.bytesRead
          report(.progress(done: done, total: total, current: path))
        }
      } else {
        let bytes: [UInt8]
        switch FileAccess.read(path, limit: messageLimit) {
        case .success(let read): bytes = read
        case .failure(let failure): throw .unreadableInput(path: path, reason: "\(failure)")
        }
        let outcome = try await pipeline.ingest(
          raw: bytes, origin: .file(path: absolute), receivedAt: clock.now())
        count(outcome)
        report(.handled(path: path, index: nil, outcome: outcome))
        done += bytes.count
      }
    }
    report(.progress(done: total, total: total, current: ""))
    return summary
  }
}
