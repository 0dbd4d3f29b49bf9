extension PageTemplates {
  static let iab = #"""
    {{> header}}
    <h1>IAB overview</h1>
    <p class="lead">Statements that need the liaison coordinators' attention.</p>
    <nav class="toc" aria-label="Sections">
    <ul>{{#sections}}<li><a href="#{{anchor}}">{{heading}}</a> <span class="count">{{count}}</span></li>{{/sections}}</ul>
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
    {{#withheld}}{{> withheld}}{{/withheld}}
    {{> footer}}
    """#
}
