import type { Args } from '../args.js';
import { COMMAND_FLAGS } from '../command-flags.js';
import { allowFlags, flag, hasFlag } from '../args.js';
import { parseTargetList, resolveTarget } from '../../check/targets.js';
import type { ResolvedTarget, Rule } from '../../check/target-types.js';
import { variantsMarkdown, variantsText } from './targets-variants.js';

/** `convcheck targets [--target X] [--markdown]`: the capability matrix, generated from targets.json. */
export async function run(args: Args): Promise<number> {
  allowFlags(args, COMMAND_FLAGS.targets);
  const ids = parseTargetList(flag(args, 'target'));
  const md = hasFlag(args, 'markdown');
  const out: string[] = [];
  for (const id of ids)
    out.push(
      md ? targetMarkdown(resolveTarget(id)) + variantsMarkdown(id) : targetText(resolveTarget(id)) + variantsText(id),
    );
  process.stdout.write(out.join('\n'));
  return 0;
}

function ruleLine(r: Rule): string {
  return `${r.id} [${r.level}${r.fallback ? ', CPU fallback' : ''}, ${r.confidence}]: ${r.message}${r.fix ? ` (fix: ${r.fix})` : ''}`;
}

function targetText(t: ResolvedTarget): string {
  const out = [
    `${t.id}: ${t.title}`,
    `  toolchain   ${t.toolchain}`,
    `  formats     ${t.inputFormats.join(', ')}`,
    `  opsets      ${t.opset.min}–${t.opset.max}`,
    `  layout      ${t.layout}; max rank ${t.maxRank}`,
    `  batch       ${t.batch}`,
    `  dynamic     ${t.dynamicShapes}${t.dynamicNote ? `: ${t.dynamicNote}` : ''}`,
    `  precisions  ${t.precisions.join(', ')}`,
    ...t.quantization.map(
      (q) =>
        `  quant       ${q.scheme} ${q.granularity}${q.symmetric ? ' symmetric' : ' asymmetric'}${q.note ? ` (${q.note})` : ''}`,
    ),
    '  model rules',
  ];
  for (const r of [...t.modelRules, ...(t.nodeRules ?? [])]) out.push(`    ${ruleLine(r)}`);
  const sup = Object.entries(t.ops).filter(([, e]) => e.supported !== false);
  const uns = Object.entries(t.ops).filter(([, e]) => e.supported === false);
  out.push(`  supported ops (${sup.length})`);
  for (const [op, e] of sup) {
    out.push(`    ${op}${e.confidence !== 'high' ? ` (${e.confidence} confidence)` : ''}`);
    for (const r of e.rules ?? []) out.push(`      ${ruleLine(r)}`);
  }
  out.push(
    `  unsupported ops (${uns.length}): ${uns.map(([op, e]) => `${op}${e.fix ? ` [fix: ${e.fix}]` : ''}`).join(', ')}`,
  );
  out.push(`  any other op: ${t.unlisted.level} (${t.unlisted.message})`);
  return out.join('\n') + '\n';
}

function targetMarkdown(t: ResolvedTarget): string {
  const src = (s: { url: string; section?: string }): string =>
    `[source](${s.url}${s.section ? ` "${s.section.replace(/"/g, "'")}"` : ''})`;
  const out = [
    `## ${t.title} (\`${t.id}\`)`,
    '',
    `Toolchain: ${t.toolchain}. Formats: ${t.inputFormats.join(', ')}. ONNX opsets ${t.opset.min}–${t.opset.max}. Layout ${t.layout}, max rank ${t.maxRank}. Batch: ${t.batch}. Dynamic shapes: ${t.dynamicShapes}${t.dynamicNote ? ` (${t.dynamicNote})` : ''}. Precisions: ${t.precisions.join(', ')}.`,
    '',
    '| op | status | rules | confidence | source |',
    '|---|---|---|---|---|',
  ];
  for (const [op, e] of Object.entries(t.ops)) {
    const rules =
      e.supported === false
        ? `${e.message ?? ''}${e.fix ? ` fix: \`${e.fix}\`` : ''}`
        : (e.rules ?? []).map((r) => `\`${r.id}\` ${r.message}`).join('<br>');
    out.push(
      `| ${op} | ${e.supported === false ? 'unsupported' : (e.rules ?? []).some((r) => r.fallback) ? 'supported (CPU fallback cases)' : 'supported'} | ${rules.replace(/\|/g, '\\|')} | ${e.confidence} | ${src(e.source)} |`,
    );
  }
  out.push('', 'Model rules:', '');
  for (const r of [...t.modelRules, ...(t.nodeRules ?? [])])
    out.push(
      `- \`${r.id}\` (${r.level}, ${r.confidence}): ${r.message}${r.fix ? ` fix: \`${r.fix}\`` : ''} ${src(r.source)}`,
    );
  out.push(`- any op not listed: ${t.unlisted.level}: ${t.unlisted.message} ${src(t.unlisted.source)}`, '');
  return out.join('\n') + '\n';
}
