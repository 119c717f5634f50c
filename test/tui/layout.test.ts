/**
 * The list layout on real rows of a real model: a 500-character node name and East Asian wide names
 * stay inside the width, a 10 000-row list renders only its visible window, and the column helpers
 * share the width as specified.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createElement } from 'react';
import { render } from 'ink-testing-library';
import { readOnnx } from '../../converters/onnx/import.js';
import { prepareModel } from '../../src/cli/prepare-model.js';
import { buildSession } from '../../src/tui/index.js';
import { nodeRows, type NodeRow } from '../../src/tui/session.js';
import { NodeList } from '../../src/tui/node-list.js';
import { setColor } from '../../src/tui/color.js';
import { cellWidth, columnWidths, fit, wrapFit } from '../../src/tui/layout.js';
import { sample } from '../helpers/samples.js';
import { waitForFrame } from '../helpers/wait-for-frame.js';

setColor(false);
const path = sample('ssd-op13').path;
const model = readOnnx(path);
prepareModel(model);
const session = buildSession(model, { path, targets: ['ncnn'], ignore: new Set() });
const rows = nodeRows(session, 'ncnn', 'unsupported', '', 'graph');

const renamed = (r: NodeRow, name: string): NodeRow => ({
  ...r,
  node: Object.assign(Object.create(Object.getPrototypeOf(r.node) as object) as NodeRow['node'], r.node, {
    name,
    origin: undefined,
  }),
});

test('a 500-character node name and wide (CJK) names keep every row inside the width', async () => {
  const long = [renamed(rows[0]!, 'n'.repeat(500)), renamed(rows[1]!, '層'.repeat(100)), ...rows.slice(2)];
  const { lastFrame, unmount } = render(
    createElement(NodeList, { rows: long, selected: 0, top: 0, height: 10, width: 80 }),
  );
  const frame = await waitForFrame(lastFrame, (x) => x.split('\n').length >= long.length);
  const f = frame.replace(/\x1b\[[0-9;]*m/g, ''); // the selected row is drawn inverse
  for (const line of f.split('\n')) assert.ok(cellWidth(line) <= 80, `row wider than 80 cells: ${line}`);
  const first = f.split('\n')[0]!;
  assert.match(first, /n…/, 'the long name is cut with an ellipsis');
  assert.match(first, /NonMaxSuppression|TopK|\w/, 'the op column is still there');
  unmount();
});

test('10 000 rows: only the visible window is rendered, the position is the real one', async () => {
  const many = Array.from({ length: 10000 }, (_, i) => ({ ...rows[i % rows.length]!, index: i }));
  const { lastFrame, unmount } = render(
    createElement(NodeList, { rows: many, selected: 9995, top: 9990, height: 10, width: 120 }),
  );
  const f = await waitForFrame(lastFrame, (x) => x.length > 0);
  assert.is(f.split('\n').length, 10, 'ten rows on screen, not ten thousand');
  unmount();
});

test('fit cuts at the width with an ellipsis and pads to it; wrapFit keeps every piece', () => {
  assert.is(fit('abcdef', 4), 'abc…');
  assert.is(fit('ab', 4), 'ab  ');
  assert.is(cellWidth(fit('層層層', 4)), 4, 'a wide character is not split across the edge');
  const text = 'ncnn has no batch axis: Concat along axis 0 cannot be converted';
  const wrapped = wrapFit(text, 20);
  for (const l of wrapped) assert.is(cellWidth(l), 20);
  assert.is(wrapped.join('').replace(/\s+/g, ''), text.replace(/\s+/g, ''), 'no character lost');
});

test('columnWidths: fixed columns as given, the growing one takes exactly what is left', () => {
  for (const total of [80, 120, 200]) {
    const w = columnWidths(total, [{ width: 7 }, { width: 20 }, { width: 4 }, { width: 0, grow: 1 }]);
    assert.equal(w.slice(0, 3), [7, 20, 4]);
    assert.is(w.reduce((a, b) => a + b, 0) + 3, total, `columns and gaps fill ${total}`);
  }
});

test.run();
