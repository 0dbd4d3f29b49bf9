extension PageTemplates {
  /// `/iab`'s section of mail the outbound policy held back or refused.
  static let withheld = #"""
    <section id="withheld" aria-labelledby="h-withheld">
    <h2 id="h-withheld">Held back or refused mail <span class="count">{{count}}</span></h2>
    <p class="explain">Mail the gateway did not send: held over the daily limit to one address outside the registry, or refused because the address is not one it may mail.</p>
    {{#hasRows}}
    <div class="table-wrap">
    <table class="statements withheld">
    <thead>
    <tr><th scope="col">Kind</th><th scope="col">Date</th><th scope="col">Recipient</th><th scope="col">Subject</th><th scope="col">Statement</th><th scope="col">State</th></tr>
    </thead>
    <tbody>
    {{#rows}}
    <tr>
    <td data-label="Kind"><span>{{kind}}</span></td>
    <td class="c-date" data-label="Date"><span>{{date}}</span></td>
    <td data-label="Recipient"><span>{{recipients}}</span></td>
    <td class="c-title" data-label="Subject"><span>{{subject}}</span><span class="reason">{{reason}}</span></td>
    <td data-label="Statement"><span>{{#statementID}}{{statementID}}{{/statementID}}{{^statementID}}<span class="none">—</span>{{/statementID}}</span></td>
    <td data-label="State"><span><span class="state state-{{stateClass}}">{{state}}</span></span></td>
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
