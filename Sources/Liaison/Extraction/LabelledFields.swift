/// The liaison metadata one text (a body, an HTML part, an attached document) states
/// with its own labels. Empty arrays and nil mean "this text does not say".
public struct LabelledFields: Hashable, Sendable {
  public var title: String?
  public var from: [String] = []
  public var fromContacts: [String] = []
  public var sendReplyTo: String?
  public var to: [String] = []
  public var toContacts: [String] = []
  public var sendTo: String?
  public var cc: [String] = []
  public var purpose: Purpose?
  public var deadline: String?
  public var deadlineText: String?
  public var inResponseTo: String?
  public var otherIdentifiers: [String] = []
  /// The text is a datatracker "New Liaison Statement" notice.
  public var isDatatrackerNotice = false
  /// How many distinct liaison labels the text carries: evidence that it is a statement.
  public var labelCount = 0

  public init() {}

  /// The text names the statement's essentials (title, bodies or purpose) itself.
  public var looksLikeStatement: Bool {
    isDatatrackerNotice || labelCount >= 3
      || (labelCount >= 2 && (title != nil || purpose != nil) && (!from.isEmpty || !to.isEmpty))
  }
}
