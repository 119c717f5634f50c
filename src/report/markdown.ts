import type { JsonReport } from './report-data.js';
import { MESSAGE_MAX, markdownText } from './safe-text.js';
import { groupDigits } from './group-digits.js';
import { costTable } from './cost-table.js';

const ICON = { ready: '✅ ready', 'needs-fixes': '🛠️ needs fixes', blocked: '⛔ blocked' } as const;

/** A report for a pull-request comment: the matrix, then findings per target in collapsible blocks. */
export function renderMarkdown(r: JsonReport): string {
  const out: string[] = [];
  out.push(`### convcheck: ${markdownText(r.model.path ?? 'model', MESSAGE_MAX)}`);
  out.push(
    `${r.model.format}, ${r.model.nodes} nodes, ${groupDigits(r.model.params)} params, opsets ${Object.entries(
      r.model.opsets,
    )
      .map(([d, v]) => `${markdownText(d)} ${v}`)
      .join(', ')}`,
  );
  out.push('');
  out.push('| target | verdict | supported | partial | unsupported | unknown | top blocker |');
  out.push('|---|---|---:|---:|---:|---:|---|');
  for (const t of r.targets)
    out.push(
      `| ${t.id} | ${ICON[t.verdict]} | ${t.counts.supported} | ${t.counts.partial} | ${t.counts.unsupported} | ${t.counts.unknown} | ${t.topBlockers[0] ? `\`${t.topBlockers[0].ruleId}\` ×${t.topBlockers[0].count}` : ''} |`,
    );
  const costs = costTable(r);
  if (costs.length) {
    out.push('', '**Cost per target**', '');
    out.push(`| ${costs[0]!.join(' | ')} |`, `|---|${'---:|'.repeat(costs[0]!.length - 1)}`);
    for (const row of costs.slice(1)) out.push(`| ${row.map((cell) => markdownText(cell, MESSAGE_MAX)).join(' | ')} |`);
  }
  for (const t of r.targets) {
    const fs = r.findings.filter((f) => f.target === t.id);
    if (!fs.length) continue;
    out.push('');
    out.push(`<details><summary><b>${t.id}</b>: ${fs.length} finding(s)</summary>`);
    out.push('');
    out.push('| level | rule | node | message | fix |');
    out.push('|---|---|---|---|---|');
    for (const f of fs)
      out.push(
        `| ${f.level} | [\`${f.ruleId}\`](${f.source.url}) | ${f.origin ? `${markdownText(f.origin.name)} (${markdownText(f.origin.type)})` : f.node ? markdownText(f.node) : '(model)'} | ${markdownText(f.message, MESSAGE_MAX)} | ${f.fix ? `\`${f.fix}\`` : ''} |`,
      );
    out.push('');
    out.push('</details>');
  }
  return out.join('\n') + '\n';
}
