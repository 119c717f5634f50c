/**
 * ncnn export: translate a prepared model (checked and rewritten by the export pipeline, src/cli/export-pipeline)
 * into ncnn layers, refuse (writing nothing) with every node it cannot write, then write .param and .bin
 * atomically. Split layers for blobs with several consumers, MemoryData for constants used as activations, Input
 * layers first. It only reads the model.
 */
import { dirname, extname } from 'node:path';
import { mkdirSync } from 'node:fs';
import type { Model } from '../../src/ir/model.js';
import type { Value } from '../../src/ir/value.js';
import type { Node } from '../../src/ir/node.js';
import { float32Via } from '../../src/ir/float32-via.js';
import { knownValue } from '../../src/shape/infer.js';
import { chunkBytes, writeFilesAtomic } from '../../src/io/atomic-write.js';
import { exportProgress } from '../export-progress.js';
import { ExportBlocked, type ExportOptions } from '../converter.js';
import type { NcnnLayer } from './ncnn-layer.js';
import { ExportRefusal, batchFirst, exportNode, shapeParams, type LayerSink } from './export-layers.js';
import { batchAxisOf } from '../../src/shape/batch-axis.js';
import { paramId } from './ncnn-table.js';
import { binChunks, binSize, paramFile } from './write-files.js';
import { deferredWeight, weightCount } from './deferred-weight.js';
import { multiheadAttentions, type MultiheadAttention } from '../../src/patterns/multihead-attention.js';
import { sequenceRegions } from '../../src/patterns/sequence-major.js';

/** The ncnn layers of a prepared model; throws ExportBlocked with every node it cannot write (each names its rule). */
export function toNcnnLayers(model: Model): { layers: NcnnLayer[] } {
  const layers: NcnnLayer[] = [];
  const names = new Set<string>();
  let fresh = 0;
  const memo = new Map<string, string>();
  const sink: LayerSink = {
    fresh: (base) => {
      let n = `${base}_${fresh++}`;
      while (names.has(n)) n = `${base}_${fresh++}`;
      names.add(n);
      return n;
    },
    emit: (l) => layers.push(l),
    needed: (v) => v.consumers.length > 0 || model.graph.outputs.includes(v),
    blob: (v: Value, shape?: number[]) => {
      const t = knownValue(v);
      if (!t) return v.name;
      const s = shape ?? [...t.dims];
      const key = `${v.name}|${s.join(',')}`;
      const have = memo.get(key);
      if (have) return have;
      const name = sink.fresh(`${v.name}_memorydata`);
      const full = s.length && s[0] === 1 ? s : [1, ...s];
      layers.push({
        type: 'MemoryData',
        name,
        bottoms: [],
        tops: [name],
        params: new Map([...shapeParams('MemoryData', full)]),
        weights: [deferredWeight(t.count, false, (scratch) => float32Via(t, scratch.input))],
      });
      memo.set(key, name);
      return name;
    },
  };
  const blockers: string[] = [];
  for (const v of model.graph.inputs) {
    if (v.data) continue;
    if (!v.shape) {
      blockers.push(`input ${v.name}: not a tensor of known rank [ncnn/model-input-tensor]`);
      continue;
    }
    if (v.shape.some((d) => typeof d !== 'number')) {
      blockers.push(`input ${v.name}: dims [${v.shape.join(',')}] are not static [ncnn/model-dynamic-input]`);
      continue;
    }
    try {
      const params = shapeParams('Input', batchFirst(v.shape as number[], batchAxisOf(v)));
      layers.push({ type: 'Input', name: v.name, bottoms: [], tops: [v.name], params, weights: [] });
    } catch (e) {
      if (!(e instanceof ExportRefusal)) throw e;
      blockers.push(`input ${v.name}: ${e.message} [${e.ruleId}]`);
    }
  }
  const shuffles = shuffleChannels(model);
  const attention = new Map<Node, MultiheadAttention>();
  for (const m of multiheadAttentions(model.graph)) for (const n of m.nodes) attention.set(n, m);
  const glue = new Set<Node>();
  for (const r of sequenceRegions(model.graph)) for (const n of r.glue) glue.add(n);
  for (const n of model.graph.nodes) {
    if (glue.has(n)) {
      sink.emit({
        type: 'Noop',
        name: n.name || sink.fresh('noop'),
        bottoms: [sink.blob(n.inputs[0]!)],
        tops: [n.outputs[0]!.name],
        params: new Map(),
        weights: [],
      });
      continue;
    }
    const mha = attention.get(n);
    if (mha) {
      if (mha.output.producer === n)
        sink.emit(attentionLayer(mha, n.name || sink.fresh('attention'), sink.blob(mha.input)));
      continue;
    }
    const sc = shuffles.get(n);
    if (sc) {
      if (sc.first === n)
        sink.emit({
          type: 'ShuffleChannel',
          name: n.name || sink.fresh('shufflechannel'),
          bottoms: [sink.blob(n.inputs[0]!)],
          tops: [sc.out.name],
          params: new Map([[paramId('ShuffleChannel', 'group'), sc.group]]),
          weights: [],
        });
      continue;
    }
    if (n.outputs.every((o) => !o || knownValue(o))) continue; // folded constants
    if (n.op === 'Identity' || n.op === 'Dropout') {
      layers.push({
        type: 'Noop',
        name: n.name || sink.fresh('noop'),
        bottoms: [sink.blob(n.inputs[0]!)],
        tops: [n.outputs[0]!.name],
        params: new Map(),
        weights: [],
      });
      continue;
    }
    try {
      exportNode(n, sink);
    } catch (e) {
      if (e instanceof ExportRefusal) blockers.push(`${n.name || n.op} (${n.op}): ${e.message} [${e.ruleId}]`);
      else throw e;
    }
  }
  if (blockers.length) throw new ExportBlocked(blockers);
  return { layers: withSplits(layers) };
}

/**
 * Reshape [1,g,C/g,H,W] → Transpose [0,2,1,3,4] → Reshape [1,C,H,W] is ncnn's ShuffleChannel (group g),
 * and so is its 4-D form with H·W merged (Reshape [1,g,C/g,H·W] → Transpose [0,2,1,3]).
 */
function shuffleChannels(model: Model): Map<Node, { first: Node; out: Value; group: number }> {
  const found = new Map<Node, { first: Node; out: Value; group: number }>();
  const single = (v: Value | null | undefined): Node | null =>
    v && v.consumers.length === 1 && !model.graph.outputs.includes(v) ? v.consumers[0]! : null;
  for (const r1 of model.graph.nodes) {
    const a = r1.outputs[0]?.shape;
    if (r1.op !== 'Reshape' || !a || (a.length !== 5 && a.length !== 4) || a[0] !== 1) continue;
    const t = single(r1.outputs[0]);
    if (!t || t.op !== 'Transpose' || t.ints('perm')?.join(',') !== (a.length === 5 ? '0,2,1,3,4' : '0,2,1,3'))
      continue;
    const r2 = single(t.outputs[0]);
    const b = r2?.outputs[0]?.shape,
      x = r1.inputs[0]?.shape;
    if (!r2 || r2.op !== 'Reshape' || !b || !x || b.join(',') !== x.join(',')) continue;
    if (a.length === 4 && (x.length !== 4 || x[1] !== (a[1] as number) * (a[2] as number))) continue;
    const entry = { first: r1, out: r2.outputs[0]!, group: a[1] as number };
    for (const n of [r1, t, r2]) found.set(n, entry);
  }
  return found;
}

/** A recognised attention region as ncnn's MultiHeadAttention (self-attention: one bottom blob [T,E]). */
function attentionLayer(m: MultiheadAttention, name: string, bottom: string): NcnnLayer {
  const E = m.embedDim,
    p = (k: string): number => paramId('MultiHeadAttention', k);
  return {
    type: 'MultiHeadAttention',
    name,
    bottoms: [bottom],
    tops: [m.output.name],
    params: new Map([
      [p('embed_dim'), E],
      [p('num_heads'), m.heads],
      [p('weight_data_size'), E * E],
      [p('kdim'), E],
      [p('vdim'), E],
      [p('scale'), m.scale],
    ]),
    // the weight matrices are computed when the .bin writer reaches them (one at a time), the biases now
    weights: [
      deferredWeight(E * E, true, () => m.qWeight),
      { data: m.qBias, tagged: false },
      deferredWeight(E * E, true, () => m.kWeight),
      { data: m.kBias, tagged: false },
      deferredWeight(E * E, true, () => m.vWeight),
      { data: m.vBias, tagged: false },
      deferredWeight(E * E, true, () => m.outWeight),
      { data: m.outBias, tagged: false },
    ],
  };
}

/** Every blob is consumed once: blobs with several consumers go through a Split layer. */
function withSplits(layers: NcnnLayer[]): NcnnLayer[] {
  const uses = new Map<string, number>();
  for (const l of layers) for (const b of l.bottoms) uses.set(b, (uses.get(b) ?? 0) + 1);
  const out: NcnnLayer[] = [];
  const next = new Map<string, number>();
  for (const l of layers) {
    l.bottoms = l.bottoms.map((b) =>
      (uses.get(b) ?? 0) > 1 ? `${b}_splitncnn_${next.set(b, (next.get(b) ?? 0) + 1).get(b)! - 1}` : b,
    );
    out.push(l);
    for (const t of l.tops) {
      const k = uses.get(t) ?? 0;
      if (k > 1)
        out.push({
          type: 'Split',
          name: `splitncnn_${t}`,
          bottoms: [t],
          tops: Array.from({ length: k }, (_, i) => `${t}_splitncnn_${i}`),
          params: new Map(),
          weights: [],
        });
    }
  }
  return out;
}

/** Write <out>.param and <out>.bin (given either name, or a base name) of a prepared model. */
export function writeNcnn(model: Model, outPath: string, options: ExportOptions = {}): string[] {
  const base = ['.param', '.bin'].includes(extname(outPath)) ? outPath.slice(0, -extname(outPath).length) : outPath;
  const { layers } = toNcnnLayers(model);
  mkdirSync(dirname(base), { recursive: true }); // -o out/model.param creates out/ (only once the export is not refused)
  if (options.summary) {
    const blobs = new Set(layers.flatMap((l) => l.tops));
    const weights = layers.reduce((a, l) => a + l.weights.reduce((b, w) => b + weightCount(w), 0), 0);
    const types = new Map<string, number>();
    for (const l of layers) types.set(l.type, (types.get(l.type) ?? 0) + 1);
    options.summary.push(
      `${layers.length} layers, ${blobs.size} blobs, ${weights} weights (${options.fp16 ? 'fp16' : 'fp32'} storage)`,
    );
    options.summary.push(
      `layers: ${[...types]
        .sort((a, b) => b[1] - a[1])
        .map(([t, n]) => `${t} ${n}`)
        .join(', ')}`,
    );
  }
  const param = paramFile(layers);
  return writeFilesAtomic(
    [
      { path: `${base}.param`, chunks: [param], size: chunkBytes(param) },
      {
        path: `${base}.bin`,
        chunks: binChunks(layers, { fp16: options.fp16 }),
        size: binSize(layers, { fp16: options.fp16 }),
      },
    ],
    options.protect ?? (model.path ? [model.path] : []),
    { onProgress: exportProgress(options) },
  );
}
