/**
 * The cost view of the terminal UI (ink-testing-library) on a real model with the real checker and
 * cost model: `c` sorts the node list by MACs (the status line says so), the cost column shows each
 * row's MACs in compact units, the detail pane shows the node's MACs, parameters, bytes and its
 * roofline line, and `c` again returns to graph order.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createElement } from 'react';
import { render } from 'ink-testing-library';
import { readOnnx } from '../../converters/onnx/import.js';
import { prepareModel } from '../../src/cli/prepare-model.js';
import { buildSession } from '../../src/tui/index.js';
import { App } from '../../src/tui/app.js';
import { setColor } from '../../src/tui/color.js';
import { checkModel } from '../../src/check/engine.js';
import { profileModel } from '../../src/profile/profile-model.js';
import { sample } from '../helpers/samples.js';
import { matching, press, waitForFrame, waitForInput } from '../helpers/wait-for-frame.js';

setColor(false);
const path = sample('yolo-op13').path;
const model = readOnnx(path);
prepareModel(model);
const session = buildSession(model, { path, targets: ['ncnn'], ignore: new Set() });
const profile = profileModel(model, { targets: ['ncnn'], checks: checkModel(model, ['ncnn']) }).targets[0]!;
const byMacs = [...profile.nodeCosts.values()].sort((a, b) => (b.macs ?? -1) - (a.macs ?? -1));

const UNIT: Record<string, number> = { '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12 };
/** A compact count as drawn ("3.4M") back to a number. */
function parseCompact(s: string): number {
  const m = /^([\d.]+)([kMGT]?)$/.exec(s);
  assert.ok(m, `a compact count: ${s}`);
  return Number(m![1]) * UNIT[m![2]!]!;
}
/** The node rows of a frame, without the selection's inverse video codes. */
const nodeLines = (frame: string): string[] =>
  frame
    .split('\n')
    .map((l) => l.replace(/\x1b\[[0-9;]*m/g, ''))
    .filter((l) => /^[✓✗~?] /.test(l));

test('c sorts the node list by cost: costliest first, the cost column agrees with the cost model', async () => {
  const app = render(createElement(App, { session }));
  await waitForFrame(app.lastFrame, matching(/findings by rule/));
  await waitForInput(app);
  const f = await press(app, 'c', matching(/\[nodes\] +filter:all +sort:cost/));
  const rows = nodeLines(f);
  assert.ok(rows.length >= 5, f);
  rows.slice(0, 5).forEach((row, i) => {
    const cost = byMacs[i]!;
    const name = cost.node.name;
    assert.ok(row.includes(name.slice(0, 8)), `row ${i} is ${name}: ${row}`);
    const shown = parseCompact(row.slice(2).split(/ +/)[2]!);
    assert.ok(Math.abs(shown - cost.macs!) <= 0.05 * cost.macs!, `row ${i}: ${shown} ≈ ${cost.macs} MACs`);
  });
  const d = await press(app, '\r', matching(/cost: /));
  const top = byMacs[0]!;
  const line = d.split('\n').find((l) => /cost: /.test(l))!;
  const macs = /cost: ([\d.]+) ([kMG]?) ?MACs/.exec(line);
  assert.ok(macs, line);
  assert.ok(Math.abs(Number(macs![1]) * UNIT[macs![2]!]! - top.macs!) <= 0.01 * top.macs!, line);
  assert.match(d, /params, weights [\d.]+ (B|KiB|MiB) at fp/);
  assert.match(d, /activations [\d.]+ (B|KiB|MiB) read, [\d.]+ (B|KiB|MiB) written/);
  assert.match(
    d,
    profile.hardware?.peakTops[profile.precision]
      ? /roofline \(.+\): (compute|memory)-bound/
      : /roofline: no published peak/,
  );
  await press(app, '\x1b', matching(/cost: /, { absent: true }));
  await press(app, 'c', matching(/sort:graph/));
  app.unmount();
});

test.run();
