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

  public init(outcomes: [(recipient: MailAddress, outcome: Outcome)]) {
    self.outcomes = outcomes
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
