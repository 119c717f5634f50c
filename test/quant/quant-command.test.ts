/**
 * `convcheck quant` in-process on one float sample (lenet, a Caffe net with weights): the report per target, layers
 * ranked by isolated damage, the advice the top of that ranking, its predicted error re-simulated; -o; bad input:
 * one line, exit 2, nothing written. Every float sample through the CLI: quant-every-sample.test.ts.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from '../../src/cli/args.js';
import { quantOutcome } from '../../src/cli/commands/quant.js';
import { samples } from '../helpers/samples.js';
import { runCli } from '../helpers/cli.js';

const TARGETS = ['tensorrt', 'rknn', 'nnie', 'cv22', 'ncnn'];

/** A float Caffe net with its weights (small: the in-process and bad-input checks run on it). */
const LENET = samples((s) => s.format === 'caffe' && (s.features ?? []).includes('caffemodel'))[0]!;

test(`quant ${LENET.name}: five targets, ranked layers, advice re-simulated`, async () => {
  const args = parseArgs(['quant', LENET.path, '--target', TARGETS.join(','), '--samples', '1', '--format', 'json']);
  const outcome = await quantOutcome(args);
  const json = JSON.parse(outcome.text) as { targets: { target: string }[] };
  assert.equal(
    json.targets.map((t) => t.target),
    TARGETS,
  );
  for (const r of outcome.reports) {
    assert.ok(r.synthetic && r.warnings.some((w) => /synthetic/.test(w)), 'synthetic inputs are announced');
    assert.ok(r.endToEnd.length >= 1, `${r.target}: an end-to-end error per float output`);
    assert.is(r.advice.predicted.length, r.endToEnd.length);
    for (let i = 1; i < r.layers.length; i++)
      assert.ok(
        r.layers[i - 1]!.isolated.channelSqnrDb <= r.layers[i]!.isolated.channelSqnrDb,
        `${r.target}: ranked by damage`,
      );
    assert.equal(
      r.advice.keep.map((k) => k.output),
      r.layers.slice(0, r.advice.keep.length).map((l) => l.output),
      `${r.target}: the advice is the top of the ranking`,
    );
    for (const l of r.layers) {
      assert.ok(l.isolated.cosine <= 1 + 1e-9 && l.accumulated.cosine <= 1 + 1e-9);
      assert.ok(l.weights.channels >= 1 && l.activation.deadChannels <= l.activation.channels);
    }
  }
});

test('quant -o writes the rknn advice atomically; the report goes to stdout', () => {
  const dir = mkdtempSync(join(tmpdir(), 'quant-'));
  try {
    const out = join(dir, 'model.quantization.cfg');
    const r = runCli(['quant', LENET.path, '--target', 'rknn', '--samples', '1', '-o', out]);
    assert.is(r.code, 0, r.stderr);
    assert.match(r.stdout, /rknn: linear/);
    assert.ok(existsSync(out));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

const BAD: [string, string[], RegExp][] = [
  ['unknown target', ['--target', 'nosuch'], /no quantization scheme for target 'nosuch'/],
  ['bad format', ['--target', 'rknn', '--format', 'sarif'], /--format must be one of/],
  ['-o with two targets', ['--target', 'rknn,cv22', '-o', 'OUT'], /-o writes one target's advice/],
  ['bad samples', ['--target', 'rknn', '--samples', '0'], /--samples takes a whole number/],
  ['bad size', ['--target', 'rknn', '--size', '224', '-o', 'OUT'], /--size takes HxW/],
  ['missing calibration', ['--target', 'rknn', '--calib', 'no/such/dir', '-o', 'OUT'], /no such calibration file/],
  ['unknown flag', ['--target', 'rknn', '--bits', '4'], /unknown option --bits/],
];

for (const [what, flags, message] of BAD)
  test(`quant: ${what} → one line, exit 2, nothing written`, () => {
    const dir = mkdtempSync(join(tmpdir(), 'quant-bad-'));
    try {
      const out = join(dir, 'advice.txt');
      const r = runCli(['quant', LENET.path, ...flags.map((f) => (f === 'OUT' ? out : f))]);
      assert.is(r.code, 2);
      assert.match(r.stderr, message);
      assert.is(r.stderr.trim().split('\n').length, 1, r.stderr);
      assert.is(r.stdout, '');
      assert.not.ok(existsSync(out));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

test('quant on a Caffe net without weights says so (exit 2)', () => {
  const bare = samples((s) => (s.features ?? []).includes('prototxt-only'))[0]!;
  const r = runCli(['quant', bare.path, '--target', 'rknn']);
  assert.is(r.code, 2);
  assert.match(r.stderr, /quant needs the weights/);
});

test.run();
