import Foundation
import GRDB
import Liaison

extension LiaisonStore {
  /// Adds one entry to a statement's history (`notified`, `acknowledged`, `reminded`, ...).
  public func appendEvent(id: String, kind: EventKind, detail: String, at date: Date)
    throws(StoreError)
  {
    try write("add a \(kind) event to \(id)") { db in
      _ = try Self.existingID(db, id)
      try Self.appendEvent(db, id: id, kind: kind, detail: detail, at: date)
    }
  }

  /// Replaces the route; a statement waiting for routing becomes `open` (or `misdirected`,
  /// `unrouted` as the new route says). Answered, closed and quarantined statements keep
  /// their state.
  public func setRoute(
    id: String, route: RouteDecision, event: EventKind, detail: String, at date: Date
  ) throws(StoreError) {
    try write("re-route \(id)") { db in
      let target = try Self.resolve(db, id)
      // The route's columns and the state as they are, not the whole row: decoding it (its
      // JSON lists) to compare four columns was most of a route's cost, on every statement.
      let current = try Row.fetchOne(
        db.cachedStatement(
          sql: """
            SELECT kind, state, route_groups, route_recipients, route_misdirected, route_reason
            FROM statement WHERE id = ?
            """), arguments: [target])
      guard let current else { throw StoreError.unknownStatement(id: target) }
      let waiting: Set<String> = [
        StatementState.open.rawValue, StatementState.unrouted.rawValue,
        StatementState.misdirected.rawValue,
      ]
      let kind: String = current["kind"]
      let state: String = current["state"]
      let newState =
        waiting.contains(state) && kind == MessageKind.statement.rawValue
        ? Self.routedState(route).rawValue : state
      // Only the columns that changed: a full update rewrote every index of the statement
      // table, for every statement routed; the route found at intake is usually the one
      // recorded with the statement already, and then nothing is written but the event.
      let wanted: [(column: String, value: DatabaseValue)] = [
        ("route_groups", JSONStrings.encode(route.groups).databaseValue),
        ("route_recipients", JSONStrings.encode(route.recipients).databaseValue),
        ("route_misdirected", route.misdirected.databaseValue),
        ("route_reason", route.reason.databaseValue),
        ("state", newState.databaseValue),
      ]
      let changed = wanted.filter { $0.value != current[$0.column] as DatabaseValue }
      if !changed.isEmpty {
        try db.execute(
          sql: "UPDATE statement SET "
            + changed.map { "\($0.column) = ?" }.joined(separator: ", ") + " WHERE id = ?",
          arguments: StatementArguments(changed.map(\.value) + [target.databaseValue]))
      }
      try Self.appendEvent(db, id: id, kind: event, detail: detail, at: date)
    }
  }

  /// Declares a recorded mail to be of another kind (`liaisond reclassify ID --as
  /// statement`): its fields become `statement`'s (extracted again, as that kind, from the
  /// same raw mail), its state what the new route says, and its history says so. The id,
  /// the raw mail, the attachments and the history stay. Only mail the classifier did not
  /// take for a statement or a reply may be reclassified, and a quarantined one (never
  /// parsed) may not.
  ///
  /// A mail that becomes public leaves the `MSG-` series: it gets the next `LS-` id of its
  /// year, and its `MSG-` id stays as an alias that still finds it (audited in the
  /// `reclassified` event). Returns the record's id from now on.
  @discardableResult
  public func reclassify(
    id: String, as statement: ExtractedStatement, detail: String, at date: Date
  ) throws(StoreError) -> String {
    try write("reclassify \(id)") { db in
      let id = try Self.resolve(db, id)
      let old = try Self.existing(db, id)
      let movable: Set<String> = [
        MessageKind.autoReply.rawValue, MessageKind.bounce.rawValue,
        MessageKind.notLiaison.rawValue,
      ]
      guard movable.contains(old.kind), old.state != StatementState.quarantined.rawValue else {
        throw StoreError.invalidArgument(
          name: "id", value: id,
          reason: "it is a \(old.kind) in state \(old.state); only automatic mail, bounces "
            + "and mail taken for no liaison can be reclassified")
      }
      var row = StatementRow(
        id: old.id, year: old.year, sequence: old.sequence, receivedAt: old.receivedAt,
        state: Self.initialState(statement), statement: statement, contentKey: old.contentKey)
      row.number = old.number
      row.answers = old.answers
      try row.update(db)
      try db.execute(sql: "DELETE FROM field_source WHERE statement_id = ?", arguments: [id])
      for (field, source) in statement.sources {
        try FieldSourceRow(statementID: id, field: field, source: source.rawValue).insert(db)
      }
      if let number = old.number {
        try db.execute(sql: "DELETE FROM response_key WHERE number = ?", arguments: [number])
        try Self.insertResponseKeys(
          db, number: number, title: statement.title, identifiers: statement.otherIdentifiers)
        try db.execute(
          sql: "UPDATE statement_fts SET title = ?, body = ? WHERE rowid = ?",
          arguments: [statement.title ?? "", statement.body ?? "", number])
      }
      let series = StatementID.Series(kind: statement.kind)
      guard StatementID.parse(id)?.series != series else {
        try Self.appendEvent(db, id: id, kind: .reclassified, detail: detail, at: date)
        return id
      }
      let renumbered = try Self.renumber(db, id, into: series)
      try Self.appendEvent(
        db, id: renumbered, kind: .reclassified,
        detail: "\(detail); \(id) is now \(renumbered) (\(id) still finds it)", at: date)
      return renumbered
    }
  }

  /// Changes the deadline (`DEADLINE` by mail); reminders follow the new one.
  public func setDeadline(
    id: String, deadline: String, event: EventKind, detail: String, at date: Date
  ) throws(StoreError) {
    try write("change the deadline of \(id)") { db in
      var row = try Self.existing(db, id)
      row.deadline = deadline
      try row.update(db)
      try Self.appendEvent(db, id: id, kind: event, detail: detail, at: date)
    }
  }

  /// Moves a statement to `state`; the history gets an event of that state's name.
  public func setState(id: String, state: StatementState, detail: String, at date: Date)
    throws(StoreError)
  {
    try write("set the state of \(id)") { db in
      var row = try Self.existing(db, id)
      row.state = state.rawValue
      try row.update(db)
      try Self.appendEvent(db, id: id, kind: EventKind(state: state), detail: detail, at: date)
    }
  }

  /// Links a response to the statement it answers; the original becomes `answered`.
  /// Linking the same pair again changes nothing.
  ///
  /// `verified: false`: the response only says it answers (`EventKind.unverifiedAnswer`,
  /// `reason` why it is not believed): linked, but the original is not marked answered.
  public func linkResponse(
    responseID: String, toOriginal originalID: String, verified: Bool = true,
    reason: String = "", at now: Date
  ) throws(StoreError) {
    guard responseID != originalID else {
      throw .invalidArgument(
        name: "response", value: responseID, reason: "a statement cannot answer itself")
    }
    try write("link \(responseID) to \(originalID)") { db in
      var response = try Self.existing(db, responseID)
      var original = try Self.existing(db, originalID)
      if response.answers == originalID && original.state == StatementState.answered.rawValue {
        return
      }
      if !verified {
        guard response.answers != originalID else { return }
        response.answers = originalID
        try response.update(db)
        try Self.appendEvent(
          db, id: responseID, kind: .unverifiedAnswer,
          detail: "says it answers \(originalID); \(reason)",
          at: now)
        try Self.appendEvent(
          db, id: originalID, kind: .unverifiedAnswer,
          detail: "\(responseID) says it answers this; not marked answered: \(reason)", at: now)
        return
      }
      if response.answers != originalID {
        response.answers = originalID
        try response.update(db)
        try Self.appendEvent(
          db, id: responseID, kind: .linked, detail: "answers \(originalID)", at: now)
      }
      original.state = StatementState.answered.rawValue
      try original.update(db)
      try Self.appendEvent(
        db, id: originalID, kind: .answered, detail: "response \(responseID) recorded", at: now)
    }
  }

  /// The IETF-sent record that `statement` (from another body) answers, or nil. IETF-sent
  /// records are those the outbox holds mail of one of `sentKinds` for: today a relayed
  /// response (`reply`); outgoing statements plug in with their own kind. The outgoing
  /// statements of the imported history are IETF-sent too, and also found by their
  /// datatracker page (`/liaison/1234/`) named in the texts. Found by, in
  /// this order: its In-Reply-To / References (or a Message-ID "Response to") against the
  /// Message-IDs of that mail; our id (`LS-2026-0042`, `MSG-2026-0007`) in its title, its
  /// "Response to" or its text; its "Response to" identifier or title, or its own title,
  /// against the records' own.
  public func findAnsweredIETFRecord(for statement: ExtractedStatement, sentKinds: [String])
    throws(StoreError) -> String?
  {
    guard !sentKinds.isEmpty else { return nil }
    let kinds = databaseQuestionMarks(count: sentKinds.count)
    var references = statement.inReplyTo.compactMap(MessageIDKey.normalise)
    if let target = statement.inResponseTo, target.contains("@"),
      let key = MessageIDKey.normalise(target)
    {
      references.append(key)
    }
    let texts = [
      statement.title, statement.inResponseTo, statement.body.map { String($0.prefix(65_536)) },
    ]
    .compactMap { $0 }
    let ids = texts.flatMap(Self.recordIDs(in:))
    let aliases = texts.flatMap(Self.datatrackerAliases(in:))
    // Sent by liaisond (its outbox mail), or by the IETF before it (imported history).
    let sentByIETF = """
      (statement.id IN (
        SELECT statement_id FROM outbox WHERE kind IN (\(kinds)) AND statement_id IS NOT NULL)
        OR \(Self.importedIETFStatementSQL))
      """
    return try read("find the IETF statement answered") { db -> String? in
      for key in references.reversed() {
        if let id = try String.fetchOne(
          try db.cachedStatement(
            sql: """
              SELECT statement_id FROM outbox WHERE message_id_key = ? AND kind IN (\(kinds))
                AND statement_id IS NOT NULL ORDER BY id DESC LIMIT 1
              """), arguments: StatementArguments([key] + sentKinds))
        {
          return id
        }
      }
      for id in ids {
        let sent = try Bool.fetchOne(
          try db.cachedStatement(
            sql: "SELECT EXISTS (SELECT 1 FROM statement WHERE id = ? AND \(sentByIETF))"),
          arguments: StatementArguments([id] + sentKinds))
        if sent == true { return id }
      }
      for alias in aliases {
        if let id = try String.fetchOne(
          try db.cachedStatement(
            sql: """
              SELECT statement.id FROM statement_alias
              JOIN statement ON statement.id = statement_alias.statement_id
              WHERE statement_alias.source = ? AND statement_alias.alias = ? AND \(sentByIETF)
              """), arguments: StatementArguments([Self.datatrackerSource, alias] + sentKinds))
        {
          return id
        }
      }
      func newest(_ kind: String, _ key: String) throws -> String? {
        try String.fetchOne(
          try db.cachedStatement(
            sql: """
              SELECT statement.id FROM response_key
              JOIN statement ON statement.number = response_key.number
              WHERE response_key.kind = ? AND response_key.key = ? AND \(sentByIETF)
              ORDER BY response_key.number DESC LIMIT 1
              """), arguments: StatementArguments([kind, key] + sentKinds))
      }
      if let target = ResponseMatcher.targetIdentifier(of: statement),
        let id = try newest("identifier", target)
      {
        return id
      }
      for title in ResponseMatcher.targetTitles(of: statement) {
        if let id = try newest("title", title) { return id }
      }
      return nil
    }
  }

  /// Record ids written in a text: `LS-2026-0042`, `MSG-2026-0007`. A word is a run of
  /// letters, digits and hyphens (hyphens at its ends dropped); it names a record when it
  /// is, in capitals, an id as `StatementID.make` writes it. Ids are ASCII, so a word
  /// holding any other letter is none; scanned by Unicode scalar, because this runs over
  /// every statement's body in the message's transaction (by `Character`, with a capital
  /// copy of every word, it was 3% of a backlog's CPU).
  static func recordIDs(in text: String) -> [String] {
    let shortestRecordID = Self.shortestRecordID
    var ids: [String] = []
    var word: [UInt8] = []
    var inWord = false
    var ascii = true
    func endWord() {
      defer {
        word.removeAll(keepingCapacity: true)
        inWord = false
        ascii = true
      }
      guard inWord, ascii, word.count >= shortestRecordID else { return }
      var start = word.startIndex
      var end = word.endIndex
      while start < end, word[start] == UInt8(ascii: "-") { start += 1 }
      while end > start, word[end - 1] == UInt8(ascii: "-") { end -= 1 }
      let upper = String(decoding: word[start..<end], as: UTF8.self)
      if let parsed = StatementID.parse(upper),
        StatementID.make(series: parsed.series, year: parsed.year, sequence: parsed.sequence)
          == upper,
        !ids.contains(upper)
      {
        ids.append(upper)
      }
    }
    var previous: UInt32 = 0
    for scalar in text.unicodeScalars {
      defer { previous = scalar.value }
      switch scalar.value {
      case 0x61...0x7A:
        word.append(UInt8(scalar.value) - 0x20)
        inWord = true
      case 0x30...0x39, 0x41...0x5A, 0x2D:
        word.append(UInt8(scalar.value))
        inWord = true
      case 0x00..<0x80: endWord()
      default:
        let properties = scalar.properties
        if properties.isGraphemeExtend || properties.generalCategory == .spacingMark {
          // Part of the character before it: a letter with an accent is no ASCII letter,
          // a separator with one is still a separator, and so is a hyphen with one.
          if previous == 0x2D, inWord {
            word.removeLast()
            endWord()
          } else if inWord {
            ascii = false
          }
        } else if properties.isAlphabetic || properties.numericType != nil {
          inWord = true
          ascii = false
        } else {
          endWord()
        }
      }
    }
    endWord()
    return ids
  }

  private static let shortestRecordID =
    StatementID.Series.allCases.map {
      StatementID.make(series: $0, year: 1000, sequence: 1).utf8.count
    }
    .min() ?? 0

  /// The recorded statement that `statement` answers, by, in this order: its In-Reply-To /
  /// References Message-IDs (a statement's own, or one of the mails sent about it); its
  /// "Response to" identifier against other statements' own identifiers; its title (or the
  /// "Response to" text) against other statements' titles. The statement itself (same
  /// Message-ID) is never its own original.
  public func findOriginal(for statement: ExtractedStatement) throws(StoreError) -> String? {
    let selfKey = statement.messageID.flatMap(MessageIDKey.normalise)
    var references = statement.inReplyTo.compactMap(MessageIDKey.normalise)
    if let target = statement.inResponseTo, target.contains("@"),
      let key = MessageIDKey.normalise(target)
    {
      references.append(key)
    }
    references = references.filter { $0 != selfKey }
    return try read("find the statement answered") { db -> String? in
      // The last reference is the closest ancestor: try the list from its end.
      for key in references.reversed() {
        if let id = try String.fetchOne(
          db, sql: "SELECT id FROM statement WHERE message_id_key = ? ORDER BY number DESC LIMIT 1",
          arguments: [key])
        {
          return id
        }
        if let id = try Self.statementOfOwnMail(db, key: key) {
          return id
        }
      }
      // Newest first, as a person would pick: the latest statement with that identifier.
      func newest(_ condition: String, _ key: String) throws -> String? {
        try String.fetchOne(
          db,
          sql: """
            SELECT statement.id FROM response_key
            JOIN statement ON statement.number = response_key.number
            WHERE \(condition) AND statement.kind = 'statement'
              AND (? IS NULL OR statement.message_id_key IS NOT ?)
            ORDER BY response_key.number DESC LIMIT 1
            """, arguments: [key, selfKey, selfKey])
      }
      if let target = ResponseMatcher.targetIdentifier(of: statement) {
        if let id = try newest("response_key.kind = 'identifier' AND response_key.key = ?", target)
        {
          return id
        }
        // "ITU-T SG15 LS 123" names the identifier "sg15ls123" inside longer text.
        if let id = try newest(
          """
          response_key.kind = 'identifier' AND instr(?, response_key.key) > 0
            AND length(response_key.key) >= \(ResponseMatcher.minimumContainedIdentifier)
          """, target)
        {
          return id
        }
      }
      for title in ResponseMatcher.targetTitles(of: statement) {
        if let id = try newest("response_key.kind = 'title' AND response_key.key = ?", title) {
          return id
        }
      }
      return nil
    }
  }

  /// The newest of liaisond's own mails of one of `kinds` (the outbox's `kind`) whose
  /// Message-ID is among `messageIDs`, the closest reference (the last) first; mail about a
  /// statement before mail about none. Only the outbox is asked, never the statements' own
  /// Message-IDs: a mail naming another body's statement may be a statement itself.
  public func ownMail(amongMessageIDs messageIDs: [String], kinds: [String]) throws(StoreError)
    -> OwnMail?
  {
    let keys = messageIDs.compactMap(MessageIDKey.normalise)
    guard !keys.isEmpty, !kinds.isEmpty else { return nil }
    return try read("find liaisond's own mail") { db -> OwnMail? in
      for key in keys.reversed() {
        if let row = try Row.fetchOne(
          try db.cachedStatement(
            sql: """
              SELECT statement_id FROM outbox
              WHERE message_id_key = ? AND kind IN (\(databaseQuestionMarks(count: kinds.count)))
              ORDER BY statement_id IS NULL, id DESC LIMIT 1
              """), arguments: StatementArguments([key] + kinds))
        {
          return OwnMail(statementID: row["statement_id"])
        }
      }
      return nil
    }
  }

  /// The statement the newest outbox mail with Message-ID `key` was about.
  static func statementOfOwnMail(_ db: Database, key: String) throws -> String? {
    try String.fetchOne(
      try db.cachedStatement(
        sql: """
          SELECT statement_id FROM outbox
          WHERE message_id_key = ? AND statement_id IS NOT NULL ORDER BY id DESC LIMIT 1
          """), arguments: [key])
  }

  /// Records the keys `findOriginal` looks a statement up by (see `ResponseMatcher`).
  static func insertResponseKeys(
    _ db: Database, number: Int64, title: String?, identifiers: [String]
  ) throws {
    let keys = ResponseMatcher.keys(title: title, identifiers: identifiers)
    let rows =
      keys.identifiers.map { ("identifier", $0) } + (keys.title.map { [("title", $0)] } ?? [])
    for (kind, key) in rows {
      try db.cachedStatement(sql: "INSERT INTO response_key (number, kind, key) VALUES (?, ?, ?)")
        .execute(arguments: [number, kind, key])
    }
  }
}
