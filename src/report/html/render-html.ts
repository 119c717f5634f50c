import type { Model } from '../../ir/model.js';
import type { TargetResult } from '../../check/finding.js';
import type { JsonReport } from '../report-data.js';
import { buildPageData } from './page-data.js';
import { PAGE_STYLE } from './page-style.js';
import { graphPageClient } from './graph-page-client.js';
import { htmlText as escapeHtml } from '../safe-text.js';
import { costTable } from '../cost-table.js';

/** JSON that is safe inside a <script> element: no `</script>`, no comment openers, no line separators. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/**
 * The HTML report: one self-contained file (no network: script and style inlined) with the verdict matrix,
 * findings by rule with sources and fixes, and the graph drawn on a canvas (layered layout, coloured by the chosen
 * target's verdict, click for details, search, zoom and pan).
 */
export function renderHtmlReport(model: Model, results: TargetResult[], report: JsonReport): string {
  const data = buildPageData(model, results, report);
  const title = `${report.model.path ?? 'model'} — convcheck report`;
  const meta = `${report.model.format}${report.model.producer ? `, ${report.model.producer}` : ''}, ${report.model.nodes} nodes`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<title>${escapeHtml(title)}</title>
<style>${PAGE_STYLE}</style>
</head>
<body>
<header>
<h1>${escapeHtml(report.model.path ?? 'model')}</h1>
<span class="meta">${escapeHtml(meta)} · ${escapeHtml(data.tool)}</span>
<label>target <select id="target"></select></label>
<label>search <input id="search" type="search" placeholder="node name or op, Enter"></label>
<span id="matches" class="meta"></span>
<span class="legend meta"><span style="background:#3fa45b"></span>supported<span style="background:#e0a526"></span>partial<span style="background:#d9463b"></span>unsupported<span style="background:#8a8f98"></span>unknown</span>
</header>
<div id="layout"><div id="canvas-box"><canvas id="graph"></canvas></div><aside id="detail"></aside></div>
<section><h2>Verdicts</h2><table id="matrix"></table></section>
${costSection(report)}<section><h2>Findings by rule</h2><div id="findings"></div></section>
<script type="application/json" id="page-data">${scriptJson(data)}</script>
<script>(${graphPageClient.toString()})(JSON.parse(document.getElementById('page-data').textContent));</script>
</body>
</html>
`;
}

/** The per-target cost table (absent when the report has no cost figures). */
function costSection(report: JsonReport): string {
  const [head, ...rows] = costTable(report);
  if (!head) return '';
  const cells = (row: string[], tag: string): string => row.map((c) => `<${tag}>${escapeHtml(c)}</${tag}>`).join('');
  return `<section><h2>Cost per target</h2><table id="cost"><tr>${cells(head, 'th')}</tr>${rows
    .map((row) => `<tr>${cells(row, 'td')}</tr>`)
    .join('')}</table></section>
`;
}
