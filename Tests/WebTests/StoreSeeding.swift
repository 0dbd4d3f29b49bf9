import Foundation
import Liaison
import Store

/// Puts fixture statements into a real `LiaisonStore` through its public API, as the
/// daemon would: record the mail, then route, change state and link responses.
enum StoreSeeding {
  static func date(_ timestamp: String) -> Date {
    (try? Date(timestamp, strategy: .iso8601)) ?? Date(timeIntervalSince1970: 0)
  }

  /// Records `records` in order; returns fixture id -> store id.
  @discardableResult
  static func seed(
    _ store: LiaisonStore, with records: [StatementRecord], raw: [String: [UInt8]] = [:]
  )
    throws -> [String: String]
  {
    var ids: [String: String] = [:]
    for record in records {
      let statement = record.statement
      let attachments = statement.attachments.map { info in
        ExtractedAttachment(info: info, data: Array("fixture bytes of \(info.filename)".utf8))
      }
      let mail =
        raw[record.id]
        ?? Array(
          "Message-ID: <\(record.id)@fixtures.invalid>\r\nSubject: \(record.id)\r\n\r\nfixture\r\n"
            .utf8)
      let outcome = try store.record(
        raw: mail, extraction: Extraction(statement: statement, attachments: attachments),
        origin: .file(path: "fixtures/\(record.id).eml"), receivedAt: date(record.receivedAt))
      ids[record.id] = outcome.id
    }
    for record in records {
      guard let id = ids[record.id] else { continue }
      let at = date(record.receivedAt)
      if let original = record.answers, let originalID = ids[original] {
        try store.linkResponse(responseID: id, toOriginal: originalID, at: at)
      }
      if try store.statement(id: id)?.state != record.state {
        try store.setState(id: id, state: record.state, detail: "fixture", at: at)
      }
      for event in record.events where event.kind != .received {
        try store.appendEvent(id: id, kind: event.kind, detail: event.detail, at: date(event.at))
      }
    }
    return ids
  }
}
