import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runCli } from '../helpers/cli.js';

test('profile --format json: totals, per-node costs, peak memory and one block per target', () => {
  const r = runCli(['profile', 'samples/onnx/resnet18.onnx', '--target', 'rknn:rk3588,ncnn', '--format', 'json']);
  assert.is(r.code, 0, r.stderr);
  const p = JSON.parse(r.stdout);
  assert.ok(p.totals.macs > 0 && p.totals.params > 0);
  assert.is(p.totals.uncounted, 0);
  const convs = p.nodes.filter((n: { op: string }) => n.op === 'Conv');
  assert.ok(convs.length > 0 && convs.every((n: { macs: number }) => n.macs > 0));
  assert.is(
    p.totals.macs,
    p.nodes.reduce((sum: number, n: { macs: number }) => sum + n.macs, 0),
  );
  assert.ok(p.memory.peakBytes >= p.memory.loweredPeakBytes);
  assert.equal(
    p.targets.map((t: { target: string; precision: string }) => [t.target, t.precision]),
    [
      ['rknn:rk3588', 'int8'],
      ['ncnn', 'fp32'],
    ],
  );
  const [rknn, ncnn] = p.targets;
  assert.is(rknn.totals.weightBytes * 4, ncnn.totals.weightBytes, 'int8 weights are a quarter of fp32');
  assert.ok(rknn.latencySeconds.low > 0, 'RK3588 has a published peak');
  assert.is(rknn.latencySeconds.high, null, 'no published bandwidth: no upper bound');
  assert.is(ncnn.latencySeconds.low, null, 'a CPU target has no single peak');
});

test('profile text and markdown render; bad options are usage errors', () => {
  const text = runCli(['profile', 'samples/onnx/mobilenet_v2.onnx', '--target', 'rknn']);
  assert.is(text.code, 0, text.stderr);
  assert.match(text.stdout, /MACs/);
  assert.match(text.stdout, /rknn:rk3588 \(int8/);
  const md = runCli(['profile', 'samples/onnx/mobilenet_v2.onnx', '--format', 'markdown']);
  assert.is(md.code, 0);
  assert.match(md.stdout, /\| MACs \| other ops \|/);
  const bad = runCli(['profile', 'samples/onnx/mobilenet_v2.onnx', '--precision', 'int3']);
  assert.is(bad.code, 2);
  assert.match(bad.stderr, /--precision must be one of/);
});

test.run();
