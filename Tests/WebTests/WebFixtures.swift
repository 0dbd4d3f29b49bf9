import Liaison

/// Statements covering every page state, and one hostile statement whose every field
/// carries markup, event handlers and control characters.
enum WebFixtures {
  /// The tests' "now": 2026-11-23T12:00:00Z.
  static let today = "2026-11-23"

  static func sha(_ c: Character) -> String { String(repeating: c, count: 64) }

  static let hostileTitle =
    "<script>document.body.setAttribute('data-pwned','1')</script>Hostile \u{1}LS"
  static let hostileFrom =
    "<img src=x onerror=\"document.body.setAttribute('data-pwned','2')\">Evil SDO"
  static let hostileFilename = "\"><img src=x onerror=alert(5)>.pdf"

  static let sg15 = StatementRecord(
    id: "LS-2026-0001",
    statement: ExtractedStatement(
      title: "LS on OTN network slicing", from: ["ITU-T SG15"],
      fromContacts: ["rapporteur@example.org"], sendReplyTo: "tsbsg15@itu.int",
      to: ["IETF CCAMP WG"], toContacts: ["ccamp-chairs@ietf.org"], purpose: .action,
      deadline: "2027-03-01", otherIdentifiers: ["SG15-LS123"],
      attachments: [
        AttachmentInfo(
          filename: "LS-123.pdf", contentType: "application/pdf", size: 12345, sha256: sha("a"))
      ],
      route: RouteDecision(
        groups: ["ccamp"], recipients: ["ccamp-chairs@ietf.org", "rtg-ads@ietf.org"],
        reason: "To names IETF CCAMP WG"),
      body: "Dear colleagues,\n\nSG15 asks CCAMP to comment on OTN slicing.\n\nBest regards",
      messageID: "<ls123@itu.int>",
      sources: [
        "title": .attachment("LS-123.pdf"), "from": .body, "purpose": .body,
        "deadline": .attachment("LS-123.pdf"), "to": .header,
      ]),
    receivedAt: "2026-11-20T09:15:00Z", state: .open,
    events: [
      StatementEvent(at: "2026-11-20T09:15:00Z", kind: .received, detail: "IMAP UID 41"),
      StatementEvent(at: "2026-11-20T09:15:01Z", kind: .routed, detail: "ccamp"),
      StatementEvent(
        at: "2026-11-20T09:15:02Z", kind: .notified,
        detail: "ccamp-chairs@ietf.org, rtg-ads@ietf.org"),
    ],
    responses: ["LS-2026-0006"])

  static let sa2 = StatementRecord(
    id: "LS-2026-0002",
    statement: ExtractedStatement(
      title: "LS on 5G network exposure", from: ["3GPP TSG SA WG2"], to: ["IETF"],
      purpose: .information, otherIdentifiers: ["S2-2609876"],
      attachments: [
        AttachmentInfo(
          filename: "S2-2609876.docx",
          contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
          size: 80_000, sha256: sha("b"))
      ],
      route: RouteDecision(
        groups: ["ops"], recipients: ["ops-ads@ietf.org"], reason: "To names IETF"),
      sources: ["title": .header, "from": .header, "purpose": .attachment("S2-2609876.docx")]),
    receivedAt: "2026-11-18T14:00:00Z", state: .open,
    events: [
      StatementEvent(at: "2026-11-18T14:00:00Z", kind: .received, detail: "IMAP UID 40"),
      StatementEvent(
        at: "2026-11-18T14:00:05Z", kind: .acknowledged, detail: "sent to 3gpp@example.org"),
    ])

  static let ieee = StatementRecord(
    id: "LS-2026-0003",
    statement: ExtractedStatement(
      title: "Liaison on TSN and DetNet alignment", from: ["IEEE 802.1 WG"], to: ["IETF DetNet WG"],
      purpose: .action, deadline: "2026-10-01",
      attachments: [
        AttachmentInfo(
          filename: "ls-tsn.docx", contentType: "application/msword", size: 50_000, sha256: sha("c")
        ),
        AttachmentInfo(
          filename: "ls-tsn.pdf", contentType: "application/pdf", size: 40_000, sha256: sha("d")),
      ],
      route: RouteDecision(
        groups: ["detnet"], recipients: ["detnet-chairs@ietf.org"],
        reason: "To names IETF DetNet WG")),
    receivedAt: "2026-09-01T08:00:00Z", state: .open,
    events: [
      StatementEvent(at: "2026-09-01T08:00:00Z", kind: .received, detail: "IMAP UID 12"),
      StatementEvent(at: "2026-10-08T08:00:00Z", kind: .reminded, detail: "overdue by 7 days"),
    ])

  static let bbf = StatementRecord(
    id: "LS-2026-0004",
    statement: ExtractedStatement(
      title: "Broadband Forum request on YANG models", from: ["Broadband Forum"],
      to: ["IETF FOO WG"],
      purpose: .action, deadline: "2027-01-15",
      route: RouteDecision(reason: "no group in the registry matches 'IETF FOO WG'")),
    receivedAt: "2026-11-21T10:00:00Z", state: .unrouted,
    events: [StatementEvent(at: "2026-11-21T10:00:00Z", kind: .received, detail: "IMAP UID 42")])

  static let etsi = StatementRecord(
    id: "LS-2026-0005",
    statement: ExtractedStatement(
      title: "ETSI ISG NFV on pseudowires", from: ["ETSI ISG NFV"], to: ["IETF PWE3 WG"],
      purpose: .comment,
      route: RouteDecision(
        groups: [], misdirected: true, reason: "concluded group pwe3 (successor pals)")),
    receivedAt: "2026-11-22T16:30:00Z", state: .misdirected,
    events: [StatementEvent(at: "2026-11-22T16:30:00Z", kind: .received, detail: "IMAP UID 43")])

  static let reply = StatementRecord(
    id: "LS-2026-0006",
    statement: ExtractedStatement(
      kind: .replyToStatement, title: "Reply to LS on OTN network slicing", from: ["IETF CCAMP WG"],
      to: ["ITU-T SG15"], purpose: .response, inResponseTo: "SG15-LS123",
      route: RouteDecision(groups: ["ccamp"], reason: "reply to LS-2026-0001"),
      body: "CCAMP thanks SG15 for the statement."),
    receivedAt: "2026-11-22T18:00:00Z", state: .awaitingApproval,
    events: [
      StatementEvent(at: "2026-11-22T18:00:00Z", kind: .received, detail: "reply by a chair")
    ],
    answers: "LS-2026-0001")

  static let hostile = StatementRecord(
    id: "LS-2026-0007",
    statement: ExtractedStatement(
      title: hostileTitle, from: [hostileFrom],
      fromContacts: ["\"><script>alert(6)</script>@example.org"],
      to: ["\"><svg onload=alert(3)>"], purpose: Purpose(rawValue: "<b onclick=alert(7)>x</b>"),
      deadline: nil, deadlineText: "<marquee>soon</marquee>",
      inResponseTo: "<a href=javascript:alert(8)>x</a>",
      attachments: [
        AttachmentInfo(
          filename: hostileFilename, contentType: "text/html", size: 64, sha256: sha("e")),
        AttachmentInfo(
          filename: "../../etc/passwd", contentType: "application/x-evil\r\nX-Injected: 1", size: 9,
          sha256: "../../etc/passwd"),
      ],
      route: RouteDecision(misdirected: true, reason: "<iframe src=javascript:alert(9)></iframe>"),
      body:
        "<script>document.body.setAttribute('data-pwned','3')</script>\n<form action=https://evil.example><button>Go</button></form>",
      sources: ["title": .attachment("<img src=x onerror=alert(10)>")],
      defects: ["<style>body{display:none}</style>"]),
    receivedAt: "2026-11-23T07:00:00Z", state: .misdirected,
    events: [
      StatementEvent(
        at: "2026-11-23T07:00:00Z", kind: EventKind(rawValue: "<script>"),
        detail: "<img src=x onerror=alert(11)>")
    ])

  static let all = [sg15, sa2, ieee, bbf, etsi, reply, hostile]

  static var repository: InMemoryStatementRepository {
    InMemoryStatementRepository(
      records: all,
      rawMessages: [
        sg15.id: Array("From: rapporteur@example.org\r\nSubject: LS on OTN\r\n\r\nBody\r\n".utf8),
        hostile.id: Array(
          "Subject: <script>alert(1)</script>\r\n\r\n<html><script>alert(2)</script>\r\n".utf8),
      ],
      attachments: [
        sha("a"): Array("%PDF-1.4 fixture".utf8), sha("b"): [0x50, 0x4B, 3, 4],
        sha("e"): Array("<script>alert(12)</script>".utf8),
      ])
  }
}
