extension PageTemplates {
  static let statement = #"""
    {{> header}}
    <nav class="crumbs" aria-label="Breadcrumb"><a href="/">Statements</a> <span aria-hidden="true">›</span> <span aria-current="page">{{id}}</span></nav>
    <article class="statement" aria-labelledby="statement-title">
    <header class="statement-head">
    <p class="id">{{id}} · {{kind}}</p>
    <h1 id="statement-title">{{title}}</h1>
    <p class="badges"><span class="state state-{{stateClass}}">{{state}}</span> <span class="badge purpose">{{purpose}}</span> <span class="badge direction">{{direction}}</span>{{#overdue}} <span class="badge overdue">Overdue</span>{{/overdue}} <span class="received">{{receivedLabel}} {{received}}</span></p>
    </header>
    {{#route.misdirected}}<div class="alert" role="note"><strong>Possibly misdirected.</strong> {{route.reason}}</div>{{/route.misdirected}}
    {{#flaggedAttachments}}<div class="alert warn" role="note"><strong>Proprietary format.</strong> An attachment came without a PDF, HTML or plain-text version; the IETF asks senders to include one.</div>{{/flaggedAttachments}}

    <section aria-labelledby="h-fields">
    <h2 id="h-fields">Recorded fields</h2>
    <dl class="fields">
    {{#fields}}
    <div class="field-row"><dt>{{label}}</dt><dd>{{#values}}<span class="value">{{.}}</span>{{/values}}{{^values}}<span class="none">Not stated</span>{{/values}}{{#source}}<span class="source">from the {{source}}</span>{{/source}}</dd></div>
    {{/fields}}
    </dl>
    </section>

    <section aria-labelledby="h-route">
    <h2 id="h-route">Routing</h2>
    <dl class="fields">
    <div class="field-row"><dt>Groups</dt><dd>{{#route.groups}}<span class="value tag">{{.}}</span>{{/route.groups}}{{^route.groups}}<span class="none">None</span>{{/route.groups}}</dd></div>
    <div class="field-row"><dt>Notified</dt><dd>{{#route.recipients}}<span class="value">{{.}}</span>{{/route.recipients}}{{^route.recipients}}<span class="none">Nobody yet</span>{{/route.recipients}}</dd></div>
    {{#route.reason}}<div class="field-row"><dt>Reason</dt><dd>{{route.reason}}</dd></div>{{/route.reason}}
    </dl>
    </section>

    <section aria-labelledby="h-attachments">
    <h2 id="h-attachments">Attachments</h2>
    {{#hasAttachments}}
    <ul class="attachments">
    {{#attachments}}
    <li><a href="{{href}}">{{filename}}</a> <span class="meta">{{contentType}} · {{size}}</span>{{#proprietary}} <span class="badge warn">No readable version</span>{{/proprietary}}<span class="hash">SHA-256 {{sha256}}</span></li>
    {{/attachments}}
    </ul>
    {{/hasAttachments}}
    {{^hasAttachments}}<p class="none">No attachments.</p>{{/hasAttachments}}
    </section>

    {{#hasRelated}}
    <section aria-labelledby="h-related">
    <h2 id="h-related">Related statements</h2>
    <dl class="fields">
    {{#answers}}<div class="field-row"><dt>{{relation}}</dt><dd><a href="{{href}}">{{title}}</a> <span class="id">{{id}}</span></dd></div>{{/answers}}
    {{^answers}}{{#inResponseTo}}<div class="field-row"><dt>Answers</dt><dd>{{inResponseTo}} <span class="none">(not in this record)</span></dd></div>{{/inResponseTo}}{{/answers}}
    {{#responses}}<div class="field-row"><dt>{{relation}}</dt><dd><a href="{{href}}">{{title}}</a> <span class="id">{{id}}</span></dd></div>{{/responses}}
    </dl>
    </section>
    {{/hasRelated}}

    <section aria-labelledby="h-body">
    <h2 id="h-body">Statement text</h2>
    {{#body}}<div class="body-text">{{body}}</div>{{/body}}
    {{^body}}<p class="none">The text is in the attachments.</p>{{/body}}
    </section>

    <section aria-labelledby="h-history">
    <h2 id="h-history">History</h2>
    <ol class="history">
    {{#events}}
    <li><time>{{at}}</time> <strong>{{kind}}</strong> <span>{{detail}}</span></li>
    {{/events}}
    </ol>
    </section>

    {{#hasDefects}}
    <section aria-labelledby="h-defects">
    <h2 id="h-defects">Problems met while reading the mail</h2>
    <ul class="defects">{{#defects}}<li>{{.}}</li>{{/defects}}</ul>
    </section>
    {{/hasDefects}}

    <p class="links">{{#rawHref}}<a href="{{rawHref}}">Original mail (plain text)</a> · {{/rawHref}}<a href="{{jsonHref}}">JSON</a></p>
    </article>
    {{> footer}}
    """#
}
