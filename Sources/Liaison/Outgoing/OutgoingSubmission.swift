/// A statement the IETF means to send, as its submitter wrote it to `LOCAL+new@DOMAIN`
/// (SPEC.md, "What goes out"): labelled fields, a blank line, the text, and attachments.
///
/// Only what the text says; whether it may go (a known group, a known body, a role for the
/// submitter) is `SubmissionValidator`'s question in Routing.
public struct OutgoingSubmission: Hashable, Sendable {
  public var title: String?
  /// The IETF group it speaks for, as written (`IETF CCAMP WG`, `ccamp`, `IAB`).
  public var fromGroup: String?
  /// The receiving body, as written (`ITU-T SG15`).
  public var toBody: String?
  /// Where it goes, when not to the registry's address for the body.
  public var sendTo: [String]
  public var purpose: Purpose?
  /// The purpose as written, kept when it names no known purpose.
  public var purposeText: String?
  /// ISO date.
  public var deadline: String?
  /// The deadline as written, kept when it is no date.
  public var deadlineText: String?
  public var cc: [String]
  public var technicalContacts: [String]
  /// An earlier statement's id (`LS-2026-0042`) or the other body's reference.
  public var inResponseTo: String?
  /// The statement text after the fields.
  public var text: String
  public var attachments: [AttachmentInfo]
  /// Labels the parser did not know, and values it could not read (addresses, dates).
  public var unreadable: [SubmissionProblem]

  public init(
    title: String? = nil, fromGroup: String? = nil, toBody: String? = nil, sendTo: [String] = [],
    purpose: Purpose? = nil, purposeText: String? = nil, deadline: String? = nil,
    deadlineText: String? = nil, cc: [String] = [], technicalContacts: [String] = [],
    inResponseTo: String? = nil, text: String = "", attachments: [AttachmentInfo] = [],
    unreadable: [SubmissionProblem] = []
  ) {
    self.title = title
    self.fromGroup = fromGroup
    self.toBody = toBody
    self.sendTo = sendTo
    self.purpose = purpose
    self.purposeText = purposeText
    self.deadline = deadline
    self.deadlineText = deadlineText
    self.cc = cc
    self.technicalContacts = technicalContacts
    self.inResponseTo = inResponseTo
    self.text = text
    self.attachments = attachments
    self.unreadable = unreadable
  }
}
