/**
 * Issue 18 row 3: a 5-target audit of a 2.5 GB model with external data (a 66-layer 1024-channel conv chain),
 * against python onnx's load+check+infer. Targets: ≤ 0.5 s, ≤ 100 MiB.
 */
import { convChain, sizeMB } from '../fixtures.js';
import { CLI, FIVE_TARGETS } from '../generated-models.js';
import { havePythonOnnx, measureProcess, PYTHON, PYTHON_ONNX_LARGE_SCRIPT, row } from '../process-stats.js';

const path = convChain('conv-chain-2500mb.onnx', 66, 1024, { externalData: true });
const ours = measureProcess(process.execPath, [CLI, path, '--target', FIVE_TARGETS], [0, 1]);
console.log(
  row(`5-target audit, external data (${sizeMB(path).toFixed(0)} MiB)`, ours, {
    meets: ours.seconds <= 0.5 && ours.peakRssMB <= 100 ? 'yes' : 'no (target ≤0.5 s and ≤100 MiB)',
  }),
);
if (!havePythonOnnx()) console.log('python onnx yardstick absent (apt-get install python3-onnx)');
else {
  const py = measureProcess(PYTHON, ['-c', PYTHON_ONNX_LARGE_SCRIPT, path], [0], 1);
  console.log(
    row('  python onnx load+check+infer, external data (1 run)', py, {
      speedup: `${(py.seconds / ours.seconds).toFixed(1)}×`,
    }),
  );
}
