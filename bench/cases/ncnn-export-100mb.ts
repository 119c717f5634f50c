/** ncnn export (check, fixes, .param/.bin) of the ~100 MB model: time and peak RSS. */
import { join } from 'node:path';
import { rmSync } from 'node:fs';
import { loadModel } from '../../converters/index.js';
import { findExportPipeline } from '../../src/cli/export-pipeline/index.js';
import { prepareModel } from '../../src/cli/prepare-model.js';
import { measure, report } from '../measure.js';
import { BENCH_DIR, convChain, sizeMB } from '../fixtures.js';

const path = convChain('conv-chain-100mb.onnx', 40, 256);
const m = loadModel(path);
prepareModel(m);
const out = join(BENCH_DIR, 'export-out.param');
const w = measure(() => findExportPipeline('ncnn').run(m, out, {}));
report({ name: `export ncnn of ~100 MB model (${sizeMB(path).toFixed(1)} MB)`, seconds: w.seconds });
for (const f of w.value) rmSync(f, { force: true });
