import { loadCommandModel } from '../load-command-model.js';
import type { Args } from '../args.js';
import { COMMAND_FLAGS } from '../command-flags.js';
import { allowFlags, flag, flagAll, hasFlag, parseInputShapes } from '../args.js';
import { UsageError } from '../../io/input-error.js';
import { findExporter } from '../../../converters/index.js';
import { toOnnxBytes } from '../../../converters/onnx/export.js';
import { prepareModel } from '../prepare-model.js';
import { checkModel } from '../../check/engine.js';
import { parseTargetList, targetOpsetRange } from '../../check/targets.js';
import { runRewrites } from '../../rewrite/engine.js';
import { SAFETY as safety, selectRewrites } from '../../rewrite/select.js';
import { startProgress } from '../progress-bar.js';
import { verifyModels } from '../../verify/compare-runs.js';
import { loadOnnxRuntime } from '../../verify/load-onnxruntime.js';
import { loadUserInputs } from '../../verify/user-inputs.js';
import { attributeResolved } from '../../rewrite/resolved.js';
import { EXIT } from '../exit-codes.js';
import { toleranceFlags } from '../tolerance-flags.js';
import { MESSAGE_MAX, termText } from '../../report/safe-text.js';
import { newestOpset } from '../../opset/lookup.js';
import { writeFixedCaffe, writesCaffe } from '../export-pipeline/caffe-for-target.js';
import { ExportBlocked } from '../../../converters/converter.js';

/**
 * `convcheck fix <model> --target <t> -o out.onnx [--fix=all] [--verify]`: apply the exact fixes the
 * target's findings name (with --fix=all also approximations and interface changes such as frozen
 * input shapes), re-check, write, and optionally verify numerically against the original (seeded
 * fills, plus user data given with --input name=file.npy|raw). `--format json` prints the full record.
 */
export async function run(args: Args): Promise<number> {
  allowFlags(args, COMMAND_FLAGS.fix); // check's --ignore, --baseline, --config, --fail-on: exit 2, never ignored
  const path = args.positionals[0];
  const out = flag(args, 'output');
  if (!path) throw new UsageError('fix needs a model file');
  if (hasFlag(args, 'verify')) await loadOnnxRuntime(); // missing: say so before anything is written
  if (!out) throw new UsageError('fix needs -o <output.onnx>');
  const targets = parseTargetList(flag(args, 'target'));
  if (targets.length !== 1) throw new UsageError('fix needs exactly one --target');
  const tolerance = toleranceFlags(args); // a bad --rtol/--atol is a usage error before anything is read
  const mode = flag(args, 'fix') === 'all' ? 'all' : 'exact';
  const inputShapes = parseInputShapes(flagAll(args, 'input-shape'));
  const model = loadCommandModel(args, path, { weights: 'load', inputShapes });
  prepareModel(model, { inputShapes });
  const original = toOnnxBytes(model);
  const inputs = loadUserInputs(flagAll(args, 'input'), model); // before anything is written: a bad --input file writes nothing
  const before = checkModel(model, targets)[0]!;
  const { enabled, skipped } = selectRewrites(before.findings, {
    all: mode === 'all',
    freezeInputs: inputShapes.size > 0,
  });
  const targetOpset = opsetFor(model.opsets.get('') ?? 0, targets[0]!, flag(args, 'opset'));
  for (const id of flagAll(args, 'also')
    .flatMap((s) => s.split(','))
    .map((s) => s.trim())
    .filter(Boolean)) {
    if (!safety.has(id))
      throw new UsageError(`--also ${id}: not an implemented rewrite (${[...safety.keys()].join(', ')})`);
    enabled.add(id);
  }
  if (flag(args, 'opset') !== undefined) {
    enabled.add('convert-opset');
    skipped.splice(0, skipped.length, ...skipped.filter((s) => s !== 'convert-opset'));
  }
  const capFlag = flag(args, 'fold-cap');
  const foldCapBytes = capFlag === undefined ? undefined : Number(capFlag);
  if (foldCapBytes !== undefined && !(Number.isInteger(foldCapBytes) && foldCapBytes >= 0))
    throw new UsageError(`--fold-cap must be a byte count, got '${capFlag}'`);
  const runInfo = runRewrites(model, enabled, { inputShapes, foldCapBytes, targetOpset });
  // writing Caffe meets the model-format rule of Caffe-only targets
  const after = checkModel(model, targets, writesCaffe(out) ? { ignore: new Set(['nnie/model-format']) } : {})[0]!;
  const resolved = attributeResolved(before.findings, after.findings, runInfo.applications);
  const counts = new Map<string, number>();
  for (const a of runInfo.applications) counts.set(a.rule, (counts.get(a.rule) ?? 0) + 1);
  const lines = [
    `convcheck fix ${termText(path, MESSAGE_MAX)} --target ${after.id}: ${runInfo.nodesBefore} → ${runInfo.nodesAfter} nodes in ${runInfo.passes} pass(es) (${runInfo.stoppedBy})`,
  ];
  for (const [rule, n] of counts) lines.push(`  applied ${rule} (${safety.get(rule)}) × ${n}`);
  for (const note of runInfo.notes) lines.push(`  not applied: ${termText(note, MESSAGE_MAX)}`);
  for (const id of skipped)
    lines.push(
      `  not applied ${id}: ${safety.has(id) ? `${safety.get(id)} rewrite (use --fix=all)` : 'no rewrite implements it yet'}`,
    );
  const byFix = new Map<string, number>();
  for (const r of resolved) {
    const k = `${r.ruleId} by ${r.by.join(' + ')}`;
    byFix.set(k, (byFix.get(k) ?? 0) + 1);
  }
  if (resolved.length) lines.push(`  resolved ${resolved.length} finding(s):`);
  for (const [k, n] of byFix) lines.push(`    ${k}${n > 1 ? ` × ${n}` : ''}`);
  const errors = after.findings.filter((f) => f.level === 'error');
  lines.push(
    `  before: ${before.verdict}, ${before.findings.length} finding(s); after: ${after.verdict}, ${after.findings.length} finding(s), ${errors.length} error(s)`,
  );
  for (const f of errors.slice(0, 20))
    lines.push(
      `    ${f.ruleId}: ${f.node ? `${termText(f.node)} (${termText(f.op)}): ` : ''}${termText(f.message, MESSAGE_MAX)}`,
    );
  let files: string[];
  if (writesCaffe(out)) {
    try {
      const caffe = writeFixedCaffe(model, out, after.id, [path]);
      files = caffe.files;
      lines.push(...caffe.lines);
      // the Caffe writer resolved or placed on the CPU (listed above) what the ONNX-level check reported
      errors.splice(0);
    } catch (e) {
      if (!(e instanceof ExportBlocked)) throw e;
      process.stderr.write(
        `${lines.join('\n')}\nconvcheck: ${termText(path, MESSAGE_MAX)}: cannot write Caffe for ${after.id}, nothing written; blockers:\n${e.blockers.map((b) => `  ${termText(b, MESSAGE_MAX)}`).join('\n')}\n`,
      );
      return EXIT.findings;
    }
  } else files = findExporter('onnx').write(model, out, { protect: [path] });
  lines.push(`  wrote ${files.map((f) => termText(f, MESSAGE_MAX)).join(', ')}`);
  let code: number = errors.length ? EXIT.findings : EXIT.ok;
  let verification: Awaited<ReturnType<typeof verifyModels>> | undefined;
  if (hasFlag(args, 'verify')) {
    const bar = startProgress({ label: 'verifying (onnxruntime)', unit: 'runs' });
    const v = (verification = await verifyModels(original, toOnnxBytes(model), model, {
      ...tolerance,
      inputs,
      onRun: (done, total) => bar.update(done, total),
    }).finally(() => bar.done()));
    lines.push(
      `  verify (onnxruntime, seeded inputs, rtol ${v.rtol}, atol ${v.atol}): ${v.ok ? 'EQUAL' : 'DIFFERENT'}`,
    );
    for (const s of v.stats)
      lines.push(
        `    ${termText(s.output)} [${termText(s.fill)}]: ${s.problem ? `${termText(s.problem)}; ` : ''}max abs ${s.maxAbs.toExponential(2)}, max rel ${s.maxRel.toExponential(2)}, cosine ${s.cosine.toFixed(8)}, |diff| p50 ${s.p50.toExponential(1)} p99 ${s.p99.toExponential(1)}`,
      );
    if (!v.ok) code = EXIT.findings;
  }
  if (flag(args, 'format') === 'json') {
    const record = {
      model: path,
      target: after.id,
      output: files,
      nodesBefore: runInfo.nodesBefore,
      nodesAfter: runInfo.nodesAfter,
      passes: runInfo.passes,
      stoppedBy: runInfo.stoppedBy,
      applications: runInfo.applications,
      notApplied: skipped,
      notes: runInfo.notes,
      resolved,
      before: { verdict: before.verdict, findings: before.findings.length },
      after: {
        verdict: after.verdict,
        findings: after.findings.length,
        errors: errors.map((f) => ({ ruleId: f.ruleId, node: f.node, op: f.op, message: f.message })),
      },
      verification,
    };
    process.stdout.write(JSON.stringify(record, null, 2) + '\n');
  } else process.stdout.write(lines.join('\n') + '\n');
  return code;
}

/** The opset to convert to: --opset N, else the nearest opset in the target's supported range (none when already inside). */
function opsetFor(current: number, target: string, explicit: string | undefined): number | undefined {
  if (explicit !== undefined) {
    const n = Number(explicit);
    if (!Number.isInteger(n) || n < 9 || n > newestOpset())
      throw new UsageError(`--opset must be an integer from 9 to ${newestOpset()}, got '${explicit}'`);
    return n;
  }
  const range = targetOpsetRange(target);
  if (!range || !current) return undefined;
  return current < range.min ? range.min : current > range.max ? range.max : undefined;
}
