/** What each variant of a target changes, for `convcheck targets`: ops it replaces and model rules it adds or drops. */
import { targetsFile } from '../../check/targets.js';
import type { OpEntry, Rule } from '../../check/target-types.js';

interface VariantChanges {
  id: string;
  title: string;
  ops: [string, OpEntry][];
  added: Rule[];
  dropped: string[];
}

/** The variants of a base target id (none for a variant id or a target without variants). */
function variantChanges(targetId: string): VariantChanges[] {
  if (targetId.includes(':')) return [];
  const def = targetsFile().targets[targetId];
  return Object.entries(def?.variants ?? {}).map(([name, v]) => ({
    id: `${targetId}:${name}`,
    title: v.title,
    ops: Object.entries(v.ops ?? {}),
    added: v['modelRules+'] ?? [],
    dropped: v['modelRules-'] ?? [],
  }));
}

const cell = (s: string): string => s.replace(/\|/g, '\\|');

function opSummary(entry: OpEntry): string {
  if (entry.supported === false) return `unsupported: ${entry.message ?? ''}`;
  const rules = (entry.rules ?? []).map((r) => `\`${r.id}\` ${r.message}`);
  return rules.length ? `supported: ${rules.join('<br>')}` : 'supported, no rule';
}

function link(s: { url: string; section?: string }): string {
  return `[source](${s.url}${s.section ? ` "${s.section.replace(/"/g, "'")}"` : ''})`;
}

/** Markdown section listing every variant's differences from the base table (empty when there are none). */
export function variantsMarkdown(targetId: string): string {
  const variants = variantChanges(targetId);
  if (variants.length === 0) return '';
  const out = [
    '### Variants',
    '',
    'Each variant is the table above with these changes (`--target <id>` prints it whole).',
    '',
  ];
  for (const v of variants) {
    out.push(`#### \`${v.id}\`: ${v.title}`, '');
    for (const id of v.dropped) out.push(`- drops model rule \`${id}\``);
    for (const r of v.added)
      out.push(`- model rule \`${r.id}\` (${r.level}, ${r.confidence}): ${r.message} ${link(r.source)}`);
    if (v.dropped.length + v.added.length > 0 && v.ops.length > 0) out.push('');
    if (v.ops.length) out.push('| op | in this variant | confidence | source |', '|---|---|---|---|');
    for (const [op, e] of v.ops) out.push(`| ${op} | ${cell(opSummary(e))} | ${e.confidence} | ${link(e.source)} |`);
    out.push('');
  }
  return out.join('\n') + '\n';
}

/** One text line per variant: its id, title and how many ops and model rules it changes. */
export function variantsText(targetId: string): string {
  const variants = variantChanges(targetId);
  if (variants.length === 0) return '';
  const lines = variants.map(
    (v) =>
      `    ${v.id}: ${v.title} (${v.ops.length} ops changed, ${v.added.length} model rules added, ${v.dropped.length} dropped)`,
  );
  return `  variants (--target <id> for the whole table)\n${lines.join('\n')}\n`;
}
