extension PageTemplates {
  /// `/iab`'s section of For-Information statements left unacknowledged.
  static let withheldAcknowledgements = #"""
    <section id="acknowledgements-withheld" aria-labelledby="h-acknowledgements-withheld">
    <h2 id="h-acknowledgements-withheld">Acknowledgements withheld <span class="count">{{count}}</span></h2>
    <p class="explain">For-Information statements of the last {{days}} days that were not acknowledged, mostly because the mail server did not vouch for the sender: the Send Reply To they name was not mailed. Many at one address are someone using the gateway against it.</p>
    {{#hasAddresses}}
    <div class="table-wrap">
    <table class="statements acknowledgement-addresses">
    <thead>
    <tr><th scope="col">Send Reply To (not mailed)</th><th scope="col">Statements</th></tr>
    </thead>
    <tbody>
    {{#addresses}}
    <tr>
    <td class="c-from" data-label="Send Reply To"><span class="address">{{address}}</span></td>
    <td data-label="Statements"><span class="count">{{count}}</span></td>
    </tr>
    {{/addresses}}
    </tbody>
    </table>
    </div>
    {{/hasAddresses}}
    {{#hasRows}}
    <div class="table-wrap">
    <table class="statements acknowledgements-withheld">
    <thead>
    <tr><th scope="col">Received</th><th scope="col">Statement</th><th scope="col">Sender</th><th scope="col">Send Reply To (not mailed)</th><th scope="col">Reason</th></tr>
    </thead>
    <tbody>
    {{#rows}}
    <tr>
    <td class="c-date" data-label="Received"><span>{{date}}</span></td>
    <td data-label="Statement"><span class="id">{{statementID}}</span></td>
    <td class="c-from" data-label="Sender"><span>{{sender}}</span></td>
    <td data-label="Send Reply To"><span>{{#sendReplyTo}}{{sendReplyTo}}{{/sendReplyTo}}{{^sendReplyTo}}<span class="none">—</span>{{/sendReplyTo}}</span></td>
    <td class="c-title" data-label="Reason"><span class="reason">{{reason}}</span></td>
    </tr>
    {{/rows}}
    </tbody>
    </table>
    </div>
    {{/hasRows}}
    {{^hasRows}}<p class="none">None.</p>{{/hasRows}}
    {{#more}}<p>{{more}}</p>{{/more}}
    </section>

    """#
}
