import { Chalk } from 'chalk';
import type { JsonReport } from './report-data.js';
import { MESSAGE_MAX, termText } from './safe-text.js';
import { groupDigits } from './group-digits.js';
import { costSummaryText } from './cost-summary.js';

/** The human report: model line, one block per target (verdict, counts, findings grouped by rule). */
export function renderText(r: JsonReport, options: { color: boolean; maxPerRule?: number }): string {
  const c = new Chalk({ level: options.color ? 1 : 0 });
  const max = options.maxPerRule ?? 5;
  const out: string[] = [];
  const m = r.model;
  out.push(
    c.bold(termText(m.path ?? 'model', MESSAGE_MAX)) +
      c.dim(
        `  ${m.format}${m.producer ? `, ${termText(m.producer)}` : ''}, ${Object.entries(m.opsets)
          .map(([d, v]) => `${termText(d)} ${v}`)
          .join(', ')}, ${m.nodes} nodes, ${groupDigits(m.params)} params`,
      ),
  );
  const vColor = { ready: c.green, 'needs-fixes': c.yellow, blocked: c.red } as const;
  const lColor = { error: c.red, warning: c.yellow, info: c.blue } as const;
  for (const t of r.targets) {
    out.push('');
    out.push(
      `${c.bold(t.id)} ${c.dim(`(${t.toolchain})`)}: ${vColor[t.verdict](t.verdict.toUpperCase())}  ` +
        `${c.green(`${t.counts.supported} supported`)}, ${c.yellow(`${t.counts.partial} partial`)}, ${c.red(`${t.counts.unsupported} unsupported`)}, ${c.gray(`${t.counts.unknown} unknown`)}`,
    );
    if (t.cost) out.push(`  ${c.dim('cost:')} ${costSummaryText(t.cost)}`);
    const mine = r.findings.filter((f) => f.target === t.id);
    const groups = new Map<string, typeof mine>();
    for (const f of mine) {
      const k = `${f.level} ${f.ruleId}`;
      const group = groups.get(k);
      if (group) group.push(f);
      else groups.set(k, [f]);
    }
    const rank = { error: 0, warning: 1, info: 2 };
    for (const fs of [...groups.values()].sort((a, b) => rank[a[0]!.level] - rank[b[0]!.level])) {
      const f0 = fs[0]!;
      const id = f0.ruleId;
      out.push(
        `  ${lColor[f0.level](f0.level.padEnd(7))} ${c.bold(id)}${fs.length > 1 ? c.dim(` ×${fs.length}`) : ''}${f0.fix ? c.green(`  fix: ${f0.fix}`) : ''}`,
      );
      for (const f of fs.slice(0, max)) {
        const where = f.node
          ? `${f.origin ? `layer ${termText(f.origin.name)} (${termText(f.origin.type)})` : `${termText(f.node)} (${termText(f.op)})`}: `
          : '';
        out.push(`          ${where}${termText(f.message, MESSAGE_MAX)}`);
      }
      if (fs.length > max) out.push(c.dim(`          … and ${fs.length - max} more`));
      out.push(
        c.dim(
          `          source: ${f0.source.url}${f0.source.section ? ` § ${f0.source.section}` : ''} (confidence ${f0.confidence})`,
        ),
      );
    }
  }
  if (r.targets.length > 1) {
    out.push('');
    out.push(renderMatrix(r, c));
  }
  return out.join('\n') + '\n';
}

function renderMatrix(r: JsonReport, c: InstanceType<typeof Chalk>): string {
  const rows = [['target', 'verdict', 'ok', 'partial', 'unsup', 'unknown', 'top blocker']];
  for (const t of r.targets)
    rows.push([
      t.id,
      t.verdict,
      String(t.counts.supported),
      String(t.counts.partial),
      String(t.counts.unsupported),
      String(t.counts.unknown),
      t.topBlockers[0] ? `${t.topBlockers[0].ruleId} ×${t.topBlockers[0].count}` : '-',
    ]);
  const w = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  return rows
    .map((row, j) =>
      (j === 0 ? c.bold : (s: string) => s)(
        row.map((x, i) => (i >= 2 && i <= 5 ? x.padStart(w[i]!) : x.padEnd(w[i]!))).join('  '),
      ),
    )
    .join('\n');
}
