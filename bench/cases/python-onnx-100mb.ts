/** The reference: python onnx (load + check + shape inference) on the same ~100 MB model. */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { convChain, sizeMB } from '../fixtures.js';

const path = convChain('conv-chain-100mb.onnx', 40, 256);
const py = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
const script = `
import time, resource, onnx, sys
t = time.perf_counter()
m = onnx.load(sys.argv[1]); onnx.checker.check_model(m); onnx.shape_inference.infer_shapes(m)
print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
`;
const r = spawnSync(py, ['-c', script, path], { encoding: 'utf8' });
if (r.status !== 0) {
  console.log(`python onnx reference skipped: ${r.stderr.trim().split('\n').pop()}`);
  process.exit(0);
}
const [s, rss] = r.stdout.trim().split(/\s+/).map(Number);
console.log(
  JSON.stringify({
    name: `python onnx load+check+infer (${sizeMB(path).toFixed(1)} MB)`,
    seconds: s,
    peakRssMB: Math.round(rss!),
  }),
);
