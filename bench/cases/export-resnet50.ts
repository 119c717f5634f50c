/**
 * Issue 18 row 4: ResNet-50 (102 MB) → ncnn, → ONNX and → Caffe (prototxt + caffemodel) through `convcheck
 * convert`, whole process, against onnx2ncnn when the machine has it. Targets: no slower than onnx2ncnn, peak RSS ≤ 1.2× the model file.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { CLI, generatedModel, sizeOf } from '../generated-models.js';
import { havePythonOnnx, measureProcess, row } from '../process-stats.js';
import { onnx2ncnn } from '../onnx2ncnn.js';

if (!havePythonOnnx()) {
  console.log(
    'export rows skipped: python3 with onnx is absent (apt-get install python3-onnx), the model is built with it',
  );
  process.exit(0);
}
const path = generatedModel('resnet50');
const fileMB = sizeOf(path);
const out = mkdtempSync(join(tmpdir(), 'convcheck-bench-export-'));
const tool = onnx2ncnn();
const toolPath = 'path' in tool ? tool.path : null;
const yardstick = toolPath ? measureProcess(toolPath, [path, join(out, 'y.param'), join(out, 'y.bin')]) : null;
const TARGET_FILE: Record<string, string> = { ncnn: 'r50.param', onnx: 'r50.onnx', caffe: 'r50.prototxt' };
for (const to of ['ncnn', 'onnx', 'caffe']) {
  const target = join(out, TARGET_FILE[to]!);
  const ours = measureProcess(process.execPath, [CLI, 'convert', path, '--to', to, '-o', target, '--quiet']);
  console.log(
    row(`resnet50 → ${to} (${fileMB.toFixed(0)} MiB)`, ours, {
      rssPerFile: (ours.peakRssMB / fileMB).toFixed(2),
      ...(yardstick
        ? {
            timeVsOnnx2ncnn: (ours.seconds / yardstick.seconds).toFixed(2),
            rssVsOnnx2ncnn: (ours.peakRssMB / yardstick.peakRssMB).toFixed(2),
          }
        : {}),
      meets:
        ours.peakRssMB <= 1.2 * fileMB && (!yardstick || ours.seconds <= yardstick.seconds)
          ? 'yes'
          : 'no (target ≤1.2× the file, ≤ onnx2ncnn time)',
    }),
  );
}
if (yardstick)
  console.log(
    row(`  onnx2ncnn (C++, ${toolPath})`, yardstick, { rssPerFile: (yardstick.peakRssMB / fileMB).toFixed(2) }),
  );
else console.log(`  onnx2ncnn absent: ${'absent' in tool ? tool.absent : ''} (no ratio)`);
rmSync(out, { recursive: true, force: true });
