import Foundation
import Hummingbird
import Liaison
import Store

/// `/iab`: unrouted, misdirected and overdue statements, and, as text, what the public
/// record leaves out (drafts awaiting approval among it).
struct IABController<Repository: StatementRepository>: Sendable {
  let repository: Repository
  let renderer: PageRenderer
  let commandAddresses: CommandAddresses
  let today: @Sendable () -> String

  /// Statements shown per section; the rest are a link to the filtered list away.
  static var sectionLimit: Int { 100 }
  /// How far back the withheld acknowledgements (and their count per address) reach.
  static var acknowledgementWindowDays: Int { 30 }
  /// Statements of each purpose with a passed deadline examined for the overdue section.
  static var overdueScanLimit: Int { 1000 }

  func addRoutes<Context: RequestContext>(to router: Router<Context>) {
    router.readOnly("/iab") { _, _ in try await overview() }
  }

  func overview() async throws -> Response {
    let day = today()
    var sections: [IABSectionView] = []
    sections.append(
      try await section(
        state: .unrouted, anchor: "unrouted", heading: "Unrouted",
        explanation: "No IETF or IRTF group fits what these statements name: route them by hand.",
        today: day, showReason: true))
    sections.append(
      try await section(
        state: .misdirected, anchor: "misdirected", heading: "Misdirected",
        explanation:
          "Addressed to a group that does not exist or has concluded, or to the wrong body.",
        today: day, showReason: true))

    let outside = try await sentOutsideTheTool()
    sections.append(
      IABSectionView(
        anchor: "outside", heading: "Sent outside the tool",
        explanation:
          "Statements the IETF sent to another body without liaisond, seen as copies to the "
          + "central address: recorded as sent, never acknowledged.",
        rows: outside.map { StatementRowView($0, today: day) }, hasRows: !outside.isEmpty,
        count: Labels.count(outside.count), moreHref: nil, showReason: false, showOverdue: false))

    let (overdue, complete) = try await overdueStatements(today: day)
    sections.append(
      IABSectionView(
        anchor: "overdue", heading: "Overdue",
        explanation: "For action (or comment), deadline passed, and no response recorded.",
        rows: overdue.prefix(Self.sectionLimit).map { StatementRowView($0, today: day) },
        hasRows: !overdue.isEmpty, count: Labels.count(overdue.count),
        moreHref: overdue.count > Self.sectionLimit || !complete
          ? "/?purpose=action&deadline=passed" : nil,
        showReason: false, showOverdue: true))

    let held = try await repository.privateMail(limit: Self.sectionLimit)
    var chrome = renderer.chrome("IAB overview")
    chrome.isIAB = true
    let withheld = WithheldMailSectionView(
      try await repository.withheldOutboundMail(limit: Self.sectionLimit))
    let view = IABPageView(
      chrome: chrome, sections: sections,
      privateMail: held.items.map { PrivateMailRowView($0, commandAddresses: commandAddresses) },
      hasPrivateMail: !held.items.isEmpty, privateMailCount: Labels.count(held.total),
      privateMailMore: held.total > held.items.count
        ? "The newest \(held.items.count) are shown; liaisond list --kind shows the rest." : nil,
      withheld: withheld,
      intakeFailures: IntakeFailureSectionView(
        try await repository.intakeFailures(limit: Self.sectionLimit),
        commandAddresses: commandAddresses),
      withheldAcknowledgements: try await withheldAcknowledgements(today: day))
    return renderer.page(view, template: "iab")
  }

  /// What `ResponseRule` calls overdue today, newest first; `complete` is false when more
  /// statements with a passed deadline exist than were examined.
  private func overdueStatements(today: String) async throws -> (
    [StatementRecord], complete: Bool
  ) {
    var overdue: [StatementRecord] = []
    var complete = true
    for purpose in ResponseRule.purposes {
      let passed = try await repository.publicStatements(
        matching: StatementQuery(
          purpose: purpose, kind: .statement, deadlineBefore: today,
          limit: Self.overdueScanLimit, offset: 0))
      overdue += passed.items.filter { ResponseRule.isOverdue($0, today: today) }
      if passed.total > passed.items.count { complete = false }
    }
    overdue.sort { ($0.receivedAt, $0.id) > ($1.receivedAt, $1.id) }
    return (overdue, complete)
  }

  /// The last `acknowledgementWindowDays` days' unacknowledged statements.
  private func withheldAcknowledgements(today: String) async throws
    -> WithheldAcknowledgementSectionView
  {
    let start = (CalendarDay.date(from: today) ?? Date())
      .addingTimeInterval(-Double(Self.acknowledgementWindowDays) * 86_400)
    return WithheldAcknowledgementSectionView(
      try await repository.withheldAcknowledgements(since: start, limit: Self.sectionLimit),
      days: Self.acknowledgementWindowDays, commandAddresses: commandAddresses)
  }

  /// Outgoing statements whose sending liaisond only saw as a copy, newest first.
  private func sentOutsideTheTool() async throws -> [StatementRecord] {
    let page = try await repository.publicStatements(
      matching: StatementQuery(limit: Self.sectionLimit, offset: 0, direction: .outgoing))
    return page.items.filter { record in
      record.events.contains { $0.kind == .sentOutsideTheTool }
    }
  }

  private func section(
    state: StatementState, anchor: String, heading: String, explanation: String, today: String,
    showReason: Bool
  ) async throws -> IABSectionView {
    let page = try await repository.publicStatements(
      matching: StatementQuery(state: state, limit: Self.sectionLimit, offset: 0))
    return IABSectionView(
      anchor: anchor, heading: heading, explanation: explanation,
      rows: page.items.map { StatementRowView($0, today: today) }, hasRows: !page.items.isEmpty,
      count: Labels.count(page.total),
      moreHref: page.total > page.items.count
        ? "/?" + URLEncoding.query([("state", state.rawValue)]) : nil,
      showReason: showReason, showOverdue: false)
  }
}
