/**
 * The HTML report's template, style and script as string constants, so they
 * ship inside dist with no assets to copy. The report must open from a CI
 * artifact with no network: no external fonts, images or scripts.
 *
 * Every interpolation of data uses Eta's escaping tag (`<%= %>`); the raw tag
 * is used nowhere. The style and script are spliced in here, at module load,
 * as static text.
 */

/** Only progressive enhancement: everything is readable and expandable (native <details>) without it. */
export const REPORT_SCRIPT = `
document.querySelectorAll('[data-js]').forEach(function (el) { el.hidden = false; });
document.querySelectorAll('[data-toggle-all]').forEach(function (button) {
  button.addEventListener('click', function () {
    var open = button.getAttribute('data-toggle-all') === 'open';
    document.querySelectorAll('details.rule-detail').forEach(function (d) { d.open = open; });
  });
});
var filters = document.querySelector('[data-filters]');
if (filters) {
  var apply = function () {
    var wanted = {};
    filters.querySelectorAll('input[type=checkbox]').forEach(function (box) { wanted[box.name + ':' + box.value] = box.checked; });
    var shown = 0, total = 0;
    document.querySelectorAll('tr[data-verdict]').forEach(function (row) {
      var visible = wanted['verdict:' + row.getAttribute('data-verdict')] !== false && wanted['level:' + row.getAttribute('data-level')] !== false;
      row.hidden = !visible;
      if (!row.classList.contains('detail-row')) { total += 1; if (visible) shown += 1; }
    });
    document.querySelectorAll('section[data-area]').forEach(function (section) {
      section.hidden = section.querySelector('tr[data-verdict]:not([hidden])') === null;
    });
    var status = document.getElementById('filter-status');
    if (status) status.textContent = shown === total ? 'Showing all ' + total + ' rules.' : 'Showing ' + shown + ' of ' + total + ' rules.';
  };
  filters.addEventListener('change', apply);
  apply();
}
document.querySelectorAll('[data-copy]').forEach(function (button) {
  button.addEventListener('click', function () {
    var source = document.getElementById(button.getAttribute('data-copy'));
    if (!source) return;
    var text = source.textContent || '';
    var done = function () { button.textContent = 'Copied'; setTimeout(function () { button.textContent = 'Copy'; }, 1500); };
    if (navigator.clipboard && window.isSecureContext) { navigator.clipboard.writeText(text).then(done, function () {}); return; }
    var range = document.createRange(); range.selectNodeContents(source);
    var selection = window.getSelection(); selection.removeAllRanges(); selection.addRange(range);
    try { if (document.execCommand('copy')) done(); } catch (e) {}
  });
});
`

export const REPORT_STYLE = `
:root { --fg: #1b1f24; --muted: #57606a; --bg: #ffffff; --panel: #f6f8fa; --line: #d0d7de; --link: #0550ae;
  --pass-bg: #dafbe1; --pass-fg: #116329; --fail-bg: #ffebe9; --fail-fg: #a40e26; --error-bg: #fbefff; --error-fg: #6e1f8f;
  --unknown-bg: #fff8c5; --unknown-fg: #7d4e00; --na-bg: #eaeef2; --na-fg: #424a53; --flag: #fff1e5; }
@media (prefers-color-scheme: dark) {
  :root { --fg: #e6edf3; --muted: #9da7b3; --bg: #0d1117; --panel: #161b22; --line: #30363d; --link: #58a6ff;
    --pass-bg: #0f3d1f; --pass-fg: #7ee2a8; --fail-bg: #4c1018; --fail-fg: #ffa198; --error-bg: #3b1a4f; --error-fg: #e2b6ff;
    --unknown-bg: #3d2e00; --unknown-fg: #f2cc60; --na-bg: #262c36; --na-fg: #c9d1d9; --flag: #3a2712; }
}
* { box-sizing: border-box; }
[hidden] { display: none !important; }
body { margin: 0; color: var(--fg); background: var(--bg); font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
.page { max-width: 1200px; margin: 0 auto; padding: 16px; }
a { color: var(--link); }
:focus-visible { outline: 3px solid #0969da; outline-offset: 2px; }
h1 { font-size: 1.5rem; margin: 0 0 4px; display: flex; flex-wrap: wrap; align-items: center; gap: 12px; }
h2 { font-size: 1.2rem; margin: 28px 0 8px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
h3 { font-size: 1rem; margin: 16px 0 6px; }
code, pre, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.85rem; }
pre { background: var(--panel); border: 1px solid var(--line); border-radius: 6px; padding: 8px 10px; overflow: auto; max-height: 420px; white-space: pre-wrap; overflow-wrap: anywhere; margin: 0; }
.overall { font-size: 1.1rem; padding: 2px 12px; border-radius: 6px; font-weight: 700; letter-spacing: 0.04em; }
.overall-PASS { background: var(--pass-bg); color: var(--pass-fg); }
.overall-FAIL { background: var(--fail-bg); color: var(--fail-fg); }
.overall-INCOMPLETE { background: var(--unknown-bg); color: var(--unknown-fg); }
.lede { margin: 0 0 16px; font-size: 1.05rem; }
.summary-grid { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 16px; align-items: start; }
dl.meta { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: 2px 12px; margin: 0; }
dl.meta dt { color: var(--muted); }
dl.meta dd { margin: 0; overflow-wrap: anywhere; }
table { border-collapse: collapse; width: 100%; }
table.rules { table-layout: fixed; }
table.rules col.c-id { width: 8.5em; }
table.rules col.c-level { width: 5.5em; }
table.rules col.c-verdict { width: 7em; }
table.rules > tbody > tr > td, table.rules > tbody > tr > th, .detail-body, .finding, .ea code { overflow-wrap: anywhere; }
table.calls td, table.calls th { overflow-wrap: normal; }
table.calls .nowrap { white-space: nowrap; }
table.calls td.wrap { overflow-wrap: anywhere; min-width: 12ch; }
/* Room for a UUID job id and the usual AWS error codes on one line; anything longer wraps rather than widening the page. */
table.calls td.mono.wrap { min-width: 37ch; }
table.calls td.err { min-width: 16ch; }
table.calls td.bodies { min-width: 26ch; width: 35%; }
th, td { text-align: left; vertical-align: top; padding: 6px 8px; border-bottom: 1px solid var(--line); }
thead th { background: var(--panel); font-weight: 600; }
table.counts td, table.counts th { text-align: right; }
table.counts th[scope=row], table.counts thead th:first-child { text-align: left; }
.badge { display: inline-block; min-width: 5.2em; text-align: center; padding: 1px 6px; border-radius: 4px; font-weight: 700; font-size: 0.8rem; }
.v-pass { background: var(--pass-bg); color: var(--pass-fg); }
.v-fail { background: var(--fail-bg); color: var(--fail-fg); }
.v-error { background: var(--error-bg); color: var(--error-fg); }
.v-unknown { background: var(--unknown-bg); color: var(--unknown-fg); }
.v-na { background: var(--na-bg); color: var(--na-fg); }
.rules .id { white-space: nowrap; font-weight: 600; }
tr.detail-row > td { padding: 0 8px 12px; border-bottom: 2px solid var(--line); }
details.rule-detail > summary { cursor: pointer; padding: 6px 0; font-weight: 600; color: var(--link); }
details.rule-detail[open] > summary { margin-bottom: 4px; }
.detail-body { border-left: 3px solid var(--fail-fg); padding-left: 12px; }
.requirement { font-size: 1.02rem; margin: 4px 0; }
.muted { color: var(--muted); }
.finding { border: 1px solid var(--line); border-radius: 6px; padding: 8px 10px; margin: 8px 0; }
.finding p { margin: 0 0 6px; }
.ea { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 8px; }
.ea h4 { margin: 0 0 4px; font-size: 0.85rem; color: var(--muted); text-transform: uppercase; letter-spacing: 0.04em; }
.ea ul { margin: 0; padding-left: 18px; }
.table-wrap { overflow-x: auto; }
table.calls { font-size: 0.85rem; }
table.calls tr.flagged td { background: var(--flag); }
table.calls details summary { cursor: pointer; color: var(--link); }
.out-stderr { color: var(--fail-fg); }
.gap, tr.gap td { color: var(--muted); font-style: italic; }
/* One block per output line, continuation lines indented, so a wrapped line never reads as two. */
pre.output > code > span { display: block; padding-left: 2ch; text-indent: -2ch; }
.replay { display: flex; gap: 8px; align-items: stretch; }
.replay pre { flex: 1; }
button { font: inherit; font-size: 0.85rem; padding: 4px 12px; border: 1px solid var(--line); border-radius: 6px; background: var(--panel); color: var(--fg); cursor: pointer; }
button:hover { border-color: var(--link); }
.toolbar { display: flex; gap: 8px; margin: 12px 0 0; }
nav.areas ul { display: flex; flex-wrap: wrap; gap: 4px 16px; padding: 0; margin: 8px 0 0; list-style: none; }
fieldset.filter { border: 1px solid var(--line); border-radius: 6px; margin: 0; padding: 4px 10px 6px; display: flex; flex-wrap: wrap; gap: 4px 14px; align-items: center; }
fieldset.filter legend { padding: 0 4px; color: var(--muted); font-size: 0.85rem; }
fieldset.filter label { white-space: nowrap; cursor: pointer; }
fieldset.filter input { width: 1.05em; height: 1.05em; vertical-align: -2px; margin: 0 4px 0 0; }
.filters { display: flex; flex-wrap: wrap; gap: 8px 12px; margin: 12px 0 0; align-items: stretch; }
#filter-status { margin: 6px 0 0; color: var(--muted); font-size: 0.9rem; }
/* The diagram keeps its labels near their drawn size (600 px for a 640 px viewBox) and scrolls sideways in its own
   focusable region on a narrow screen, rather than shrinking its 12 px labels to 6 px or widening the page. */
.sequence-wrap { overflow-x: auto; max-width: 100%; border: 1px solid var(--line); border-radius: 6px; background: var(--panel); }
.sequence-hint { display: none; margin: 4px 0 0; color: var(--muted); font-size: 0.85rem; }
svg.sequence { display: block; width: 100%; min-width: 600px; max-width: 680px; height: auto; color: var(--fg); font-family: system-ui, sans-serif; }
svg.sequence .lane-label { font-weight: 700; font-size: 14px; fill: currentColor; }
svg.sequence .lifeline { stroke: var(--muted); stroke-dasharray: 2 4; }
svg.sequence .call { stroke: currentColor; stroke-width: 1.5; }
svg.sequence .head { fill: currentColor; }
svg.sequence .answer { stroke-dasharray: 5 4; stroke-width: 1.2; }
svg.sequence .ok { stroke: var(--pass-fg); fill: var(--pass-fg); }
svg.sequence .err { stroke: var(--fail-fg); fill: var(--fail-fg); }
svg.sequence text { font-size: 12px; }
svg.sequence text.call-label { fill: currentColor; }
svg.sequence text.ok { stroke: none; }
svg.sequence text.err { stroke: none; font-weight: 600; }
svg.sequence rect.flag { fill: var(--flag); stroke: var(--fail-fg); stroke-width: 1; }
@media (max-width: 640px) { .sequence-hint { display: block; } }
footer { margin: 32px 0 8px; color: var(--muted); font-size: 0.85rem; }
@media (max-width: 760px) {
  .page { padding: 10px; }
  .summary-grid, .ea { grid-template-columns: minmax(0, 1fr); }
  table.rules > thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
  table.rules, table.rules > tbody, table.rules > tbody > tr, table.rules > tbody > tr > td, table.rules > tbody > tr > th { display: block; width: 100%; }
  table.rules > tbody > tr { border-bottom: 1px solid var(--line); padding: 6px 0; }
  table.rules > tbody > tr > td, table.rules > tbody > tr > th { border: 0; padding: 2px 0; }
  table.rules td[data-label]::before { content: attr(data-label) ": "; color: var(--muted); }
  tr.detail-row > td { padding: 0 0 8px; }
  .detail-body { padding-left: 8px; }
  table.counts th, table.counts td { padding: 4px 5px; font-size: 0.85rem; }
  table.calls > thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
  table.calls, table.calls > tbody { display: block; }
  table.calls > tbody > tr { display: flex; flex-wrap: wrap; gap: 0 10px; padding: 6px 4px; border-bottom: 1px solid var(--line); }
  table.calls > tbody > tr > * { display: block; border: 0; padding: 0; min-width: 0; }
  table.calls > tbody > tr > td.wrap, table.calls > tbody > tr > td.bodies, table.calls > tbody > tr.gap > td { flex-basis: 100%; width: auto; }
  table.calls > tbody > tr > td.wrap:empty { display: none; }
  table.calls > tbody > tr > td.mono.wrap, table.calls > tbody > tr > td.err { min-width: 0; }
  table.calls td[data-label]::before { content: attr(data-label) ": "; color: var(--muted); }
  table.calls td.op { font-weight: 600; }
  table.calls > tbody > tr.flagged { background: var(--flag); }
  .replay { flex-direction: column; }
}
`

export const REPORT_TEMPLATE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src '<%= it.scriptHash %>'; base-uri 'none'; form-action 'none'">
<title><%= it.title %></title>
<style>${REPORT_STYLE}</style>
</head>
<body>
<div class="page">
<header>
  <h1>conform report <span class="overall overall-<%= it.overall.verdict %>"><%= it.overall.verdict %></span></h1>
  <p class="lede"><%= it.overall.explanation %><% if (it.failing.length > 0) { %> Needs attention:<% for (const rule of it.failing) { %> <a href="#<%= rule.anchor %>"><%= rule.id %></a><% } %><% } %></p>
  <div class="summary-grid">
    <dl class="meta">
<% for (const item of it.meta) { %>
      <dt><%= item.label %></dt><dd<% if (item.mono) { %> class="mono"<% } %>><%= item.value %></dd>
<% } %>
    </dl>
    <div class="table-wrap">
    <table class="counts">
      <caption class="muted">Rules by level and verdict</caption>
      <thead><tr><th scope="col">Level</th><% for (const column of it.counts.columns) { %><th scope="col"><%= column %></th><% } %></tr></thead>
      <tbody>
<% for (const row of it.counts.rows) { %>
        <tr><th scope="row"><%= row.label %></th><% for (const cell of row.cells) { %><td><%= cell %></td><% } %></tr>
<% } %>
      </tbody>
    </table>
    </div>
  </div>
  <nav class="areas" aria-label="Areas">
    <ul>
<% for (const area of it.areas) { %>
      <li><a href="#<%= area.id %>"><%= area.name %></a> <span class="muted">(<%= area.rules.length %>)</span></li>
<% } %>
    </ul>
  </nav>
  <div class="filters" data-js hidden>
    <form data-filters class="filters" aria-label="Filter the rules">
      <fieldset class="filter"><legend>Verdict</legend>
<% for (const verdict of it.filters.verdicts) { %>
        <label><input type="checkbox" name="verdict" value="<%= verdict.value %>" checked><%= verdict.label %></label>
<% } %>
      </fieldset>
      <fieldset class="filter"><legend>Level</legend>
<% for (const level of it.filters.levels) { %>
        <label><input type="checkbox" name="level" value="<%= level %>" checked><%= level %></label>
<% } %>
      </fieldset>
    </form>
<% if (it.failing.length > 0) { %>
    <div class="toolbar">
      <button type="button" data-toggle-all="open">Expand all failures</button>
      <button type="button" data-toggle-all="close">Collapse all</button>
    </div>
<% } %>
  </div>
  <p id="filter-status" role="status" aria-live="polite" data-js hidden></p>
</header>
<main>
<% for (const area of it.areas) { %>
<section aria-labelledby="<%= area.id %>" data-area>
  <h2 id="<%= area.id %>"><%= area.name %></h2>
  <table class="rules">
    <colgroup><col class="c-id"><col class="c-level"><col class="c-title"><col class="c-verdict"><col class="c-summary"></colgroup>
    <thead><tr><th scope="col">ID</th><th scope="col">Level</th><th scope="col">Title</th><th scope="col">Verdict</th><th scope="col">Summary</th></tr></thead>
    <tbody>
<% for (const rule of area.rules) { %>
      <tr id="<%= rule.anchor %>" data-verdict="<%= rule.verdict %>" data-level="<%= rule.level %>">
        <th scope="row" class="id"><%= rule.id %></th>
        <td data-label="Level"><%= rule.level %></td>
        <td data-label="Title"><%= rule.title %></td>
        <td data-label="Verdict"><span class="badge v-<%= rule.verdict === 'n/a' ? 'na' : rule.verdict %>"><%= rule.badge %></span></td>
        <td data-label="Summary"><%= rule.summary %></td>
      </tr>
<% if (rule.detail) { const d = rule.detail %>
      <tr class="detail-row" data-verdict="<%= rule.verdict %>" data-level="<%= rule.level %>"><td colspan="5">
        <details class="rule-detail">
          <summary><%= rule.id %>: why it <%= rule.verdict === 'error' ? 'could not be checked' : 'failed' %><% if (d.findings.length > 0) { %> (<%= d.findings.length %> finding<%= d.findings.length === 1 ? '' : 's' %>)<% } %></summary>
          <div class="detail-body">
            <h3>Requirement</h3>
            <p class="requirement"><%= d.requirement %></p>
            <p class="muted"><%= d.rationale %></p>
<% if (d.sources.length > 0) { %>
            <h3>Sources</h3>
            <ul>
<% for (const source of d.sources) { %>
              <li><% if (source.href) { %><a href="<%= source.href %>" rel="noopener noreferrer"><%= source.text %></a><% if (source.note) { %> <%= source.note %><% } %><% } else { %><%= source.text %><% } %></li>
<% } %>
            </ul>
<% } %>
<% if (d.findings.length > 0) { %>
            <h3>Findings</h3>
<% for (const finding of d.findings) { %>
            <div class="finding">
              <p><%= finding.message %><% if (finding.where) { %> <span class="muted">(<%= finding.where %>)</span><% } %></p>
              <div class="ea">
                <div><h4>Expected (any of)</h4><ul><% for (const option of finding.expected) { %><li><%= option %></li><% } %></ul></div>
                <div><h4>Actual</h4><code><%= finding.actual %></code></div>
              </div>
            </div>
<% } %>
<% } else { %>
            <p><%= rule.summary %></p>
<% } %>
<% if (d.scenario !== undefined) { %>
            <h3>Shrunk scenario <span class="muted">(<%= d.shrinks %> shrink<%= d.shrinks === 1 ? '' : 's' %>)</span></h3>
            <pre><code><%= d.scenario %></code></pre>
<% } %>
<% if (d.diagram) { const g = d.diagram %>
            <h3 id="seqh-<%= rule.anchor %>">Sequence of calls</h3>
            <div class="sequence-wrap" role="region" tabindex="0" aria-labelledby="seqh-<%= rule.anchor %>">
            <svg class="sequence" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 <%= g.width %> <%= g.height %>" role="img" aria-labelledby="seq-<%= rule.anchor %>">
              <title id="seq-<%= rule.anchor %>">Calls between the worker, CodePipeline and S3 for <%= rule.id %>, in order; the table below lists them with their bodies.</title>
<% for (const lane of g.lanes) { %>
              <text class="lane-label" x="<%= lane.x %>" y="24" text-anchor="middle"><%= lane.label %></text>
              <line class="lifeline" x1="<%= lane.x %>" y1="<%= g.top %>" x2="<%= lane.x %>" y2="<%= g.bottom %>"/>
<% } %>
<% for (const step of g.steps) { %>
<% if (step.flagged) { %>
              <rect class="flag" x="6" y="<%= step.y - 20 %>" width="<%= g.width - 12 %>" height="44" rx="4"/>
<% } %>
              <line class="call" x1="<%= step.from %>" y1="<%= step.y %>" x2="<%= step.to - 2 %>" y2="<%= step.y %>"/>
              <polygon class="head" points="<%= step.callHead %>"/>
              <text class="call-label" x="<%= step.labelX %>" y="<%= step.y - 5 %>" text-anchor="middle"><%= step.label %><% if (step.flagged) { %> &#9888;<% } %></text>
              <line class="answer <%= step.ok ? 'ok' : 'err' %>" x1="<%= step.to %>" y1="<%= step.answerY %>" x2="<%= step.from + 2 %>" y2="<%= step.answerY %>"/>
              <polygon class="<%= step.ok ? 'ok' : 'err' %>" points="<%= step.answerHead %>"/>
              <text class="<%= step.ok ? 'ok' : 'err' %>" x="<%= step.labelX %>" y="<%= step.answerY - 4 %>" text-anchor="middle"><%= step.answer %></text>
<% } %>
            </svg>
            </div>
            <p class="sequence-hint">The diagram scrolls sideways: the S3 lane is on the right.</p>
<% if (g.notDrawn > 0) { %>
            <p class="gap"><%= g.notDrawn %> more call<%= g.notDrawn === 1 ? ' is' : 's are' %> not drawn; the wire log below lists them.</p>
<% } %>
<% } %>
<% if (d.calls.length > 0) { %>
            <h3>Wire log: calls in order</h3>
            <div class="table-wrap">
            <table class="calls">
              <thead><tr><th scope="col">seq</th><th scope="col">at</th><th scope="col">service</th><th scope="col">operation</th><th scope="col">jobId</th><th scope="col">status</th><th scope="col">errorType</th><th scope="col">bodies</th></tr></thead>
              <tbody>
<% for (const call of d.calls) { %>
<% if ('gap' in call) { %>
                <tr class="gap"><td colspan="8"><%= call.gap %></td></tr>
<% } else { %>
                <tr<% if (call.flagged) { %> class="flagged"<% } %>>
                  <th scope="row"><%= call.seq %><% if (call.flagged) { %> <span aria-label="a finding points here" title="a finding points here">&#9888;</span><% } %></th>
                  <td data-label="at" class="nowrap"><%= call.at %> ms</td><td data-label="service"><%= call.service %></td><td data-label="operation" class="op"><%= call.operation %></td><td data-label="jobId" class="mono wrap"><%= call.jobId %></td><td data-label="status"><%= call.status %></td><td data-label="errorType" class="wrap err"><%= call.errorType %></td>
                  <td class="bodies"><details><summary>show</summary><h4>request</h4><pre><code><%= call.request %></code></pre><h4>response</h4><pre><code><%= call.response %></code></pre></details></td>
                </tr>
<% } %>
<% } %>
              </tbody>
            </table>
            </div>
<% } %>
<% if (d.output.length > 0) { %>
            <h3>Worker output</h3>
            <pre class="output"><code><% for (const line of d.output) { %><% if ('gap' in line) { %><span class="gap">[<%= line.gap %>]</span><% } else { %><span class="out-<%= line.stream %>">[<%= line.at %> ms] <%= line.stream %>: <%= line.text %></span><% } %><% } %></code></pre>
<% } %>
<% if (d.replay !== undefined) { %>
            <h3>Replay</h3>
            <div class="replay">
              <pre><code id="replay-<%= rule.anchor %>"><%= d.replay %></code></pre>
              <button type="button" data-js hidden data-copy="replay-<%= rule.anchor %>" aria-label="Copy the replay command for <%= rule.id %>">Copy</button>
            </div>
<% } %>
          </div>
        </details>
      </td></tr>
<% } %>
<% } %>
    </tbody>
  </table>
</section>
<% } %>
</main>
<footer>Generated by <%= it.generatedBy %>. Self-contained: this file loads nothing from the network.</footer>
</div>
<script>${REPORT_SCRIPT}</script>
</body>
</html>
`
