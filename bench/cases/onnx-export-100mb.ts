/** Export (ONNX) of the ~100 MB model: time and peak RSS. */
import { join } from 'node:path';
import { rmSync } from 'node:fs';
import { loadModel } from '../../converters/index.js';
import { findExportPipeline } from '../../src/cli/export-pipeline/index.js';
import { measure, report } from '../measure.js';
import { BENCH_DIR, convChain, sizeMB } from '../fixtures.js';

const path = convChain('conv-chain-100mb.onnx', 40, 256);
const m = loadModel(path);
const out = join(BENCH_DIR, 'export-out.onnx');
const w = measure(() => findExportPipeline('onnx').run(m, out, {}));
report({ name: `export ONNX of ~100 MB model (${sizeMB(path).toFixed(1)} MB)`, seconds: w.seconds });
rmSync(out, { force: true });
