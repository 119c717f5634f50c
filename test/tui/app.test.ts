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
import { sample } from '../helpers/samples.js';

setColor(false);
const path = sample('ssd-op13').path;
const model = readOnnx(path);
prepareModel(model);
const session = buildSession(model, { path, targets: ['ncnn'], ignore: new Set() });

const tick = (): Promise<void> => new Promise((r) => setTimeout(r, 30));
async function press(stdin: { write(s: string): void }, ...keys: string[]): Promise<void> {
  for (const k of keys) {
    stdin.write(k);
    await tick();
  }
}

test('header shows model facts, target, verdict and counts', async () => {
  const { lastFrame, unmount } = render(createElement(App, { session }));
  await tick();
  const f = lastFrame()!;
  assert.match(f, /ssd-op13\.onnx/);
  assert.match(f, /onnx\s+pytorch 1\.13\.0\s+opset 13\s+115 nodes/);
  assert.match(f, /Tencent ncnn/);
  assert.match(f, /BLOCKED/);
  assert.match(f, /supported 91\s+partial 16\s+unsupported 8\s+unknown 0/);
  unmount();
});

test('navigation, filter by verdict, search, detail pane', async () => {
  const { lastFrame, stdin, unmount } = render(createElement(App, { session }));
  await tick();
  await press(stdin, '\t'); // the first screen is the findings by rule: Tab to the node list
  assert.match(lastFrame()!, /1\/115/);
  await press(stdin, 'j', 'j');
  assert.match(lastFrame()!, /3\/115/);
  await press(stdin, 'f');
  assert.match(lastFrame()!, /filter:unsupported/);
  assert.match(lastFrame()!, /1\/8/);
  await press(stdin, '/', 'N', 'o', 'n', 'M', 'a', 'x', '\r');
  const f = lastFrame()!;
  assert.match(f, /\/NonMax/);
  assert.match(f, /1\/1/);
  await press(stdin, '\r');
  const d = lastFrame()!;
  assert.match(d, /NonMaxSuppression/);
  assert.match(d, /ncnn\/NonMaxSuppression-unsupported/);
  assert.match(d, /source https:\/\/github.com\/Tencent\/ncnn/);
  await press(stdin, '\u001b');
  assert.not.match(lastFrame()!, /confidence high; source/);
  unmount();
});

test('findings grouped by rule (Tab), sort, switching targets (t and digits)', async () => {
  const { lastFrame, stdin, unmount } = render(createElement(App, { session }));
  await tick();
  assert.match(lastFrame()!, /findings by rule/, 'with findings, the first screen is the findings by rule');
  assert.match(lastFrame()!, /ncnn\/NonMaxSuppression-unsupported/);
  await press(stdin, '\t', 's');
  assert.match(lastFrame()!, /sort:verdict/);
  await press(stdin, 't');
  assert.match(lastFrame()!, /NVIDIA TensorRT/);
  assert.match(lastFrame()!, /READY/);
  await press(stdin, '3');
  assert.match(lastFrame()!, /Rockchip RKNN/);
  await press(stdin, '1');
  assert.match(lastFrame()!, /Tencent ncnn/);
  unmount();
});

test('matrix and help overlays open and close', async () => {
  const { lastFrame, stdin, unmount } = render(createElement(App, { session }));
  await tick();
  await press(stdin, 'm');
  const m = lastFrame()!;
  assert.match(m, /All targets/);
  for (const t of ['ncnn', 'tensorrt', 'rknn:rk3588', 'nnie', 'cv22']) assert.match(m, new RegExp(t));
  assert.match(m, /blocked/);
  await press(stdin, 'm');
  assert.not.match(lastFrame()!, /All targets/);
  await press(stdin, '?');
  assert.match(lastFrame()!, /Keys/);
  assert.match(lastFrame()!, /filter by verdict/);
  await press(stdin, '\u001b');
  assert.not.match(lastFrame()!, /^Keys/m);
  unmount();
});

test('fix: x previews the rewrites, Enter applies them, re-checks and shows the verification', async () => {
  const m = readOnnx(path);
  prepareModel(m);
  const own = buildSession(m, { path, targets: ['ncnn'], ignore: new Set() });
  const { lastFrame, stdin, unmount } = render(createElement(App, { session: own }));
  await tick();
  assert.match(lastFrame()!, /supported 91/);
  await press(stdin, 'x');
  assert.match(lastFrame()!, /Fixes for ncnn/);
  assert.match(lastFrame()!, /fold-constants \(exact\): 70 node/);
  await tick();
  stdin.write('\r');
  for (let i = 0; i < 400 && !/remain/.test(lastFrame()!); i++) await tick();
  const f = lastFrame()!;
  assert.match(f, /115 → 45 nodes/);
  assert.match(f, /equal to the original/);
  assert.match(f, /cosine 1\.000000/);
  await press(stdin, '\u001b');
  assert.match(lastFrame()!, /45 nodes/, 'the header shows the fixed model');
  unmount();
});

test('export asks for a format and a path', async () => {
  const { lastFrame, stdin, unmount } = render(createElement(App, { session }));
  /** Poll the last frame until `predicate` holds; fail with the frame after `deadlineMs`. */
  const waitForFrame = async (predicate: (frame: string) => boolean, deadlineMs = 5000): Promise<string> => {
    const t0 = Date.now();
    while (!predicate(lastFrame() ?? '')) {
      if (Date.now() - t0 > deadlineMs) throw new Error(`frame condition not met; frame:\n${lastFrame()}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    return lastFrame()!;
  };
  // a key sent while a prompt is still on screen is sent again: the overlay's key handler attaches after its first frame
  const keyUntil = async (key: string, prompt: RegExp, next: RegExp): Promise<void> => {
    await waitForFrame((f) => {
      if (next.test(f)) return true;
      if (prompt.test(f)) stdin.write(key);
      return false;
    });
  };
  await waitForFrame((f) => /findings by rule/.test(f));
  await keyUntil('e', /findings by rule/, /format: \(o\) ONNX/);
  await keyUntil('o', /format: \(o\) ONNX/, /path: model\.fixed\.onnx/);
  await press(stdin, '\u001b');
  assert.not.match(lastFrame()!, /Export/);
  unmount();
});

test('every line fits the terminal width', async () => {
  const { lastFrame, unmount } = render(createElement(App, { session }));
  await tick();

  for (const line of lastFrame()!
    .replace(/\x1b\[[0-9;]*m/g, '')
    .split('\n'))
    assert.ok([...line].length <= 100, `line too long (${[...line].length}): ${line}`);
  unmount();
});

test.run();
