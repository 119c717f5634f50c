/**
 * The quantization view of the terminal UI (ink-testing-library) on a real model with the real analysis
 * (onnxruntime): `Q` shows a progress line, then the active target's layers ranked by damage as the analysis
 * reports them (isolated per-channel SQNR rising down the list, every shown figure the report's), the summary says
 * the synthetic inputs make it indicative, the detail pane shows the selected layer's ranges and a histogram of
 * its stored weights whose counts add up to the weight's size, j moves the selection, Esc returns to the list.
 * A layer named with terminal control sequences is drawn with them escaped.
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
import { layerWeights } from '../../src/tui/quant-session.js';
import { termText } from '../../src/report/safe-text.js';
import { sample } from '../helpers/samples.js';
import { matching, press, waitForFrame, waitForInput } from '../helpers/wait-for-frame.js';

setColor(false);
const path = sample('yolo-op13').path;
const plain = (frame: string): string[] => frame.split('\n').map((l) => l.replace(/\x1b\[[0-9;]*m/g, ''));
/** Layer rows: rank, name, op, isolated, accumulated, cosine, flags. */
const layerRows = (frame: string): string[] => plain(frame).filter((l) => /^ *\d+ .* \d\.\d{4} [WSBAD.]{5}/.test(l));
const dbValue = (cell: string): number => (cell === 'exact' ? Infinity : Number(cell.replace('dB', '')));
const RESULT = /flags: W /;
const DEADLINE_MS = 120_000; // the analysis runs the model a few times in onnxruntime on a loaded machine

function freshSession(rename?: (m: ReturnType<typeof readOnnx>) => void) {
  const model = readOnnx(path);
  prepareModel(model);
  rename?.(model);
  return buildSession(model, { path, targets: ['ncnn'], ignore: new Set() });
}

test('Q: progress, then layers by damage with the detail pane; j moves; Esc returns', async () => {
  const session = freshSession();
  const app = render(createElement(App, { session }));
  await waitForFrame(app.lastFrame, matching(/findings by rule/));
  await waitForInput(app);
  app.stdin.write('Q');
  const f = await waitForFrame(app.lastFrame, matching(RESULT), DEADLINE_MS);
  assert.ok(
    app.frames.some((x) => /simulating ncnn's quantization/.test(x) && /indicative only/.test(x)),
    'a progress line before the result',
  );
  assert.match(f, /\[quantization\]/, 'the status line names the view');
  assert.match(f, /synthetic samples: indicative only/);
  const report = await session.quant!('ncnn');
  const rows = layerRows(f);
  assert.ok(rows.length >= 3, f);
  rows.forEach((row, i) => {
    const cells = row.trim().split(/ +/);
    const l = report.layers[i]!;
    assert.is(Number(cells[0]), i + 1, row);
    assert.ok(row.includes(l.node.slice(0, 6)), `row ${i} is ${l.node}: ${row}`);
    const isolated = dbValue(cells[cells.length - 4]!);
    assert.ok(Math.abs(isolated - l.isolated.channelSqnrDb) <= 0.05 || isolated === l.isolated.channelSqnrDb, row);
    if (i) assert.ok(isolated >= dbValue(layerRows(f)[i - 1]!.trim().split(/ +/).at(-4)!), 'ranked by damage');
  });
  const first = report.layers[0]!;
  const d = await press(app, '\r', matching(/\|weight\| histogram/));
  assert.match(d, new RegExp(`layer ${first.node.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}`));
  assert.match(d, /input .*: range \[/);
  assert.match(d, /calibrated \[/);
  const weights = layerWeights(session.model, first.node)!;
  const counts = plain(d)
    .map((l) => /^(\d\S*)-(\S+) +[#█]* +(\d+) *$/.exec(l))
    .filter(Boolean);
  assert.ok(counts.length >= 4, `histogram lines:\n${d}`);
  const total = counts.reduce((a, m) => a + Number(m![3]), 0);
  assert.is(total, weights.length, 'the histogram counts every weight');
  if (report.layers.length > 1) {
    const second = report.layers[1]!;
    const g = await press(
      app,
      'j',
      matching(new RegExp(`layer ${second.node.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}`)),
    );
    assert.match(g, /\|weight\| histogram/, 'the detail pane stays open');
  }
  await press(app, '\r', matching(/# layer/));
  const back = await press(app, '\x1b', matching(/\[quantization\]/, { absent: true }));
  assert.match(back, /findings by rule/);
  app.unmount();
});

test('a layer name with control sequences is drawn escaped', async () => {
  const hostile = 'evil\x1b[2J\x1b]0;pwned\x07name';
  const session = freshSession((m) => {
    const conv = m.graph.nodes.find((n) => n.op === 'Conv')!;
    conv.name = hostile;
  });
  const app = render(createElement(App, { session }));
  await waitForFrame(app.lastFrame, matching(/findings by rule/));
  await waitForInput(app);
  app.stdin.write('Q');
  const f = await waitForFrame(app.lastFrame, matching(RESULT), DEADLINE_MS);
  const report = await session.quant!('ncnn');
  const rank = report.layers.findIndex((l) => l.node === hostile);
  assert.ok(rank >= 0, 'the renamed layer is analyzed');
  let g = f;
  for (let i = 0; i < rank; i++) g = await press(app, 'j');
  const d = await press(app, '\r', matching(/\|weight\| histogram/));
  assert.ok(d.includes(`layer ${termText(hostile)}`), `the name drawn escaped:\n${d}`);
  const all = app.frames.join('\n');
  assert.not.ok(all.includes('\x1b[2J') || all.includes('\x1b]0;'), 'no control sequence reaches the terminal');
  app.unmount();
  assert.ok(g.length > 0);
});

test.run();
