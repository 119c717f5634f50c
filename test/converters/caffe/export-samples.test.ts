/**
 * Caffe export of every ONNX sample, checked in OpenCV dnn: each is either written and all its outputs
 * match onnxruntime on the original (≤ 1e-4 of the output range), or refused with named blockers and
 * nothing written. Every written net is read back by convcheck's Caffe importer and matches again.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readOnnx } from '../../../converters/onnx/import.js';
import { exportCaffe } from '../../../src/cli/export-pipeline/caffe.js';
import { ExportBlocked } from '../../../converters/converter.js';
import { inferShapes } from '../../../src/shape/infer.js';
import { samples } from '../../helpers/samples.js';
import { needing } from '../../helpers/prereq.js';
import { OPENCV } from '../../helpers/opencv-dnn.js';
import { exportAndCompare, exportDir, readBackDiffs } from './caffe-export-run.js';

const TOLERANCE = 1e-4;
/** Samples Caffe cannot express exactly, with an op each blocker list must name. */
const REFUSED: Record<string, string> = {
  'vit-op11': 'class_token',
  'vit-op13': 'class_token',
  'vit-op17': 'class_token',
  'ssd-op11': 'NonMaxSuppression',
  'ssd-op13': 'NonMaxSuppression',
  'ssd-op17': 'NonMaxSuppression',
  lstm: 'LSTM',
  gru: 'GRU',
  text_gru: 'GRU',
};

const withOpenCv = needing(test, OPENCV);

for (const s of samples((x) => x.format === 'onnx')) {
  const refusal = REFUSED[s.name];
  const load = () => {
    const m = readOnnx(s.path);
    const dynamic = m.graph.inputs.find((v) => !v.data && v.shape?.some((d) => typeof d !== 'number'));
    inferShapes(m, { inputShapes: dynamic ? new Map([[dynamic.name, [1, 3, 64, 64]]]) : undefined });
    return m;
  };
  if (refusal) {
    test(`${s.name}: Caffe export refused with named blockers, nothing written`, () => {
      const out = join(exportDir, `refused-${s.name}.prototxt`);
      try {
        exportCaffe(load(), out, {});
        assert.unreachable('the export should be refused');
      } catch (e) {
        if (!(e instanceof ExportBlocked)) throw e;
        assert.ok(
          e.blockers.some((b) => b.includes(refusal)),
          `blockers name ${refusal}: ${e.blockers.join(' | ')}`,
        );
      }
      assert.not.ok(existsSync(out));
      assert.not.ok(existsSync(out.replace('.prototxt', '.caffemodel')));
    });
    continue;
  }
  withOpenCv(`${s.name}: Caffe export matches onnxruntime in OpenCV dnn, and reads back`, async () => {
    const r = await exportAndCompare(load(), s.name);
    if (!r.written) throw new Error(`refused: ${r.blockers.join(' | ')}`);
    for (const [name, d] of r.diffs) assert.ok(d.maxRel <= TOLERANCE, `${name}: max rel ${d.maxRel} (OpenCV)`);
    // round trip: convcheck's Caffe importer reads the files back, and onnxruntime on that equals the original
    for (const [value, d] of await readBackDiffs(r))
      assert.ok(d.maxRel <= TOLERANCE, `${value}: max rel ${d.maxRel} (read back)`);
  });
}

test.run();
