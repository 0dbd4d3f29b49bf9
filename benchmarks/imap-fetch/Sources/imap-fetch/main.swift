import Foundation
import MailTransport

/// Usage:
///   imap-fetch fetch URL USER PASSWORD CA            fetch every message, print msgs/s
///   imap-fetch idle  URL USER PASSWORD CA COUNT      COUNT single appends while idle,
///                                                    print the median arrival-to-fetched ms
@main struct IMAPFetchBenchmark {
  static func main() async throws {
    let arguments = CommandLine.arguments
    guard arguments.count >= 6 else {
      FileHandle.standardError.write(
        Data("usage: imap-fetch fetch|idle URL USER PASSWORD CA [COUNT]\n".utf8))
      exit(64)
    }
    let configuration = try IMAPConfiguration(
      url: arguments[2], username: arguments[3], password: arguments[4], caFile: arguments[5])
    switch arguments[1] {
    case "fetch": try await fetchAll(configuration)
    case "idle": try await idleLatency(configuration, count: Int(arguments[safe: 6] ?? "20") ?? 20)
    default:
      FileHandle.standardError.write(Data("imap-fetch: unknown mode \(arguments[1])\n".utf8))
      exit(64)
    }
  }

  static func fetchAll(_ configuration: IMAPConfiguration) async throws {
    let client = IMAPClient(configuration: configuration)
    let mailbox = configuration.mailbox
    let clock = ContinuousClock()
    var messages = 0
    var bytes = 0
    let elapsed = try await clock.measure {
      let status = try await client.status(of: mailbox)
      let uids = try await client.searchUIDs(in: mailbox, uidValidity: status.uidValidity)
      for batch in uids.chunked(100) {
        let sizes = try await client.sizes(
          in: mailbox, uidValidity: status.uidValidity, uids: batch)
        for uid in batch {
          let raw = try await client.fetchMessage(
            in: mailbox, uidValidity: status.uidValidity, uid: uid, expectedSize: sizes[uid])
          messages += 1
          bytes += raw.count
        }
      }
    }
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    print(
      "messages=\(messages) bytes=\(bytes) seconds=\(seconds) rate=\(Double(messages) / seconds)")
  }

  static func idleLatency(_ configuration: IMAPConfiguration, count: Int) async throws {
    let mailbox = configuration.mailbox
    let client = IMAPClient(configuration: configuration)
    let appender = IMAPClient(configuration: configuration)
    let idler = IMAPIdler(configuration: configuration)
    let clock = ContinuousClock()
    var latencies: [Double] = []
    for index in 0..<count {
      let status = try await client.status(of: mailbox)
      let message = Array(
        "From: bench@example.org\r\nSubject: idle \(index)\r\nMessage-ID: <idle.\(index).\(UUID())@example.org>\r\n\r\nbody\r\n"
          .utf8)
      // The waiter is running (IDLE issued) before the message arrives.
      async let news = idler.waitForNews(
        in: mailbox, knownUIDNext: status.uidNext, timeout: .seconds(30))
      try await Task.sleep(for: .milliseconds(150))
      try await appender.append(message, to: mailbox)
      let arrived = clock.now
      guard try await news else { throw BenchmarkError(message: "IDLE did not report the append") }
      let uids = try await client.searchUIDs(
        in: mailbox, uidValidity: status.uidValidity, from: status.uidNext)
      guard let uid = uids.first else {
        throw BenchmarkError(message: "the appended message is missing")
      }
      let raw = try await client.fetchMessage(
        in: mailbox, uidValidity: status.uidValidity, uid: uid)
      guard raw == message else { throw BenchmarkError(message: "fetched bytes differ") }
      let latency = clock.now - arrived
      latencies.append(
        Double(latency.components.attoseconds) / 1e15 + Double(latency.components.seconds) * 1000)
    }
    latencies.sort()
    let median = latencies[latencies.count / 2]
    print("samples=\(latencies.count) median_ms=\(median) max_ms=\(latencies.last ?? 0)")
  }
}

struct BenchmarkError: Error, CustomStringConvertible {
  var message: String
  var description: String { message }
}

extension Array {
  subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }

  func chunked(_ size: Int) -> [[Element]] {
    stride(from: 0, to: count, by: size).map { Array(self[$0..<Swift.min($0 + size, count)]) }
  }
}
