extension PageTemplates {
  static let iab = #"""
    {{> header}}
    <h1>IAB overview</h1>
    <p class="lead">Statements that need the liaison coordinators' attention.</p>
    <nav class="toc" aria-label="Sections">
    <ul>{{#sections}}<li><a href="#{{anchor}}">{{heading}}</a> <span class="count">{{count}}</span></li>{{/sections}}<li><a href="#private">Not on the public record</a> <span class="count">{{privateMailCount}}</span></li></ul>
    </nav>
    {{#sections}}
    <section id="{{anchor}}" aria-labelledby="h-{{anchor}}">
    <h2 id="h-{{anchor}}">{{heading}} <span class="count">{{count}}</span></h2>
    <p class="explain">{{explanation}}</p>
    {{#hasRows}}{{> rows}}{{/hasRows}}
    {{^hasRows}}<p class="none">None.</p>{{/hasRows}}
    {{#moreHref}}<p><a href="{{moreHref}}">See them all in the list</a></p>{{/moreHref}}
    </section>
    {{/sections}}
    <section id="private" aria-labelledby="h-private">
    <h2 id="h-private">Not on the public record <span class="count">{{privateMailCount}}</span></h2>
    <p class="explain">Drafts and commands, automatic replies, delivery failures, mail that is not a liaison statement and mail that could not be read: kept in the record, not published. Read them with <code>liaisond show ID</code>.</p>
    {{#hasPrivateMail}}
    <div class="table-wrap">
    <table class="statements private-mail">
    <thead>
    <tr><th scope="col">Received</th><th scope="col">Kind</th><th scope="col">State</th><th scope="col">Sender</th><th scope="col">Subject</th><th scope="col">Why</th><th scope="col">Id</th></tr>
    </thead>
    <tbody>
    {{#privateMail}}
    <tr>
    <td class="c-date" data-label="Received"><span>{{received}}</span></td>
    <td data-label="Kind"><span>{{kind}}</span></td>
    <td data-label="State"><span>{{state}}</span></td>
    <td class="c-from" data-label="Sender"><span>{{sender}}</span></td>
    <td class="c-title" data-label="Subject"><span>{{subject}}</span></td>
    <td data-label="Why"><span>{{why}}</span></td>
    <td data-label="Id"><span class="id">{{id}}</span></td>
    </tr>
    {{/privateMail}}
    </tbody>
    </table>
    </div>
    {{/hasPrivateMail}}
    {{^hasPrivateMail}}<p class="none">None.</p>{{/hasPrivateMail}}
    {{#privateMailMore}}<p>{{privateMailMore}}</p>{{/privateMailMore}}
    </section>
    {{#intakeFailures}}{{> intakeFailures}}{{/intakeFailures}}
    {{#withheld}}{{> withheld}}{{/withheld}}
    {{#withheldAcknowledgements}}{{> withheldAcknowledgements}}{{/withheldAcknowledgements}}
    {{> footer}}
    """#
}
