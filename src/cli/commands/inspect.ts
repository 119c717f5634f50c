import { loadCommandModel } from '../load-command-model.js';
import type { Args } from '../args.js';
import { COMMAND_FLAGS } from '../command-flags.js';
import { allowFlags, flag, flagAll, parseInputShapes } from '../args.js';
import { UsageError } from '../../io/input-error.js';
import { summarizeModel, type ValueSummary } from '../../ir/summary.js';
import { prepareModel } from '../prepare-model.js';
import { MESSAGE_MAX, termText } from '../../report/safe-text.js';
import { groupDigits } from '../../report/group-digits.js';

function shapeText(v: ValueSummary): string {
  return `${v.dtype ?? '?'}${v.shape === null ? '[*]' : `[${v.shape.map((d) => (d === null ? '?' : d)).join(', ')}]`}`;
}
function bytesText(n: number): string {
  return n >= 1 << 20 ? `${(n / (1 << 20)).toFixed(1)} MB` : n >= 1024 ? `${(n / 1024).toFixed(1)} kB` : `${n} B`;
}

/** `convcheck inspect <model>`: format, producer, opsets, inputs/outputs with shapes, op histogram, params, size. */
export async function run(args: Args): Promise<number> {
  allowFlags(args, COMMAND_FLAGS.inspect);
  const path = args.positionals[0];
  if (!path) throw new UsageError('inspect needs a model file');
  const format = flag(args, 'format') ?? 'text';
  if (format !== 'text' && format !== 'json')
    throw new UsageError(`inspect --format must be text or json, not '${format}'`);
  const inputShapes = parseInputShapes(flagAll(args, 'input-shape'));
  const model = loadCommandModel(args, path, { weights: 'lazy', inputShapes });
  prepareModel(model, { inputShapes });
  const s = summarizeModel(model);
  if (format === 'json') {
    process.stdout.write(JSON.stringify(s, null, 2) + '\n');
    return 0;
  }
  const out: string[] = [];
  out.push(termText(path, MESSAGE_MAX));
  out.push(`  format     ${s.format}${s.producer ? `  (producer ${termText(s.producer)})` : ''}`);
  out.push(
    `  opsets     ${
      Object.entries(s.opsets)
        .map(([d, v]) => `${termText(d)} ${v}`)
        .join(', ') || '-'
    }`,
  );
  out.push(
    `  size       ${bytesText(s.fileSize)}; ${groupDigits(s.params)} parameters (${bytesText(s.weightBytes)} of weights)`,
  );
  out.push(`  nodes      ${s.nodes}${s.subgraphNodes ? ` (+${s.subgraphNodes} in subgraphs)` : ''}`);
  out.push('  inputs');
  for (const v of s.inputs) out.push(`    ${termText(v.name)}: ${shapeText(v)}`);
  out.push('  outputs');
  for (const v of s.outputs) out.push(`    ${termText(v.name)}: ${shapeText(v)}`);
  out.push('  ops');
  const ops = Object.entries(s.ops).map(([op, n]) => [termText(op, 60), n] as const);
  const w = Math.max(...ops.map(([k]) => k.length), 4);
  for (const [op, n] of ops) out.push(`    ${op.padEnd(w)} ${String(n).padStart(5)}`);
  if (s.signatures?.length) {
    out.push('  signatures');
    for (const e of s.signatures) {
      const names = (xs: { name: string }[]) => xs.map((x) => termText(x.name)).join(', ') || '-';
      out.push(
        `    ${termText(e.name)}${e.selected ? ' (imported)' : ''}: subgraph ${e.subgraph}; inputs ${names(e.inputs)}; outputs ${names(e.outputs)}`,
      );
    }
  }
  if (Object.keys(s.metadata).length) {
    out.push('  metadata');
    for (const [k, v] of Object.entries(s.metadata)) out.push(`    ${termText(k, 60)}: ${termText(v, 80)}`);
  }
  process.stdout.write(out.join('\n') + '\n');
  return 0;
}
