extension CommandAddresses {
  /// `record` as the public reads it: every command address in its texts cut, wherever a
  /// statement's sender (or a forwarded thread) wrote one: the title, the body or statement
  /// document's text, the labelled fields, attachment names, defects and the history.
  public func redact(_ record: StatementRecord) -> StatementRecord {
    let one = { (text: String) in self.redact(text) }
    let many = { (texts: [String]) in texts.map(one) }
    var redacted = record
    var s = record.statement
    s.title = s.title.map(one)
    s.from = many(s.from)
    s.fromContacts = many(s.fromContacts)
    s.sendReplyTo = s.sendReplyTo.map(one)
    s.to = many(s.to)
    s.toContacts = many(s.toContacts)
    s.sendTo = s.sendTo.map(one)
    s.cc = many(s.cc)
    s.deadlineText = s.deadlineText.map(one)
    s.inResponseTo = s.inResponseTo.map(one)
    s.otherIdentifiers = many(s.otherIdentifiers)
    s.body = s.body.map(one)
    s.messageID = s.messageID.map(one)
    s.inReplyTo = many(s.inReplyTo)
    s.defects = many(s.defects)
    s.route.reason = one(s.route.reason)
    for index in s.attachments.indices {
      s.attachments[index].filename = one(s.attachments[index].filename)
    }
    redacted.statement = s
    for index in redacted.events.indices {
      redacted.events[index].detail = one(redacted.events[index].detail)
    }
    return redacted
  }
}
