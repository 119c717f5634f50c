/**
 * Exporters, fixes and the TUI session never change the caller's model: one loaded vit-op13 is exported to ncnn,
 * then to ONNX (directly and through the TUI session, also after a fix); the ONNX passes onnx.checker and equals
 * the original file in onnxruntime, and the loaded model's structure is unchanged after each step.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadModel } from '../../converters/index.js';
import { findExportPipeline } from '../../src/cli/export-pipeline/index.js';
import { prepareModel } from '../../src/cli/prepare-model.js';
import { buildSession } from '../../src/tui/index.js';
import { cloneModel } from '../../src/ir/clone.js';
import { runRewrites } from '../../src/rewrite/engine.js';
import type { Model } from '../../src/ir/model.js';
import type { Graph } from '../../src/ir/graph.js';
import type { Attr } from '../../src/ir/attr.js';
import { sample } from '../helpers/samples.js';
import { runOrt, sampleInput } from '../helpers/ort.js';
import { checkOnnxFiles } from '../helpers/onnx-checker.js';
import { needing } from '../helpers/prereq.js';
import { PYTHON_ONNX } from '../helpers/prerequisites.js';
import { compareOutputs, describeComparison } from '../../src/verify/compare.js';

const dir = mkdtempSync(join(tmpdir(), 'convcheck-nomut-'));
const path = sample('vit-op13').path;

function attrText(a: Attr): string {
  if (a.type === 'graph') return `graph(${graphText(a.value)})`;
  if (a.type === 'graphs') return `graphs(${a.value.map(graphText).join('|')})`;
  if (a.type === 'tensor') return `tensor(${a.value.dtype}[${a.value.dims}])`;
  if (a.type === 'tensors') return `tensors(${a.value.length})`;
  return JSON.stringify(a.value);
}

/** Every node (op, name, edges, attributes), value (dtype, shape, data identity), input and output of a graph. */
function graphText(g: Graph): string {
  const nodes = g.nodes.map(
    (n) =>
      `${n.domain}.${n.op} ${n.name} (${n.inputs.map((v) => v?.name ?? '').join(',')}) -> (${n.outputs.map((v) => v?.name ?? '').join(',')}) ${[...n.attrs].map(([k, a]) => `${k}=${attrText(a)}`).join(' ')}`,
  );
  const values = [...g.values.values()].map(
    (v) =>
      `${v.name}:${v.dtype}[${v.shape?.join(',') ?? '?'}]${v.data ? `=${v.data.dtype}[${v.data.dims}]` : ''} consumers ${v.consumers.length} producer ${v.producer?.name ?? '-'}`,
  );
  return [...nodes, ...values, `in ${g.inputs.map((v) => v.name)}`, `out ${g.outputs.map((v) => v.name)}`].join('\n');
}
const fingerprint = (m: Model): string =>
  `${[...m.opsets].join(';')}\n${graphText(m.graph)}\n${[...m.metadata].join(';')}`;

/** onnx.checker on the written file, then all outputs against the original file in onnxruntime. */
async function assertValidAndEqual(onnxPath: string, model: Model): Promise<void> {
  assert.equal([...checkOnnxFiles([onnxPath]).values()], [null], 'onnx.checker accepts the export');
  const feeds = Object.fromEntries(
    model.graph.inputs
      .filter((v) => !v.data)
      .map((v, i) => [v.name, sampleInput(v.dtype ?? 'float32', v.shape!.map(Number), 3 + i)]),
  );
  const [want, got] = [
    await runOrt(new Uint8Array(readFileSync(path)), feeds),
    await runOrt(new Uint8Array(readFileSync(onnxPath)), feeds),
  ];
  const cmp = compareOutputs(got, want);
  for (const o of cmp.outputs) assert.ok(o.ok, `${o.output}: ${describeComparison(o)}`);
}

const withOnnx = needing(test, PYTHON_ONNX);

withOnnx(
  'ncnn then ONNX export from one loaded model: the model is unchanged, the ONNX is valid and equal',
  async () => {
    const model = prepareModel(loadModel(path, { weights: 'load' }));
    const before = fingerprint(model);
    const files = findExportPipeline('ncnn').run(model, join(dir, 'vit.param'), {});
    assert.is(files.length, 2);
    assert.is(fingerprint(model), before, 'the ncnn export left the model as it was');
    assert.ok(!model.graph.nodes.some((n) => n.op === 'Gelu' || n.op === 'LayerNormalization'));
    findExportPipeline('onnx').run(model, join(dir, 'vit.onnx'), {});
    assert.is(fingerprint(model), before, 'the ONNX export left the model as it was');
    await assertValidAndEqual(join(dir, 'vit.onnx'), model);
  },
);

withOnnx('through the TUI session: export ncnn, export ONNX, fix, export ONNX again', async () => {
  const model = prepareModel(loadModel(path, { weights: 'load' }));
  const before = fingerprint(model);
  const session = buildSession(model, { path, targets: ['ncnn'], ignore: new Set() });
  session.exportModel!('ncnn', join(dir, 'tui.param'));
  assert.is(fingerprint(session.model), before, 'ncnn export from the TUI left the session model as it was');
  session.exportModel!('onnx', join(dir, 'tui.onnx'));
  await assertValidAndEqual(join(dir, 'tui.onnx'), model);
  session.planFix!('ncnn');
  assert.is(fingerprint(session.model), before, 'planning a fix changes nothing');
  const outcome = await session.applyFix!('ncnn');
  assert.ok(outcome.ok, outcome.message);
  assert.is(fingerprint(model), before, 'the fix adopted a copy; the loaded model is as it was');
  session.exportModel!('onnx', join(dir, 'tui-fixed.onnx'));
  await assertValidAndEqual(join(dir, 'tui-fixed.onnx'), model);
});

test('cloneModel: rewriting the clone leaves the original; tensors are shared views, not copies', () => {
  const model = prepareModel(loadModel(path, { weights: 'load' }));
  const before = fingerprint(model);
  const copy = cloneModel(model);
  assert.is(fingerprint(copy), before);
  const shared = model.graph.constants().every((v) => copy.graph.values.get(v.name)!.data === v.data);
  assert.ok(shared, 'constant tensors are the same objects');
  const run = runRewrites(copy, new Set(['fold-constants', 'fuse-layernorm', 'fuse-gelu']), { forExport: true });
  assert.ok(run.applications.length > 0, 'the rewrites changed the copy');
  assert.is.not(fingerprint(copy), before);
  assert.is(fingerprint(model), before);
});

test.after(() => rmSync(dir, { recursive: true, force: true }));
test.run();
