import MIME

/// What the SMTP server said about each recipient of one mail.
public struct SMTPDeliveryReport: Sendable, Equatable {
  public enum Outcome: Sendable, Equatable {
    /// The server took responsibility for the mail to this recipient.
    case accepted
    /// The server refused this recipient: `reply.isPermanent` (5xx) means never, 4xx later.
    case refused(SMTPReply)
  }

  /// One outcome per envelope recipient, in the order given.
  public var outcomes: [(recipient: MailAddress, outcome: Outcome)]
  /// The server's final reply to the message data, when it took the mail.
  public var dataReply: SMTPReply?

  public init(outcomes: [(recipient: MailAddress, outcome: Outcome)], dataReply: SMTPReply? = nil) {
    self.outcomes = outcomes
    self.dataReply = dataReply
  }

  /// The server's id for the mail, so an operator can follow it in the server's own log.
  /// Read from the usual forms of the final reply: Postfix and aiosmtpd `queued as ID`,
  /// Exim `id=ID`, sendmail `2.0.0 ID Message accepted`. Nil when the reply has none.
  public var queueID: String? { dataReply.flatMap { Self.queueID(in: $0.text) } }

  static func queueID(in text: String) -> String? {
    let words = text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
    func isID(_ word: String) -> Bool {
      !word.isEmpty && word.count <= 64
        && word.unicodeScalars.allSatisfy {
          $0.isASCII
            && ($0.properties.isAlphabetic || $0.properties.numericType != nil
              || "-._@<>".unicodeScalars.contains($0))
        }
    }
    for (index, word) in words.enumerated() {
      let lower = word.lowercased()
      if lower == "as", index > 0, words[index - 1].lowercased() == "queued",
        index + 1 < words.count, isID(words[index + 1])
      {
        return words[index + 1]
      }
      if lower.hasPrefix("id="), isID(String(word.dropFirst(3))) {
        return String(word.dropFirst(3))
      }
    }
    // sendmail: an enhanced status code, the id, then "Message accepted".
    if words.count >= 4, words[0].first?.isNumber == true, words[0].contains("."), isID(words[1]),
      words[2].lowercased() == "message", words[3].lowercased() == "accepted"
    {
      return words[1]
    }
    return nil
  }

  public var accepted: [MailAddress] {
    outcomes.compactMap { $0.outcome == .accepted ? $0.recipient : nil }
  }

  public var refused: [(recipient: MailAddress, reply: SMTPReply)] {
    outcomes.compactMap { item in
      if case .refused(let reply) = item.outcome { return (item.recipient, reply) }
      return nil
    }
  }

  public func outcome(for address: String) -> Outcome? {
    outcomes.first { $0.recipient.address.lowercased() == address.lowercased() }?.outcome
  }

  public static func == (lhs: SMTPDeliveryReport, rhs: SMTPDeliveryReport) -> Bool {
    lhs.outcomes.count == rhs.outcomes.count
      && zip(lhs.outcomes, rhs.outcomes).allSatisfy {
        $0.recipient == $1.recipient && $0.outcome == $1.outcome
      }
  }
}
