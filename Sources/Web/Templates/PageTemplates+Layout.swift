extension PageTemplates {
  static let header = #"""
    <!DOCTYPE html>
    <html lang="en">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>{{chrome.pageTitle}} · {{chrome.siteTitle}}</title>
    <link rel="stylesheet" href="/static/site.css">
    {{#chrome.feedHref}}<link rel="alternate" type="application/atom+xml" title="{{chrome.feedTitle}}" href="{{chrome.feedHref}}">{{/chrome.feedHref}}
    </head>
    <body>
    <a class="skip" href="#content">Skip to content</a>
    <header class="site" role="banner">
    <div class="wrap bar">
    <a class="brand" href="/">{{chrome.siteTitle}}</a>
    <nav aria-label="Main">
    <ul>
    <li><a href="/"{{#chrome.isList}} aria-current="page"{{/chrome.isList}}>Statements</a></li>
    <li><a href="/iab"{{#chrome.isIAB}} aria-current="page"{{/chrome.isIAB}}>IAB overview</a></li>
    <li><a href="{{#chrome.feedHref}}{{chrome.feedHref}}{{/chrome.feedHref}}{{^chrome.feedHref}}/feeds/recent.atom{{/chrome.feedHref}}">Atom feed</a></li>
    </ul>
    </nav>
    </div>
    </header>
    <main id="content" class="wrap" tabindex="-1">

    """#

  static let footer = #"""
    </main>
    <footer class="site" role="contentinfo">
    <div class="wrap">
    <p>The IETF records every liaison statement it receives and makes it publicly available.
    Data: <a href="/api/statements">JSON</a> · <a href="/feeds/recent.atom">Atom</a>.</p>
    </div>
    </footer>
    </body>
    </html>

    """#

  static let error = #"""
    {{> header}}
    <h1>{{status}}</h1>
    <p class="lead">{{message}}</p>
    <p><a href="/">Back to the list of statements</a></p>
    {{> footer}}
    """#
}
