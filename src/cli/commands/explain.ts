import type { Args } from '../args.js';
import { COMMAND_FLAGS } from '../command-flags.js';
import { allowFlags } from '../args.js';
import { UsageError } from '../../io/input-error.js';
import { findRule } from '../../check/targets.js';
import { REWRITE_IDS } from '../../rewrite/rule-ids.js';

/** `convcheck explain <rule-id>`: one rule, its source, confidence and fix. */
export async function run(args: Args): Promise<number> {
  allowFlags(args, COMMAND_FLAGS.explain);
  const id = args.positionals[0];
  if (!id) throw new UsageError('explain needs a rule id, e.g. rknn/Resize-integer-scale');
  const found = findRule(id);
  if (!found) throw new UsageError(`no rule '${id}' (see convcheck targets)`);
  const r = found.rule as {
    id: string;
    level: string;
    message: string;
    source: { url: string; section?: string };
    confidence: string;
    fix?: string;
    fallback?: string;
    require?: unknown;
    when?: unknown;
  };
  const out = [
    `${r.id}  (${found.target}${found.op ? `, op ${found.op}` : ''})`,
    `  level       ${r.level}${r.fallback ? ' (the op falls back to the CPU)' : ''}`,
    `  says        ${r.message}`,
    ...(r.when ? [`  applies if  ${JSON.stringify(r.when)}`] : []),
    ...(r.require ? [`  requires    ${JSON.stringify(r.require)}`] : []),
    `  source      ${r.source.url}${r.source.section ? `\n              § ${r.source.section}` : ''}`,
    `  confidence  ${r.confidence}`,
    `  fix         ${r.fix ? `${r.fix}${(REWRITE_IDS as Record<string, boolean>)[r.fix] ? '' : ' (planned rewrite: not applied by convcheck fix yet)'}` : 'none known'}`,
  ];
  process.stdout.write(out.join('\n') + '\n');
  return 0;
}
