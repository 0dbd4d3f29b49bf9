extension PageTemplates {
  /// `/iab`'s section of messages intake could not finish.
  static let intakeFailures = #"""
    <section id="intake-failures" aria-labelledby="h-intake-failures">
    <h2 id="h-intake-failures">Failed in intake <span class="count">{{count}}</span></h2>
    <p class="explain">Messages the gateway recorded but could not process (nothing more was sent for them), or gave up on after repeated failures and quarantined. Other mail went on.</p>
    {{#hasRows}}
    <div class="table-wrap">
    <table class="statements intake-failures">
    <thead>
    <tr><th scope="col">Date</th><th scope="col">Statement</th><th scope="col">State</th><th scope="col">Attempts</th><th scope="col">Reason</th><th scope="col">Origin</th></tr>
    </thead>
    <tbody>
    {{#rows}}
    <tr>
    <td class="c-date" data-label="Date"><span>{{date}}</span></td>
    <td data-label="Statement"><span>{{#statementID}}{{statementID}}{{/statementID}}{{^statementID}}<span class="none">—</span>{{/statementID}}</span></td>
    <td data-label="State"><span>{{state}}</span></td>
    <td data-label="Attempts"><span>{{attempts}}</span></td>
    <td class="c-title" data-label="Reason"><span class="reason">{{reason}}</span></td>
    <td data-label="Origin"><span>{{origin}}</span></td>
    </tr>
    {{/rows}}
    </tbody>
    </table>
    </div>
    {{/hasRows}}
    {{^hasRows}}<p class="none">None.</p>{{/hasRows}}
    </section>

    """#
}
