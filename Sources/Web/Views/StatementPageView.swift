import Foundation
import Liaison

/// `/ls/{id}`: every recorded field with its provenance, the text, the attachments, the
/// related statements and the history.
struct StatementPageView: Sendable {
  var chrome: PageChrome
  var id: String
  var title: String
  var kind: String
  var state: String
  var stateClass: String
  var purpose: String
  /// "Incoming, received by the IETF" or "Outgoing, sent by the IETF".
  var direction: String
  var received: String
  /// "Received", or "Submitted" for one of ours.
  var receivedLabel: String
  var overdue: Bool
  var fields: [FieldView]
  var route: RouteView
  var attachments: [AttachmentView]
  var hasAttachments: Bool
  var flaggedAttachments: Bool
  var body: String?
  var answers: LinkView?
  var inResponseTo: String?
  var responses: [LinkView]
  var hasRelated: Bool
  var events: [EventView]
  var defects: [String]
  var hasDefects: Bool
  /// Nil for a statement imported from the datatracker: liaisond never had its mail.
  var rawHref: String?
  var jsonHref: String

  /// `related` holds the statements this one answers or is answered by, when found.
  init(
    record: StatementRecord, related: [String: StatementRecord], chrome: PageChrome, today: String
  ) {
    let s = record.statement
    let base = "/ls/" + URLEncoding.pathSegment(record.id)
    self.chrome = chrome
    id = record.id
    title = StatementRowView.title(of: record)
    kind = Labels.kind(s.kind)
    state = Labels.state(record.state)
    stateClass = Labels.stateClass(record.state)
    purpose = Labels.purpose(s.purpose)
    direction = Labels.directionLong(s.direction)
    received = Timestamp.display(record.receivedAt)
    receivedLabel = Labels.arrival(s.direction)
    overdue = ResponseRule.isOverdue(record, today: today)

    func field(_ label: String, _ key: String, _ values: [String]) -> FieldView {
      FieldView(label: label, values: values, source: Labels.source(s.sources[key]))
    }
    var deadline: [String] = []
    if let d = s.deadline { deadline.append(d) }
    if let text = s.deadlineText, text != s.deadline { deadline.append("as written: " + text) }
    let imported = record.events.contains { $0.kind == .imported }
    fields = [
      field("Title", "title", s.title.map { [$0] } ?? []),
      field("From", "from", s.from),
      field("From contacts", "from_contacts", s.fromContacts),
      field("Send reply to", "send_reply_to", s.sendReplyTo.map { [$0] } ?? []),
      field("To", "to", s.to),
      field("To contacts", "to_contacts", s.toContacts),
      field("Send to", "send_to", s.sendTo.map { [$0] } ?? []),
      field("Cc", "cc", s.cc),
      field("Purpose", "purpose", s.purpose.map { [Labels.purpose($0)] } ?? []),
      field("Deadline", "deadline", deadline),
      field("In response to", "in_response_to", s.inResponseTo.map { [$0] } ?? []),
      field("Their references", "other_identifiers", s.otherIdentifiers),
      field("Kind", "kind", [Labels.kind(s.kind)]),
      FieldView(label: "Direction", values: [direction], source: nil),
      FieldView(
        label: "Sender",
        values: [imported ? Labels.importedSender : Labels.authentication(s.authentication)],
        source: nil),
      field("Message-ID", "message_id", s.messageID.map { [$0] } ?? []),
    ]
    if let forward = s.forwarded {
      fields.append(
        FieldView(label: "Forwarded by", values: Labels.forwarding(forward), source: nil))
    }
    fields += [
      field(Labels.arrival(s.direction), "received_at", [Timestamp.display(record.receivedAt)])
    ]
    route = RouteView(
      groups: s.route.groups, recipients: s.route.recipients,
      reason: s.route.reason.isEmpty ? nil : s.route.reason, misdirected: s.route.misdirected)

    let flagged = AttachmentPolicy.proprietaryWithoutReadableVersion(s.attachments)
    attachments = s.attachments.enumerated().map { index, info in
      AttachmentView(
        filename: info.filename.isEmpty ? "attachment-\(index + 1)" : info.filename,
        href: base + "/attachments/\(index)", contentType: info.contentType,
        size: Labels.size(info.size), sha256: info.sha256, proprietary: flagged.contains(index))
    }
    hasAttachments = !attachments.isEmpty
    flaggedAttachments = !flagged.isEmpty
    body = s.body.flatMap { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : $0 }

    func link(_ id: String, _ relation: String) -> LinkView {
      LinkView(
        id: id, href: "/ls/" + URLEncoding.pathSegment(id),
        title: related[id].map(StatementRowView.title(of:)) ?? id, relation: relation)
    }
    // An answer that only names our id or title is linked but not believed: it "says".
    func unverified(_ response: StatementRecord?) -> Bool {
      response?.events.contains { $0.kind == .unverifiedAnswer } == true
    }
    answers = record.answers.map { link($0, unverified(record) ? "Says it answers" : "Answers") }
    inResponseTo = s.inResponseTo
    responses = record.responses.map {
      link($0, unverified(related[$0]) ? "Says it answers this" : "Answered by")
    }
    hasRelated = answers != nil || !responses.isEmpty || inResponseTo != nil
    events = record.events.map {
      EventView(at: Timestamp.display($0.at), kind: Labels.event($0.kind), detail: $0.detail)
    }
    defects = s.defects
    hasDefects = !s.defects.isEmpty
    rawHref = imported ? nil : base + "/raw"
    jsonHref = "/api/statements/" + URLEncoding.pathSegment(record.id)
  }
}
