/**
 * Every model the tests export to ncnn runs in the real ncnn runtime (the vendored release, built by
 * test/helpers/ncnn-build.ts) and every output equals onnxruntime on the model before export: cosine ≥ 0.9999
 * and max abs error ≤ 1e-3 of the reference's range, no NaN/Inf where the reference is finite, same dims once
 * the batch axis is dropped. One line per model; with NCNN_REAL_TABLE=1 the table is written to docs/ncnn-real.md.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportNcnn } from '../../../src/cli/export-pipeline/ncnn.js';
import { ExportBlocked } from '../../../converters/converter.js';
import { toOnnxBytes } from '../../../converters/onnx/export.js';
import { batchAxisOf } from '../../../src/shape/batch-axis.js';
import { writeFilesAtomic } from '../../../src/io/atomic-write.js';
import { NCNN } from '../../helpers/ncnn-build.js';
import { ncnnInputDims, runNcnn, type NcnnInput } from '../../helpers/ncnn-run.js';
import { compare, runOrt, sampleInput, type Feeds, type HostTensor } from '../../helpers/ort.js';
import { needing } from '../../helpers/prereq.js';
import { ROOT } from '../../helpers/paths.js';
import { ncnnDims, ncnnFeed, withoutUnitDims } from './ncnn-layout.js';
import { realNcnnCases } from './real-ncnn-models.js';

const dir = mkdtempSync(join(tmpdir(), 'convcheck-real-ncnn-'));
const it = needing(test, NCNN);
const COSINE = 0.9999;
const MAX_ABS_OF_RANGE = 1e-3;

interface Row {
  model: string;
  origin: string;
  layers: number | null;
  outputs: string;
  maxRel: number;
  cosine: number;
  note: string;
}
const rows: Row[] = [];

/** NCNN_REAL_ONLY=<regex> runs the matching models only (debugging one model; CI runs them all). */
const only = process.env.NCNN_REAL_ONLY ? new RegExp(process.env.NCNN_REAL_ONLY) : null;
for (const c of realNcnnCases().filter((x) => !only || only.test(x.name))) {
  it(`${c.name}: real ncnn equals onnxruntime on every output`, async () => {
    const m = c.load();
    const reference = toOnnxBytes(m); // before the export, which rewrites the model it is given
    const inputs = m.graph.inputs.filter((v) => !v.data);
    const outputs = m.graph.outputs.map((v) => ({ name: v.name, batchAxis: batchAxisOf(v) }));
    const base = join(dir, c.name.replace(/[^\w.-]+/g, '_'));
    try {
      exportNcnn(m, `${base}.param`, {});
    } catch (e) {
      if (!(e instanceof ExportBlocked)) throw e;
      rows.push({ ...row(c), note: `refused: ${e.blockers[0]}` });
      return;
    }
    const feeds: Feeds = {};
    inputs.forEach((v, i) => (feeds[v.name] = sampleInput(v.dtype ?? 'float32', v.shape as number[], 3 + i)));
    const expected = await runOrt(reference, feeds);
    const param = readFileSync(`${base}.param`, 'utf8');
    const declared = ncnnInputDims(param);
    const ncnnInputs: NcnnInput[] = inputs.map((v) =>
      ncnnFeed(v.name, feeds[v.name]!, declared.get(v.name), batchAxisOf(v)),
    );
    const got = await runNcnn(
      `${base}.param`,
      ncnnInputs,
      outputs.map((o) => o.name),
    );
    let maxRel = 0,
      cosine = 1;
    for (const o of outputs) {
      const want: HostTensor = expected[o.name]!;
      const have = got.get(o.name)!;
      // ncnn may keep or drop unit dims (a [1000] blob for [1,1000,1,1]): the other dims must agree, in order
      const expectDims = ncnnDims(want.dims, o.batchAxis);
      assert.equal(
        withoutUnitDims(have.dims),
        withoutUnitDims(expectDims),
        `${c.name} ${o.name}: ncnn dims [${have.dims}] vs [${expectDims}]`,
      );
      const d = compare(have.data, want.data as ArrayLike<number>);
      for (let i = 0; i < have.data.length; i++)
        if (!Number.isFinite(have.data[i]!) && Number.isFinite(Number(want.data[i])))
          assert.unreachable(`${c.name} ${o.name}[${i}]: ncnn ${have.data[i]}, onnxruntime ${want.data[i]}`);
      maxRel = Math.max(maxRel, d.maxRel);
      cosine = Math.min(cosine, d.cosine);
      assert.ok(d.cosine >= COSINE, `${c.name} ${o.name}: cosine ${d.cosine}`);
      assert.ok(d.maxRel <= MAX_ABS_OF_RANGE, `${c.name} ${o.name}: max abs ${d.maxAbs} of range ${d.range}`);
    }
    rows.push({
      ...row(c),
      layers: param.split('\n').length - 3,
      outputs: outputs.map((o) => `${o.name} [${expected[o.name]!.dims.join('×')}]`).join(', '),
      maxRel,
      cosine,
      note: '',
    });
  });
}

function row(c: { name: string; origin: string }): Row {
  return { model: c.name, origin: c.origin, layers: null, outputs: '', maxRel: NaN, cosine: NaN, note: '' };
}

const line = (r: Row): string =>
  r.note
    ? `| ${r.model} | ${r.origin} | | | | ${r.note.replace(/\|/g, '\\|')} |`
    : `| ${r.model} | ${r.origin} | ${r.layers} | ${r.outputs} | ${r.maxRel.toExponential(1)} | ${r.cosine.toFixed(6)} |`;

test.after(() => {
  rmSync(dir, { recursive: true, force: true });
  if (!rows.length) return;
  const ran = rows.filter((r) => !r.note).length;
  const table = [
    '| model | from | ncnn layers | outputs (onnxruntime dims) | max abs / range | min cosine |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows.map(line),
  ];
  process.stdout.write(`\n  real ncnn: ${ran} models run, ${rows.length - ran} refused\n  ${table.join('\n  ')}\n`);
  if (process.env.NCNN_REAL_TABLE === '1' && !only)
    writeFilesAtomic([
      {
        path: join(ROOT, 'docs', 'ncnn-real.md'),
        chunks: [
          [
            '# Exported models in real ncnn',
            '',
            'Written by `NCNN_REAL_TABLE=1 npx uvu dist/test/converters/ncnn "real-ncnn\\.test\\.js$"`: every model the tests',
            'export, run in ncnn 20260526 (CPU, fp32, vendored source) and compared on every output with onnxruntime',
            'on the model before export. Pass: cosine ≥ 0.9999 and max abs error ≤ 1e-3 of the output range.',
            '',
            `${ran} models run, ${rows.length - ran} refused by the exporter.`,
            '',
            ...table,
            '',
          ].join('\n'),
        ],
      },
    ]);
});
test.run();
