import Liaison
import Mustache
import Testing

@testable import Web

/// The views answer the templates' lookups by a hand-written switch (`MustacheParent`), not
/// by `Mirror`. A property left out of the switch renders empty without an error: the
/// direction badge, the list's Direction column and the "Says it answers" label once did.
/// Here `Mirror` lists every stored property, and each must answer by its name.
@Suite("Every view property answers the templates by name")
struct MustacheLookupTests {
  static func unanswered(_ view: some MustacheParent) -> [String] {
    Mirror(reflecting: view).children.compactMap { child in
      guard let label = child.label else { return nil }
      // A nil optional answers nil either way.
      let mirror = Mirror(reflecting: child.value)
      if mirror.displayStyle == .optional, mirror.children.isEmpty { return nil }
      return view.child(named: label) == nil ? label : nil
    }
  }

  @Test("the statement page, its rows, links, fields, route, attachments and events")
  func statementPageViews() {
    var related: [String: StatementRecord] = [:]
    for record in WebFixtures.all { related[record.id] = record }
    let chrome = PageChrome(siteTitle: "Liaison statements", pageTitle: "t")
    #expect(Self.unanswered(chrome).isEmpty)
    for record in WebFixtures.all {
      let page = StatementPageView(
        record: record, related: related, chrome: chrome, today: WebFixtures.today)
      #expect(Self.unanswered(page).isEmpty, "\(record.id)")
      #expect(Self.unanswered(page.route).isEmpty)
      for link in page.responses + (page.answers.map { [$0] } ?? []) {
        #expect(Self.unanswered(link).isEmpty, "\(record.id)")
      }
      for field in page.fields { #expect(Self.unanswered(field).isEmpty) }
      for attachment in page.attachments { #expect(Self.unanswered(attachment).isEmpty) }
      for event in page.events { #expect(Self.unanswered(event).isEmpty) }
      #expect(
        Self.unanswered(StatementRowView(record, today: WebFixtures.today)).isEmpty, "\(record.id)")
    }
  }

  @Test("a link's relation is among what it answers")
  func linkRelation() {
    let link = LinkView(
      id: "LS-2026-0001", href: "/ls/LS-2026-0001", title: "t", relation: "Says it answers")
    #expect(link.child(named: "relation") as? String == "Says it answers")
    #expect(Self.unanswered(link).isEmpty)
  }
}
