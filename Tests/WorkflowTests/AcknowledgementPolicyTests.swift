import Liaison
import Testing

@testable import Workflow

@Suite struct AcknowledgementPolicyTests {
  let policy = AcknowledgementPolicy(
    configuration: ProcessConfiguration(gatewayAddress: "liaison-coordination@iab.org"),
    isKnownList: { $0 == "ccamp@ietf.org" })

  func info(sendReplyTo: String? = "tsbsg15@itu.int", from: [String] = ["rapporteur@example.org"])
    -> ExtractedStatement
  {
    ExtractedStatement(
      title: "LS on OTN", from: ["ITU-T SG15"], fromContacts: from, sendReplyTo: sendReplyTo,
      to: ["IETF CCAMP WG"],
      purpose: .information, messageID: "<ls1@itu.int>")
  }

  let fresh: (String) -> AcknowledgementPolicy.History = { _ in
    .init(alreadyAcknowledged: false, recentToRecipient: 0)
  }

  let sender = "rapporteur@example.org"

  /// Only the authenticated From, whatever Send Reply To the text names.
  @Test func informationIsAcknowledgedToTheAuthenticatedFromOnly() {
    #expect(
      policy.decide(info(), authenticatedFrom: sender, history: fresh) == .send(to: sender))
    guard case .skip(let reason) = policy.decide(info(), authenticatedFrom: nil, history: fresh)
    else {
      Issue.record("acknowledged an unauthenticated sender")
      return
    }
    #expect(reason.contains("not authenticated"))
  }

  @Test func actionIsNotAcknowledged() {
    var s = info()
    s.purpose = .action
    #expect(
      policy.decide(s, authenticatedFrom: sender, history: fresh) != .send(to: "tsbsg15@itu.int"))
  }

  @Test(arguments: [MessageKind.autoReply, .bounce, .notLiaison, .replyToStatement])
  func automaticMailIsNeverAnswered(kind: MessageKind) {
    var s = info()
    s.kind = kind
    guard case .skip = policy.decide(s, authenticatedFrom: sender, history: fresh) else {
      Issue.record("acknowledged a \(kind)")
      return
    }
  }

  @Test(arguments: [
    "mailer-daemon@itu.int", "postmaster@example.org", "noreply@3gpp.org", "ccamp@ietf.org",
    "sg15-request@itu.int", "owner-list@example.org", "liaison-coordination@iab.org",
    "liaison-coordination+ls-2026-0001@iab.org",
  ])
  func automaticListsAndSelfAreSkipped(address: String) {
    guard
      case .skip = policy.decide(
        info(sendReplyTo: address), authenticatedFrom: address, history: fresh)
    else {
      Issue.record("acknowledged \(address)")
      return
    }
  }

  @Test func ownMailIsNotAcknowledged() {
    var s = info()
    s.messageID = "<notify.ls-2026-0001@iab.org>"
    guard case .skip(let reason) = policy.decide(s, authenticatedFrom: sender, history: fresh)
    else {
      Issue.record("acknowledged its own mail")
      return
    }
    #expect(reason.contains("own mail"))
  }

  @Test func atMostOncePerStatementAndRateLimitedPerSender() {
    let once = policy.decide(info(), authenticatedFrom: sender) { _ in
      .init(alreadyAcknowledged: true, recentToRecipient: 0)
    }
    #expect(once == .skip(reason: "already acknowledged"))
    let limited = policy.decide(info(), authenticatedFrom: sender) { _ in
      .init(alreadyAcknowledged: false, recentToRecipient: 5)
    }
    guard case .skip(let reason) = limited else {
      Issue.record("rate limit ignored")
      return
    }
    #expect(reason.hasPrefix("rate limit"))
  }

  @Test func switchedOff() {
    let off = AcknowledgementPolicy(
      configuration: ProcessConfiguration(acknowledgeInformation: false))
    #expect(off.decide(info(), authenticatedFrom: sender, history: fresh) == .off)
  }

  /// A statement a chair forwarded: the forward is the role holder's act only when the
  /// forwarder is authenticated and holds a role; then the original's Send Reply To is
  /// acknowledged, the forwarder copied (issue 15, the lead's decision).
  @Test func aForwardIsAcknowledgedToTheOriginalOnlyForAnAuthenticatedRoleHolder() {
    let chair = "ccamp-chairs@ietf.org"
    let forwarding = AcknowledgementPolicy(
      configuration: ProcessConfiguration(gatewayAddress: "liaison-coordination@iab.org"),
      holdsRole: { $0 == chair })
    var s = info()
    s.forwarded = Forwarding(by: chair, form: .attached)
    #expect(
      forwarding.decide(s, authenticatedFrom: chair, history: fresh)
        == .send(to: "tsbsg15@itu.int", copy: chair))
    #expect(
      forwarding.forwardedRecipient(s, authenticatedFrom: chair) == .success("tsbsg15@itu.int"))

    // Not authenticated: nothing, not even to the forwarder.
    guard
      case .skip(let unauthenticated) = forwarding.decide(s, authenticatedFrom: nil, history: fresh)
    else {
      Issue.record("acknowledged a forward nobody vouched for")
      return
    }
    #expect(unauthenticated.contains("not authenticated"))
    #expect(forwarding.forwardedRecipient(s, authenticatedFrom: nil) != .success("tsbsg15@itu.int"))

    // Authenticated, holding no role: nothing outside the IETF.
    let stranger = "mallory@attacker.example"
    s.forwarded = Forwarding(by: stranger, form: .inline)
    guard
      case .skip(let roleless) = forwarding.decide(s, authenticatedFrom: stranger, history: fresh)
    else {
      Issue.record("acknowledged a stranger's forward")
      return
    }
    #expect(roleless.contains("holds no role"))

    // The verdict must be on the forwarder's own From.
    s.forwarded = Forwarding(by: chair, form: .attached)
    #expect(
      forwarding.forwardedRecipient(s, authenticatedFrom: stranger) != .success("tsbsg15@itu.int"))

    // The original's Send Reply To passes the usual checks: no list, no automatic address.
    s.sendReplyTo = "noreply@itu.int"
    guard case .skip = forwarding.decide(s, authenticatedFrom: chair, history: fresh) else {
      Issue.record("acknowledged an automatic address")
      return
    }
  }
}
