extension PageTemplates {
  /// The statement table, shared by the list and the IAB overview.
  static let rows = #"""
    <div class="table-wrap">
    <table class="statements">
    <thead>
    <tr><th scope="col">Statement</th><th scope="col">From</th><th scope="col">To</th><th scope="col">Purpose</th><th scope="col">Deadline</th><th scope="col">Received</th><th scope="col">Direction</th><th scope="col">State</th></tr>
    </thead>
    <tbody>
    {{#rows}}
    <tr>
    <td class="c-title" data-label="Statement"><a href="{{href}}">{{title}}</a><span class="id">{{id}}</span>{{#showReason}}{{#reason}}<span class="reason">{{reason}}</span>{{/reason}}{{/showReason}}</td>
    <td class="c-from" data-label="From"><span>{{from}}</span></td>
    <td class="c-to" data-label="To"><span>{{to}}</span></td>
    <td class="c-purpose" data-label="Purpose"><span>{{purpose}}</span></td>
    <td class="c-date" data-label="Deadline"><span>{{#deadline}}{{deadline}}{{/deadline}}{{^deadline}}<span class="none">—</span>{{/deadline}}{{#overdue}} <span class="badge overdue">Overdue{{#daysOverdue}} {{daysOverdue}}{{/daysOverdue}}</span>{{/overdue}}</span></td>
    <td class="c-date" data-label="Received"><span>{{received}}</span></td>
    <td class="c-direction" data-label="Direction"><span>{{direction}}</span></td>
    <td data-label="State"><span><span class="state state-{{stateClass}}">{{state}}</span></span></td>
    </tr>
    {{/rows}}
    </tbody>
    </table>
    </div>

    """#

  static let list = #"""
    {{> header}}
    <h1>Liaison statements</h1>
    <form class="filters" role="search" method="get" action="/" aria-label="Search the statements">
    <div class="search-row">
    <label for="q">Search</label>
    <input id="q" name="q" type="search" value="{{form.q}}" placeholder="Title, text or attachment">
    <button type="submit">Search</button>
    </div>
    <details{{#form.isFiltered}} open{{/form.isFiltered}}>
    <summary>Filters</summary>
    <div class="filter-grid">
    <div class="field"><label for="from">From body</label><input id="from" name="from" value="{{form.from}}" placeholder="ITU-T SG15"></div>
    <div class="field"><label for="to">To group</label><input id="to" name="to" value="{{form.to}}" placeholder="ccamp"></div>
    <div class="field"><label for="purpose">Purpose</label><select id="purpose" name="purpose">{{#form.purposeOptions}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/form.purposeOptions}}</select></div>
    <div class="field"><label for="state">State</label><select id="state" name="state">{{#form.stateOptions}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/form.stateOptions}}</select></div>
    <div class="field"><label for="deadline">Deadline</label><select id="deadline" name="deadline">{{#form.deadlineOptions}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/form.deadlineOptions}}</select></div>
    <div class="field"><label for="received_from">Received from</label><input id="received_from" name="received_from" type="date" value="{{form.receivedFrom}}"></div>
    <div class="field"><label for="received_to">Received to</label><input id="received_to" name="received_to" type="date" value="{{form.receivedTo}}"></div>
    </div>
    <div class="actions"><button type="submit">Apply filters</button> <a href="/">Clear all</a></div>
    </details>
    </form>
    {{#notices}}<p class="notice" role="status">{{.}}</p>{{/notices}}
    <p class="summary">{{summary}}</p>
    {{#hasRows}}{{> rows}}{{/hasRows}}
    {{#pageLabel}}
    <nav class="pager" aria-label="Pages">
    {{#previousHref}}<a rel="prev" href="{{previousHref}}">← Newer</a>{{/previousHref}}
    <span>{{pageLabel}}</span>
    {{#nextHref}}<a rel="next" href="{{nextHref}}">Older →</a>{{/nextHref}}
    </nav>
    {{/pageLabel}}
    {{> footer}}
    """#
}
