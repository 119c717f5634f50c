/** The TUI on a 10 000-node model: first screen, and a jump to the last row (the list renders only what is visible). */
import { createElement } from 'react';
import { render } from 'ink-testing-library';
import { loadModel } from '../../converters/index.js';
import { prepareModel } from '../../src/cli/prepare-model.js';
import { buildSession } from '../../src/tui/index.js';
import { App } from '../../src/tui/app.js';
import { report } from '../measure.js';
import { longChain } from '../fixtures.js';

const path = longChain('chain-10k.onnx', 10000);
const model = loadModel(path);
const t0 = process.hrtime.bigint();
prepareModel(model);
const session = buildSession(model, { path, targets: ['ncnn'], ignore: new Set() });
const app = render(createElement(App, { session }));
const first = Number(process.hrtime.bigint() - t0) / 1e9;
const t1 = process.hrtime.bigint();
app.stdin.write('G');
await new Promise((r) => setTimeout(r, 0));
for (let i = 0; i < 200 && !/10000\/10000/.test(app.lastFrame() ?? ''); i++) await new Promise((r) => setTimeout(r, 5));
const jump = Number(process.hrtime.bigint() - t1) / 1e9;
if (!/10000\/10000/.test(app.lastFrame() ?? '')) {
  console.error('the jump to the last row did not render');
  process.exit(1);
}
report({ name: 'TUI 10 000 nodes: first screen after parsing', seconds: first, jumpToEndS: +jump.toFixed(3) });
app.unmount();
process.exit(0);
