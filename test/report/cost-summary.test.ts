/**
 * check's reports carry a per-target cost summary that agrees with `convcheck profile` on the same model
 * and targets (total MACs, parameters, weight bytes, peak activation memory, latency where the chip's peak
 * is published, CPU-fallback layers and their share of the MACs), in JSON, text, Markdown and HTML alike.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { sample } from '../helpers/samples.js';

const model = sample('yolo-op13').path;
const TARGETS = 'ncnn,rknn:rk3588,tensorrt';
const dir = mkdtempSync(join(tmpdir(), 'convcheck-cost-summary-'));

interface ProfileTarget {
  target: string;
  precision: string;
  totals: { macs: number; params: number; weightBytes: number; uncounted: number };
  memory: { peakBytes: number };
  latencySeconds: { low: number | null; high: number | null };
  cpuLayers: { macs: number | null }[];
}
const run = (args: string[]): string => {
  const r = runCli(args);
  assert.ok(r.code === 0 || r.code === 1, r.stderr);
  return r.stdout;
};
const profiled = (
  JSON.parse(run(['profile', model, '--target', TARGETS, '--format', 'json'])) as { targets: ProfileTarget[] }
).targets;

test('JSON: every target has the cost the profile command reports for it', () => {
  const report = JSON.parse(run(['check', model, '--target', TARGETS, '--format', 'json']));
  assert.is(report.targets.length, 3);
  for (const t of report.targets) {
    const p = profiled.find((x) => x.target === t.id);
    assert.ok(p, `profile has ${t.id}`);
    const cpuMacs = p!.cpuLayers.reduce((a, c) => a + (c.macs ?? 0), 0);
    assert.equal(
      {
        precision: t.cost.precision,
        macs: t.cost.macs,
        params: t.cost.params,
        weightBytes: t.cost.weightBytes,
        peak: t.cost.peakActivationBytes,
        cpuLayers: t.cost.cpuLayers,
      },
      {
        precision: p!.precision,
        macs: p!.totals.macs,
        params: p!.totals.params,
        weightBytes: p!.totals.weightBytes,
        peak: p!.memory.peakBytes,
        cpuLayers: p!.cpuLayers.length,
      },
      t.id,
    );
    assert.ok(t.cost.macs > 0);
    assert.ok(Math.abs(t.cost.cpuMacsShare - cpuMacs / p!.totals.macs) < 1e-12, 'CPU share of the MACs');
    if (p!.latencySeconds.low === null) assert.is(t.cost.latency, null, `${t.id}: no published peak, no latency`);
    else assert.equal(t.cost.latency, { lowSeconds: p!.latencySeconds.low, highSeconds: p!.latencySeconds.high });
  }
  assert.ok(
    report.targets.some((t: { cost: { latency: unknown } }) => t.cost.latency !== null),
    'a target with a published peak has a latency estimate',
  );
});

test('text, Markdown and HTML: one cost line or row per target with its MACs and peak memory', () => {
  const text = run(['check', model, '--target', TARGETS, '--no-color']);
  assert.is(
    (text.match(/^ {2}cost: [\d.]+ [kMG] MACs; .* peak activations [\d.]+ (KiB|MiB|B);/gm) ?? []).length,
    3,
    text,
  );
  const md = run(['check', model, '--target', TARGETS, '--format', 'markdown']);
  const rows = md.split('\n').filter((l) => /^\| (ncnn|rknn:rk3588|tensorrt) \| (fp32|fp16|int8) \|/.test(l));
  assert.is(rows.length, 3, md);
  const out = join(dir, 'report.html');
  run(['check', model, '--target', TARGETS, '--format', 'html', '-o', out]);
  const html = readFileSync(out, 'utf8');
  const table = /<table id="cost">(.*?)<\/table>/s.exec(html);
  assert.ok(table, 'a cost table');
  assert.is((table![1]!.match(/<tr>/g) ?? []).length, 4, 'a header and one row per target');
  for (const p of profiled) assert.match(table![1]!, `<td>${p.target}</td><td>${p.precision}</td>`);
});

test.after(() => rmSync(dir, { recursive: true, force: true }));

test.run();
