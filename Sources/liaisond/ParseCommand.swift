import ArgumentParser
import Foundation
import MIME

/// `liaisond parse FILE... --json`: the MIME structure in the oracle's JSON.
struct ParseCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "parse",
    abstract: "Print the MIME structure of messages (JSON described in docs/contract.md).",
    discussion: """
      With one FILE and --json, prints the oracle's exact byte form. With several \
      files, prints one compact JSON document per line (JSON Lines), in order. \
      Without --json, prints an indented outline of the parts.
      """
  )

  @Argument(help: "RFC 5322 message files.")
  var files: [String]

  @Flag(help: "Print the canonical JSON summary.")
  var json = false

  @Option(
    name: .customLong("repeat"),
    help: ArgumentHelp("Parse every file N times (benchmarking).", visibility: .hidden))
  var repeatCount = 1

  func validate() throws {
    guard !files.isEmpty else { throw ValidationError("give at least one message FILE") }
    guard repeatCount >= 1 else { throw ValidationError("--repeat must be at least 1") }
  }

  func run() throws {
    let inputs: [(String, [UInt8])]
    do {
      inputs = try files.map { path in (path, try Self.read(path)) }
    } catch let error as ReadError {
      FileHandle.standardError.write(Data("liaisond parse: \(error.description)\n".utf8))
      throw SysExit.dataError
    }
    let parser = MIMEParser()
    var output = Data()
    for _ in 0..<repeatCount {
      for (path, bytes) in inputs {
        let message: MIMEMessage
        do {
          message = try parser.parse(bytes)
        } catch {
          FileHandle.standardError.write(
            Data("liaisond parse: \(path): limit \(error.limitName) exceeded: \(error)\n".utf8))
          throw SysExit.dataError
        }
        let text: String
        if !json {
          text = Self.outline(message.root, path: "1")
        } else if files.count == 1 {
          text = MessageSummary.json(for: message)
        } else {
          text = MessageSummary.compactJSON(for: message) + "\n"
        }
        output.append(contentsOf: text.utf8)
        if output.count > 1 << 20 {
          FileHandle.standardOutput.write(output)
          output.removeAll(keepingCapacity: true)
        }
      }
    }
    FileHandle.standardOutput.write(output)
  }

  private struct ReadError: Error, CustomStringConvertible {
    var description: String
  }

  private static func read(_ path: String) throws -> [UInt8] {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw ReadError(description: "\(path): cannot read the file (missing or not readable)")
    }
    return [UInt8](data)
  }

  private static func outline(_ entity: MIMEEntity, path: String) -> String {
    var line = "\(path) \(entity.contentType)"
    if let filename = entity.filename { line += " filename=\(filename.debugDescription)" }
    if !entity.isContainer { line += " \(entity.rawBody.count) bytes" }
    var out = line + "\n"
    for (i, child) in entity.children.enumerated() {
      out += outline(child, path: "\(path).\(i + 1)")
    }
    return out
  }
}
