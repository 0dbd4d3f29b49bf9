import Foundation
import GRDB
import Liaison

extension LiaisonStore {
  /// Statements received at or after `since` whose acknowledgement the process withheld
  /// (`not_acknowledged`), newest first, at most `limit`; with the count per Send Reply To
  /// over the whole window (at most `addressLimit` addresses, the most named first).
  /// Read from the history: the statement's received-at index bounds the scan.
  public func listWithheldAcknowledgements(since: Date, limit: Int, addressLimit: Int = 20)
    throws(StoreError) -> WithheldAcknowledgementPage
  {
    let joined = "FROM statement JOIN event ON event.statement_id = statement.id"
    let condition = "WHERE statement.received_at >= ? AND event.kind = ?"
    let window = joined + " " + condition
    let arguments: StatementArguments = [ISOTime.string(since), EventKind.notAcknowledged.rawValue]
    return try read("read the withheld acknowledgements") { db in
      let total =
        try Int.fetchOne(
          db, sql: "SELECT COUNT(DISTINCT statement.id) \(window)", arguments: arguments) ?? 0
      let addresses = try Row.fetchAll(
        db,
        sql: """
          SELECT lower(trim(statement.send_reply_to)) AS address,
            COUNT(DISTINCT statement.id) AS count
          \(window) AND statement.send_reply_to IS NOT NULL AND trim(statement.send_reply_to) <> ''
          GROUP BY address ORDER BY count DESC, address LIMIT ?
          """, arguments: arguments + [max(0, addressLimit)]
      ).map { WithheldAcknowledgementPage.AddressCount(address: $0["address"], count: $0["count"]) }
      // One row per statement: the first refusal's reason (a statement is decided once).
      let rows = try Row.fetchAll(
        db,
        sql: """
          SELECT statement.id, statement.received_at, statement.from_contacts,
            statement.send_reply_to, MIN(event.id), event.detail,
            substr(raw_message.data, 1, \(PrivateMail.headerReadLimit)) AS data
          \(joined) LEFT JOIN raw_message ON raw_message.statement_id = statement.id
          \(condition)
          GROUP BY statement.id
          ORDER BY statement.received_at DESC, statement.number DESC LIMIT ?
          """, arguments: arguments + [max(0, limit)])
      let items = rows.map { row in
        let data: Data? = row["data"]
        let contacts =
          (try? JSONDecoder().decode(
            [String].self, from: Data((row["from_contacts"] as String).utf8))) ?? []
        return WithheldAcknowledgement(
          statementID: row["id"], receivedAt: row["received_at"],
          sender: PrivateMail.sender(
            header: data.map { [UInt8]($0) } ?? [], fromContacts: contacts),
          sendReplyTo: row["send_reply_to"], reason: row["detail"])
      }
      return WithheldAcknowledgementPage(items: items, total: total, addresses: addresses)
    }
  }
}
