import Foundation
import Liaison
import Routing
import Store
import Testing

@testable import Workflow

/// SPEC.md "What goes out": who the gateway may mail, as a table, then the same rule where
/// the process queues mail.
@Suite struct OutboundPolicyTests {
  static let configuration = ProcessConfiguration(
    gatewayAddress: "liaison-coordination@iab.org", iabContact: "iab-liaisons@iab.org",
    outsideRecipientDailyLimit: 10)
  let policy = OutboundPolicy(registry: RoutingRegistry.embedded, configuration: configuration)

  /// A statement whose sender typed `ls-contact@sdo.example` (not in the registry) as Send Reply To.
  static func about(
    _ kind: MailKind, sender: SenderAuthentication? = nil,
    from: [String] = ["rapporteur@itu.int"]
  ) -> OutboundPolicy.Context {
    OutboundPolicy.Context(
      kind: kind, statementContacts: Set(["ls-contact@sdo.example", "ls@etsi.example"] + from),
      senderAddresses: from, sender: sender)
  }

  static let passed = SenderAuthentication(result: .pass, method: .dmarc, domain: "itu.int")

  struct Case: CustomTestStringConvertible, Sendable {
    var name: String
    var kind: MailKind
    var address: String
    var sender: SenderAuthentication?
    var sentToday: Int
    var expected: String
    var testDescription: String { name }
  }

  static let table: [Case] = [
    Case(
      name: "a registry role alias", kind: .notification, address: "ccamp-chairs@ietf.org",
      sender: nil, sentToday: 0, expected: "send"),
    Case(
      name: "a registry address is never capped", kind: .notification,
      address: "ccamp-chairs@ietf.org", sender: nil, sentToday: 500, expected: "send"),
    Case(
      name: "a body's address the registry lists", kind: .relay, address: "tsbsg15@itu.int",
      sender: nil, sentToday: 500, expected: "send"),
    Case(
      name: "the configured IAB contact", kind: .digest, address: "iab-liaisons@iab.org",
      sender: nil, sentToday: 500, expected: "send"),
    Case(
      name: "the statement's Send Reply To", kind: .relay, address: "LS-Contact@SDO.example",
      sender: nil, sentToday: 0, expected: "send"),
    Case(
      name: "the statement's Send To", kind: .relay, address: "ls@etsi.example", sender: nil,
      sentToday: 9, expected: "send"),
    Case(
      name: "the Send Reply To over the daily cap", kind: .relay, address: "ls-contact@sdo.example",
      sender: nil, sentToday: 10, expected: "hold"),
    Case(
      name: "a stranger's typed address", kind: .relay, address: "victim@example.net",
      sender: nil, sentToday: 0, expected: "refuse"),
    Case(
      name: "a stranger's address in a notification", kind: .notification,
      address: "victim@example.net", sender: passed, sentToday: 0, expected: "refuse"),
    Case(
      name: "an acknowledgement to an unauthenticated From", kind: .acknowledgement,
      address: "rapporteur@itu.int", sender: .unauthenticated, sentToday: 0, expected: "refuse"),
    Case(
      name: "an acknowledgement after a DMARC failure", kind: .acknowledgement,
      address: "rapporteur@itu.int",
      sender: SenderAuthentication(result: .fail, method: .dmarc, domain: "itu.int"),
      sentToday: 0, expected: "refuse"),
    Case(
      name: "an acknowledgement to an authenticated From", kind: .acknowledgement,
      address: "rapporteur@itu.int", sender: passed, sentToday: 0, expected: "send"),
    Case(
      name: "an authenticated From over the daily cap", kind: .acknowledgement,
      address: "rapporteur@itu.int", sender: passed, sentToday: 10, expected: "hold"),
    Case(
      name: "an acknowledgement to the Send Reply To, not the From", kind: .acknowledgement,
      address: "ls-contact@sdo.example", sender: passed, sentToday: 0, expected: "refuse"),
  ]

  @Test(arguments: table) func decides(_ row: Case) {
    let decision = policy.decide(
      row.address, context: Self.about(row.kind, sender: row.sender)
    ) { _ in row.sentToday }
    switch decision {
    case .send: #expect(row.expected == "send", "\(row.name): sent")
    case .hold(let reason):
      #expect(row.expected == "hold", "\(row.name): held (\(reason))")
      #expect(reason.contains("10"))
    case .refuse(let reason):
      #expect(row.expected == "refuse", "\(row.name): refused (\(reason))")
      #expect(!reason.isEmpty)
    }
  }

  /// A From in another domain than the one the MTA vouched for is not an authenticated From.
  @Test func onlyTheAuthenticatedDomainIsAnAuthenticatedFrom() {
    let context = Self.about(
      .acknowledgement, sender: Self.passed, from: ["victim@example.net", "rapporteur@itu.int"])
    #expect(context.authenticatedFrom == ["rapporteur@itu.int"])
    let decision = policy.decide("victim@example.net", context: context) { _ in 0 }
    #expect(decision != .send)
  }

  /// A forward by an authenticated role holder: its acknowledgement may reach the original
  /// sender `AcknowledgementPolicy` named, under the daily cap; no other outside address.
  @Test func aForwardsAcknowledgementReachesTheOriginalOnly() {
    let chair = SenderAuthentication(result: .pass, method: .dkim, domain: "ietf.org")
    var context = Self.about(.acknowledgement, sender: chair, from: ["ccamp-chairs@ietf.org"])
    context.statementContacts.insert("ls-contact@sdo.example")
    #expect(policy.decide("ls-contact@sdo.example", context: context) { _ in 0 } != .send)
    context.forwardedOriginal = "ls-contact@sdo.example"
    #expect(policy.decide("ls-contact@sdo.example", context: context) { _ in 0 } == .send)
    #expect(policy.decide("ccamp-chairs@ietf.org", context: context) { _ in 0 } == .send)
    #expect(policy.decide("ls@etsi.example", context: context) { _ in 0 } != .send)
    guard
      case .hold = policy.decide("ls-contact@sdo.example", context: context, sentToday: { _ in 10 })
    else {
      Issue.record("the daily cap did not apply to the original sender")
      return
    }
  }

  /// Mail after mail to one outside address: the eleventh of the day is held, while a
  /// registry address in the same mails goes every time.
  @Test func theEleventhMailOfADayIsHeld() {
    var counts: [String: Int] = [:]
    var outcomes: [OutboundPolicy.Decision] = []
    for _ in 1...11 {
      for address in ["ls-contact@sdo.example", "ccamp-chairs@ietf.org"] {
        let decision = policy.decide(address, context: Self.about(.relay)) { counts[$0] ?? 0 }
        if decision == .send { counts[address, default: 0] += 1 }
        if address == "ls-contact@sdo.example" { outcomes.append(decision) }
      }
    }
    #expect(outcomes.prefix(10).allSatisfy { $0 == .send })
    guard case .hold = outcomes[10] else {
      Issue.record("the 11th mail was \(outcomes[10])")
      return
    }
    #expect(counts == ["ls-contact@sdo.example": 10, "ccamp-chairs@ietf.org": 11])
  }
}

/// The policy where the process queues mail: against a real store and the injected clock.
@Suite struct OutboundBoundsProcessTests {
  static let gateway = "liaison-coordination@iab.example"
  static let victim = "victim@example.net"
  let store: LiaisonStore
  let clock = TestClock(now: LiaisonProcessTests.received)
  let process: LiaisonProcess

  init() throws {
    store = try LiaisonStore.temporary()
    let configuration = ProcessConfiguration(
      gatewayAddress: Self.gateway, publicURL: "https://liaisons.example.org",
      iabContact: LiaisonProcessTests.iab, acknowledgementLimit: 100,
      outsideRecipientDailyLimit: 3)
    let router = StatementRouter(
      registry: RoutingRegistry.embedded,
      options: .init(
        gatewayAddresses: configuration.gatewayAddresses, iabContact: LiaisonProcessTests.iab))
    process = LiaisonProcess(
      store: store, router: router, configuration: configuration, clock: clock)
  }

  func forged() throws -> String {
    var statement = LiaisonProcessTests.statement(
      purpose: .information, deadline: nil, sendReplyTo: Self.victim)
    statement.title = "LS \(UUID().uuidString)"
    // Forged: no trusted Authentication-Results (this process trusts no authserv-id).
    return try LiaisonProcessTests.record(statement, in: store, authenticated: false)
  }

  func acknowledgements(_ status: OutboxStatus) throws -> Int {
    let counts = try store.outboxCounts()
    switch status {
    case .held: return counts.held
    case .refused: return counts.refused
    default:
      return try store.dueOutbox(now: .distantFuture, limit: 1000)
        .filter { $0.mail.kind == "acknowledgement" }.count
    }
  }

  /// Mail to an address outside the registry (here a statement's Send Reply To) falls
  /// under the cap: three a day to the victim, the rest held; the notifications to the
  /// registry all go. The next UTC day counts anew.
  @Test func theCapHoldsTheRestAndTheNextDayCountsAnew() throws {
    func toVictim(_ id: String) throws {
      _ = try process.enqueue(
        [
          PlannedMail(
            kind: .relay, statementID: id, dedupeKey: "reply:\(id)", to: [Self.victim],
            subject: "Response to \(id)", body: "Text.")
        ], now: clock.now())
    }
    func count(_ status: OutboxStatus) throws -> Int {
      let counts = try store.outboxCounts()
      return status == .held ? counts.held : counts.queued
    }
    for _ in 1...5 {
      let id = try forged()
      try process.handleRecorded(id: id, now: clock.now())
      try toVictim(id)
    }
    let relays = {
      try self.store.dueOutbox(now: .distantFuture, limit: 1000)
        .filter { $0.mail.kind == "reply" }.count
    }
    #expect(try relays() == 3)
    #expect(try count(.held) == 2)
    let notifications = try store.dueOutbox(now: .distantFuture, limit: 1000)
      .filter { $0.mail.kind == "notification" }
    #expect(notifications.count == 5)
    let held = try store.withheldMail(limit: 10)
    #expect(held.allSatisfy { $0.recipients == [Self.victim] && $0.status == .held })
    #expect(held.allSatisfy { $0.kind == "reply" && !$0.subject.isEmpty })

    clock.set(clock.now().addingTimeInterval(86_400))
    let next = try forged()
    try process.handleRecorded(id: next, now: clock.now())
    try toVictim(next)
    #expect(try relays() == 4)
    #expect(try count(.held) == 2)
  }

  /// `enqueue` reads each statement once for all its mails; a mail is still bounded by its
  /// own statement: within one call, a mail to the victim about a statement that does not
  /// name it is refused, between two that go to it about one that does.
  @Test func eachMailIsBoundedByItsOwnStatementWithinOneEnqueue() throws {
    let naming = try forged()
    var other = LiaisonProcessTests.statement(
      purpose: .information, deadline: nil, sendReplyTo: "someone@sdo.example")
    other.title = "LS \(UUID().uuidString)"
    let silent = try LiaisonProcessTests.record(other, in: store, authenticated: false)
    func relay(_ id: String, _ key: String) -> PlannedMail {
      PlannedMail(
        kind: .relay, statementID: id, dedupeKey: key, to: [Self.victim],
        subject: "Response to \(id)", body: "Text.")
    }
    let queued = try process.enqueue(
      [relay(naming, "a"), relay(silent, "b"), relay(naming, "c")], now: clock.now())
    #expect(queued.map(\.dedupeKey) == ["a", "c"])
    #expect(try store.outboxCounts().refused == 1)
    let refused = try store.withheldMail(limit: 10)
    #expect(refused.map(\.statementID) == [silent])
  }

  /// A mail whose key is already in the outbox was decided when it was queued (a replay
  /// after a crash): it is not counted against its own cap, and nothing is held for it.
  @Test func aReplayIsNotCountedAgainstItsOwnCap() throws {
    let ids = try (1...3).map { _ in try forged() }
    // Three mails to the victim, a statement's Send Reply To: allowed, and the cap (3) is
    // reached.
    for id in ids {
      _ = try process.enqueue(
        [
          PlannedMail(
            kind: .relay, statementID: id, dedupeKey: "reply:\(id)", to: [Self.victim],
            subject: "Response", body: "Text.")
        ], now: clock.now())
    }
    #expect(try store.outboxCounts().held == 0)
    let replay = PlannedMail(
      kind: .relay, statementID: ids[0], dedupeKey: "reply:\(ids[0])", to: [Self.victim],
      subject: "Response", body: "Text.")
    #expect(try process.withinOutboundBounds(replay) == replay)
    #expect(try store.outboxCounts().held == 0)
    var fresh = replay
    fresh.dedupeKey = "reply:\(ids[0]):again"
    #expect(try process.withinOutboundBounds(fresh) == nil)
    #expect(try store.outboxCounts().held == 1)
  }

}
