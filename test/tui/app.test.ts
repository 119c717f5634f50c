/** Component tests of the terminal UI on a real model with the real checker (ink-testing-library). */
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
import { sample } from '../helpers/samples.js';
import { matching, press, waitForFrame, waitForInput } from '../helpers/wait-for-frame.js';

setColor(false);
const path = sample('ssd-op13').path;
const model = readOnnx(path);
prepareModel(model);
const session = buildSession(model, { path, targets: ['ncnn'], ignore: new Set() });
/** The checker's own counts: the header must show what the checker found. */
const counts = checkModel(model, ['ncnn'])[0]!.counts;
const countsLine = new RegExp(
  `supported ${counts.supported}\\s+partial ${counts.partial}\\s+unsupported ${counts.unsupported}\\s+unknown ${counts.unknown}`,
);

/** Render the app and wait until it shows its first frame and reads keys. */
async function open(own = session): Promise<ReturnType<typeof render>> {
  const app = render(createElement(App, { session: own }));
  await waitForFrame(app.lastFrame, matching(/nodes/));
  await waitForInput(app);
  return app;
}

test('header shows model facts, target, verdict and counts', async () => {
  const app = await open();
  const f = await waitForFrame(app.lastFrame, matching(/unknown 0/));
  assert.match(f, /ssd-op13\.onnx/);
  assert.match(f, /onnx\s+pytorch 1\.13\.0\s+opset 13\s+115 nodes/);
  assert.match(f, /Tencent ncnn/);
  assert.match(f, /BLOCKED/);
  assert.match(f, countsLine);
  assert.ok(counts.unsupported > 0, 'the ssd sample has ops ncnn cannot run');
  app.unmount();
});

test('navigation, filter by verdict, search, detail pane', async () => {
  const app = await open();
  await waitForFrame(app.lastFrame, matching(/findings by rule/));
  await press(app, '\t', matching(/1\/115/)); // the first screen is the findings by rule: Tab to the node list
  await press(app, 'j', matching(/2\/115/));
  await press(app, 'j', matching(/3\/115/));
  const u = await press(app, 'f', matching(/filter:unsupported/));
  assert.match(u, /1\/8/);
  await press(app, '/', matching(/\//));
  let typed = '';
  for (const k of 'NonMax') {
    typed += k;
    await press(app, k, matching(new RegExp(`/${typed}█`)));
  }
  const f = await press(app, '\r', matching(/\/NonMax {2}1\/1\b/));
  assert.match(f, /\/NonMax/);
  const d = await press(app, '\r', matching(/ncnn\/NonMaxSuppression-unsupported/));
  assert.match(d, /NonMaxSuppression/);
  assert.match(d, /source https:\/\/github.com\/Tencent\/ncnn/);
  await press(app, '\u001b', matching(/confidence high; source/, { absent: true }));
  app.unmount();
});

test('findings grouped by rule (Tab), sort, switching targets (t and digits)', async () => {
  const app = await open();
  const g = await waitForFrame(app.lastFrame, matching(/findings by rule/));
  assert.match(g, /ncnn\/NonMaxSuppression-unsupported/, 'with findings, the first screen is the findings by rule');
  await press(app, '\t', matching(/findings by rule/, { absent: true }));
  await press(app, 's', matching(/sort:verdict/));
  const t = await press(app, 't', matching(/NVIDIA TensorRT/));
  assert.match(t, /READY/);
  await press(app, '3', matching(/Rockchip RKNN/));
  await press(app, '1', matching(/Tencent ncnn/));
  app.unmount();
});

test('matrix and help overlays open and close', async () => {
  const app = await open();
  const m = await press(app, 'm', matching(/All targets/));
  for (const t of ['ncnn', 'tensorrt', 'rknn:rk3588', 'nnie', 'cv22']) assert.match(m, new RegExp(t));
  assert.match(m, /blocked/);
  await press(app, 'm', matching(/All targets/, { absent: true }));
  const k = await press(app, '?', matching(/Keys/));
  assert.match(k, /filter by verdict/);
  await press(app, '\u001b', matching(/^Keys/m, { absent: true }));
  app.unmount();
});

test('fix: x previews the rewrites, Enter applies them, re-checks and shows the verification', async () => {
  const m = readOnnx(path);
  prepareModel(m);
  const own = buildSession(m, { path, targets: ['ncnn'], ignore: new Set() });
  const app = await open(own);
  assert.match(app.lastFrame()!, new RegExp(`supported ${counts.supported}`));
  const p = await press(app, 'x', matching(/fold-constants \(exact\): 70 node/));
  assert.match(p, /Fixes for ncnn/);
  const f = await press(app, '\r', matching(/remain/));
  assert.match(f, /115 → 45 nodes/);
  assert.match(f, /equal to the original/);
  assert.match(f, /cosine 1\.000000/);
  await press(app, '\u001b', matching(/45 nodes/));
  assert.is(m.graph.nodes.length, 115, 'the fix adopted a copy: the loaded model keeps its 115 nodes');
  app.unmount();
});

test('export asks for a format and a path', async () => {
  const app = await open();
  await press(app, 'e', matching(/format: \(o\) ONNX/));
  await press(app, 'o', matching(/path: model\.fixed\.onnx/));
  await press(app, '\u001b', matching(/Export/, { absent: true }));
  app.unmount();
});

test('every line fits the terminal width', async () => {
  const app = await open();
  for (const line of app
    .lastFrame()!
    .replace(/\x1b\[[0-9;]*m/g, '')
    .split('\n'))
    assert.ok([...line].length <= 100, `line too long (${[...line].length}): ${line}`);
  app.unmount();
});

test.run();
