import Foundation
import MailTransport
import Synchronization

@testable import Workflow

/// A mailbox in memory, for the poller's cycle logic: mailboxes of messages by UID, and
/// failures injected per operation.
final class InMemoryMailbox: Mailbox {
  enum Operation: String, Sendable {
    case status, search, sizes, fetch, fetchHeader, move
  }

  private struct State {
    var folders: [String: [(uid: UInt32, raw: [UInt8])]] = [:]
    var uidValidity: UInt32 = 7
    var nextUID: UInt32 = 1
    var failures: [Operation: [any Error]] = [:]
    var calls: [Operation] = []
    var journal: Journal?
    var batchDownload = false
  }

  private let state = Mutex(State())

  init(journal: Journal? = nil) {
    state.withLock { $0.journal = journal }
  }

  /// A temporary failure, as when the server is unreachable.
  static let unreachable = MailTransportError.curl(
    server: "imaps://memory", step: "connect", code: 7, message: "connection refused", reply: nil)

  @discardableResult
  func append(_ raw: [UInt8], to mailbox: String = "INBOX") -> UInt32 {
    state.withLock { state in
      let uid = state.nextUID
      state.nextUID += 1
      state.folders[mailbox, default: []].append((uid, raw))
      return uid
    }
  }

  /// The next call of `operation` throws `error` (queued after earlier ones).
  func failNext(_ operation: Operation, with error: any Error = InMemoryMailbox.unreachable) {
    state.withLock { $0.failures[operation, default: []].append(error) }
  }

  func uids(in mailbox: String) -> [UInt32] {
    state.withLock { ($0.folders[mailbox] ?? []).map(\.uid) }
  }

  func count(_ mailbox: String) -> Int { uids(in: mailbox).count }

  var calls: [Operation] { state.withLock { $0.calls } }

  private func enter(_ operation: Operation) throws {
    try state.withLock { state in
      state.calls.append(operation)
      if var queued = state.failures[operation], !queued.isEmpty {
        let error = queued.removeFirst()
        state.failures[operation] = queued
        throw error
      }
    }
  }

  private func message(_ mailbox: String, _ uid: UInt32) throws -> [UInt8] {
    try state.withLock { state in
      guard let raw = state.folders[mailbox]?.first(where: { $0.uid == uid })?.raw else {
        throw MailTransportError.messageNotFound(server: "memory", mailbox: mailbox, uid: uid)
      }
      return raw
    }
  }

  func status(of mailbox: String) async throws -> MailboxStatus {
    try enter(.status)
    return state.withLock {
      MailboxStatus(
        uidValidity: $0.uidValidity, uidNext: $0.nextUID, messages: $0.folders[mailbox]?.count ?? 0
      )
    }
  }

  func searchUIDs(in mailbox: String, uidValidity: UInt32, from uid: UInt32) async throws
    -> [UInt32]
  {
    try enter(.search)
    return uids(in: mailbox).filter { $0 >= uid }.sorted()
  }

  func sizes(in mailbox: String, uidValidity: UInt32, uids: [UInt32]) async throws
    -> [UInt32: Int]
  {
    try enter(.sizes)
    var sizes: [UInt32: Int] = [:]
    for uid in uids { sizes[uid] = try message(mailbox, uid).count }
    return sizes
  }

  func fetchMessage(in mailbox: String, uidValidity: UInt32, uid: UInt32, expectedSize: Int?)
    async throws -> [UInt8]
  {
    try enter(.fetch)
    return try message(mailbox, uid)
  }

  /// Whether `fetchMessages` answers (as IMAP's batch download does); off, the poller
  /// fetches every message alone, as it does from a server without it.
  var batchDownload: Bool {
    get { state.withLock { $0.batchDownload } }
    set { state.withLock { $0.batchDownload = newValue } }
  }

  func fetchMessages(
    in mailbox: String, uidValidity: UInt32, uids: [UInt32], expectedSizes: [UInt32: Int]
  ) async throws -> [UInt32: [UInt8]] {
    guard batchDownload else { return [:] }
    try enter(.fetch)
    var messages: [UInt32: [UInt8]] = [:]
    for uid in uids { messages[uid] = try message(mailbox, uid) }
    return messages
  }

  func fetchHeader(in mailbox: String, uidValidity: UInt32, uid: UInt32) async throws -> [UInt8] {
    try enter(.fetchHeader)
    let raw = try message(mailbox, uid)
    let end = String(decoding: raw, as: UTF8.self).range(of: "\r\n\r\n")
    return end.map { Array(String(decoding: raw, as: UTF8.self)[..<$0.upperBound].utf8) } ?? raw
  }

  func move(uids: [UInt32], from mailbox: String, uidValidity: UInt32, to target: String)
    async throws
  {
    guard !uids.isEmpty else { return }
    try enter(.move)
    let journal = state.withLock { state in
      let moving = (state.folders[mailbox] ?? []).filter { uids.contains($0.uid) }
      state.folders[mailbox] = (state.folders[mailbox] ?? []).filter { !uids.contains($0.uid) }
      state.folders[target, default: []] += moving
      return state.journal
    }
    journal?.note(uids.map { "move \($0) to \(target)" })
  }
}

/// What happened, in order, across the mailbox and the recorder.
final class Journal: Sendable {
  private let entries = Mutex<[String]>([])
  func note(_ lines: [String]) { entries.withLock { $0 += lines } }
  var lines: [String] { entries.withLock { $0 } }
}

/// IDLE that reports news at once, after running `onWait` (which may stop the loop).
final class InstantWatcher: MailboxWatcher {
  private let waits = Mutex(0)
  private let onWait: @Sendable (Int) throws -> Void

  init(onWait: @escaping @Sendable (Int) throws -> Void) {
    self.onWait = onWait
  }

  var count: Int { waits.withLock { $0 } }

  func waitForNews(in mailbox: String, knownUIDNext: UInt32?, timeout: Duration) async throws
    -> Bool
  {
    let count = waits.withLock {
      $0 += 1
      return $0
    }
    try onWait(count)
    return true
  }
}
