/// `/static/site.css`: served from the binary, the only style the CSP allows.
enum SiteStylesheet {
  static let css = #"""
    :root {
      --ink: #1b1f24; --muted: #57606a; --line: #d8dee4; --soft: #f6f8fa;
      --link: #0a58ca; --brand: #16263f; --focus: #f0b400;
      font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Liberation Sans", Arial, sans-serif;
      font-size: 100%; line-height: 1.5; color: var(--ink); background: #fff;
    }
    * { box-sizing: border-box; }
    body { margin: 0; }
    a { color: var(--link); text-underline-offset: 0.15em; }
    a:hover { text-decoration-thickness: 2px; }
    :focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
    .wrap { max-width: 76rem; margin: 0 auto; padding: 0 1.25rem; }
    .skip { position: absolute; left: -999px; top: 0; background: #fff; padding: .5rem 1rem; z-index: 10; }
    .skip:focus { left: 0.5rem; top: 0.5rem; }
    header.site { background: var(--brand); color: #fff; }
    header.site .bar { display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: .5rem 1.5rem; padding-top: .8rem; padding-bottom: .8rem; }
    header.site a { color: #fff; text-decoration: none; }
    .brand { font-weight: 700; font-size: 1.15rem; letter-spacing: .01em; }
    header.site nav ul { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: .25rem 1.25rem; }
    header.site nav a { display: inline-block; padding: .2rem 0; border-bottom: 2px solid transparent; color: #dfe7f3; }
    header.site nav a:hover, header.site nav a[aria-current="page"] { color: #fff; border-bottom-color: #fff; }
    main.wrap { padding-top: 1.75rem; padding-bottom: 3rem; }
    main:focus { outline: none; }
    h1 { font-size: 1.75rem; line-height: 1.25; margin: 0 0 1rem; }
    h2 { font-size: 1.2rem; margin: 2rem 0 .75rem; padding-bottom: .3rem; border-bottom: 1px solid var(--line); }
    .lead { font-size: 1.1rem; color: var(--muted); margin-top: -.5rem; }
    footer.site { border-top: 1px solid var(--line); color: var(--muted); font-size: .9rem; padding: 1rem 0 2rem; }
    .filters { background: var(--soft); border: 1px solid var(--line); border-radius: 8px; padding: 1rem; margin-bottom: 1rem; }
    .search-row { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; }
    .search-row label { font-weight: 600; }
    .search-row input { flex: 1 1 16rem; }
    input, select, button { font: inherit; font-size: 1rem; padding: .45rem .6rem; border: 1px solid #8c959f; border-radius: 6px; background: #fff; color: var(--ink); min-height: 2.5rem; }
    button { background: var(--brand); color: #fff; border-color: var(--brand); font-weight: 600; cursor: pointer; padding: .45rem 1.1rem; }
    button:hover { background: #243a5e; }
    details { margin-top: .75rem; }
    summary { cursor: pointer; font-weight: 600; color: var(--brand); }
    .filter-grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(13rem, 1fr)); gap: .75rem 1rem; margin-top: .75rem; }
    .field label { display: block; font-size: .9rem; font-weight: 600; margin-bottom: .2rem; }
    .field input, .field select { width: 100%; }
    .actions { margin-top: .9rem; display: flex; gap: 1rem; align-items: center; }
    .summary { color: var(--muted); margin: .5rem 0; }
    .notice { background: #fff8e1; border-left: 4px solid #b7791f; padding: .5rem .75rem; }
    .table-wrap { overflow-x: auto; }
    table.statements { width: 100%; border-collapse: collapse; font-size: .95rem; }
    table.statements th { text-align: left; font-size: .8rem; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); border-bottom: 2px solid var(--line); padding: .5rem .6rem; white-space: nowrap; }
    table.statements td { border-bottom: 1px solid var(--line); padding: .65rem .6rem; vertical-align: top; overflow-wrap: anywhere; }
    table.statements tbody tr:hover { background: var(--soft); }
    td.c-title { min-width: 14rem; width: 30%; overflow-wrap: anywhere; }
    td.c-from { min-width: 8rem; }
    td.c-to { min-width: 7.5rem; }
    td.c-date { min-width: 7.5rem; }
    td.c-purpose { min-width: 7.5rem; }
    td.c-title a { font-weight: 600; }
    .id { display: block; color: var(--muted); font-size: .85rem; font-variant-numeric: tabular-nums; }
    .reason { display: block; color: #8a1c1c; font-size: .9rem; margin-top: .2rem; }
    .none { color: var(--muted); }
    .state, .badge { display: inline-block; padding: .1rem .55rem; border-radius: 999px; font-size: .8rem; font-weight: 600; white-space: nowrap; border: 1px solid transparent; }
    .state-open { background: #e7f0ff; color: #0b4aa2; }
    .state-unrouted { background: #fff3dc; color: #7a4300; }
    .state-misdirected { background: #fde7e7; color: #9b1c1c; }
    .state-answered { background: #e3f5e8; color: #17613a; }
    .state-awaiting { background: #f0e7fd; color: #5a2a99; }
    .state-closed, .state-other { background: #eceff1; color: #3d4a53; }
    .state-quarantined { background: #3d4a53; color: #fff; }
    .badge.purpose { background: #fff; border-color: var(--line); color: var(--ink); }
    .badge.overdue { background: #b42318; color: #fff; }
    .badge.warn { background: #fff3dc; color: #7a4300; border-color: #e8c27a; }
    .pager { display: flex; gap: 1.5rem; align-items: center; justify-content: center; margin: 1.5rem 0; }
    .crumbs { font-size: .9rem; color: var(--muted); margin-bottom: .75rem; }
    .statement-head .id { display: block; margin: 0 0 .25rem; }
    .statement-head h1 { overflow-wrap: anywhere; }
    .badges { display: flex; flex-wrap: wrap; gap: .4rem; align-items: center; margin: 0; }
    .received { color: var(--muted); font-size: .9rem; margin-left: .25rem; }
    .alert { background: #fde7e7; border-left: 4px solid #b42318; padding: .6rem .9rem; margin: 1rem 0; }
    .alert.warn { background: #fff8e1; border-left-color: #b7791f; }
    dl.fields { margin: 0; display: grid; grid-template-columns: minmax(9rem, 13rem) 1fr; border-top: 1px solid var(--line); }
    .field-row { display: contents; }
    dl.fields dt, dl.fields dd { padding: .5rem .6rem; border-bottom: 1px solid var(--line); margin: 0; }
    dl.fields dt { font-weight: 600; color: var(--muted); font-size: .95rem; }
    dl.fields dd { overflow-wrap: anywhere; }
    .value { display: inline-block; margin-right: .9rem; }
    .value.tag { background: var(--soft); border: 1px solid var(--line); border-radius: 4px; padding: 0 .4rem; font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: .9rem; }
    .source { display: block; color: var(--muted); font-size: .8rem; }
    ul.attachments { list-style: none; padding: 0; margin: 0; }
    ul.attachments li { padding: .6rem 0; border-bottom: 1px solid var(--line); overflow-wrap: anywhere; }
    ul.attachments a { font-weight: 600; }
    .meta { color: var(--muted); font-size: .9rem; }
    .hash { display: block; color: var(--muted); font-size: .75rem; font-family: ui-monospace, "DejaVu Sans Mono", monospace; overflow-wrap: anywhere; }
    .body-text { white-space: pre-wrap; overflow-wrap: anywhere; background: var(--soft); border: 1px solid var(--line); border-radius: 8px; padding: 1rem 1.1rem; font-size: .95rem; max-height: 40rem; overflow-y: auto; }
    ol.history { list-style: none; padding: 0; margin: 0; border-left: 2px solid var(--line); }
    ol.history li { padding: .3rem 0 .6rem 1rem; position: relative; overflow-wrap: anywhere; }
    ol.history li::before { content: ""; position: absolute; left: -6px; top: .75rem; width: 10px; height: 10px; border-radius: 50%; background: var(--brand); }
    ol.history time { display: block; color: var(--muted); font-size: .85rem; font-variant-numeric: tabular-nums; }
    ul.defects { color: #7a4300; }
    .links { margin-top: 2rem; }
    .toc ul { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .5rem 1.5rem; }
    .count { display: inline-block; min-width: 1.6rem; text-align: center; background: var(--soft); border: 1px solid var(--line); border-radius: 999px; font-size: .8rem; padding: 0 .45rem; color: var(--ink); font-weight: 600; }
    .explain { color: var(--muted); margin-top: -.25rem; }
    @media (max-width: 44rem) {
      .wrap { padding: 0 1rem; }
      h1 { font-size: 1.45rem; }
      table.statements thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
      table.statements, table.statements tbody, table.statements tr, table.statements td { display: block; width: 100%; }
      table.statements tr { border: 1px solid var(--line); border-radius: 8px; margin-bottom: .75rem; padding: .5rem .75rem; }
      table.statements td { border: 0; padding: .15rem 0; display: grid; grid-template-columns: 5.5rem minmax(0, 1fr); gap: .75rem; min-width: 0; word-break: break-word; }
      table.statements td::before { content: attr(data-label); color: var(--muted); font-size: .8rem; font-weight: 600; text-transform: uppercase; letter-spacing: .03em; padding-top: .1rem; }
      table.statements td.c-title { display: block; min-width: 0; padding-bottom: .4rem; }
      table.statements td.c-title::before { content: none; }
      dl.fields { grid-template-columns: 1fr; }
      dl.fields dt { border-bottom: 0; padding-bottom: 0; }
    }
    """#
}
