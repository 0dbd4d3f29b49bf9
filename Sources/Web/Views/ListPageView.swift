/// `/`: the search form, one page of statements, the pager.
struct ListPageView: Sendable {
  var chrome: PageChrome
  var form: FilterFormView
  var notices: [String]
  var rows: [StatementRowView]
  var hasRows: Bool
  var summary: String
  var previousHref: String?
  var nextHref: String?
  var pageLabel: String?

  init(chrome: PageChrome, form: FilterForm, page: StatementListPage, pageSize: Int, today: String)
  {
    self.chrome = chrome
    self.form = form.view
    notices = form.notices
    rows = page.items.map { StatementRowView($0, today: today) }
    hasRows = !rows.isEmpty
    let first = (form.page - 1) * pageSize + 1
    let last = first + page.items.count - 1
    let noun = page.total == 1 ? "statement" : "statements"
    if page.items.isEmpty {
      summary =
        page.total == 0
        ? "No statement matches."
        : "\(Labels.count(page.total)) \(noun); this page is past the end."
    } else {
      summary =
        "\(Labels.count(first))–\(Labels.count(last)) of \(Labels.count(page.total)) \(noun), newest first"
    }
    let pages = max(1, (page.total + pageSize - 1) / pageSize)
    previousHref = form.page > 1 ? form.href(page: min(form.page - 1, pages)) : nil
    nextHref = form.page < pages ? form.href(page: form.page + 1) : nil
    pageLabel = pages > 1 ? "Page \(Labels.count(form.page)) of \(Labels.count(pages))" : nil
  }
}
