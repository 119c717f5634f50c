/** Time from parsed model to the TUI's first screen (ink, rendered off-screen) for the ~100 MB model. */
import { createElement } from 'react';
import { render } from 'ink-testing-library';
import { loadModel } from '../../converters/index.js';
import { prepareModel } from '../../src/cli/prepare-model.js';
import { buildSession } from '../../src/tui/index.js';
import { App } from '../../src/tui/app.js';
import { report } from '../measure.js';
import { convChain } from '../fixtures.js';

const path = convChain('conv-chain-100mb.onnx', 40, 256);
const model = loadModel(path);
const t0 = process.hrtime.bigint();
prepareModel(model);
const session = buildSession(model, { path, targets: ['ncnn'], ignore: new Set() });
const app = render(createElement(App, { session }));
const first = app.lastFrame() ?? '';
const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
if (!/Tencent ncnn/.test(first)) {
  console.error('first screen not rendered');
  process.exit(1);
}
report({ name: 'TUI first screen after parsing (~100 MB model)', seconds });
app.unmount();
process.exit(0);
