/**
 * IR → Caffe layers: Input layers for the graph inputs, then each node through its layer family.
 * Every node the writer cannot express exactly is collected as a blocker; none of them, or nothing
 * is written.
 */
import type { Model } from '../../../src/ir/model.js';
import type { Node } from '../../../src/ir/node.js';
import type { Value } from '../../../src/ir/value.js';
import { knownValue } from '../../../src/shape/infer.js';
import type { CaffeLayer } from './caffe-layer.js';
import { familyOf } from './layer-families.js';
import { formRule } from './refusal-rules.js';
import { CaffeRefusal, type CaffeFlavor, type WriteCtx } from './write-context.js';

export interface CaffeNet {
  name: string;
  layers: CaffeLayer[];
  /** Top of each graph output (by value name). */
  outputs: Map<string, string>;
  /** Per node that could not be written: `name (op): why`. */
  blockers: string[];
  /** Per node written with a stated, bounded error: `name (op): what`. */
  warnings: string[];
}

const PASS_THROUGH = new Set(['Identity', 'Dropout']);
const FLOAT_INPUTS = new Set(['float32', 'float16', 'float64']);

export function toCaffeLayers(model: Model, flavor: CaffeFlavor): CaffeNet {
  const g = model.graph;
  const layers: CaffeLayer[] = [];
  const names = new Set<string>(); // every layer and blob name, so fresh ones are new in both
  const layerNames = new Set<string>();
  const aliases = new Map<Value, string>();
  let counter = 0;
  let current = '';
  let currentOp = '';
  const warnings: string[] = [];
  const fresh = (base: string): string => {
    let n = base;
    while (names.has(n)) n = `${base}_${++counter}`;
    names.add(n);
    return n;
  };
  const ctx: WriteCtx = {
    flavor,
    opset: model.opsets.get('') ?? 13,
    top(v) {
      if (!v) throw new CaffeRefusal('an omitted input', 'caffe/omitted-input');
      const a = aliases.get(v);
      if (a) return a;
      if (knownValue(v))
        throw new CaffeRefusal(
          `constant '${v.name}' used as an activation: Caffe layers take constants as blobs only`,
          'caffe/constant-activation',
        );
      return v.name;
    },
    alias: (out, top) => void aliases.set(out, top),
    emit(l) {
      const name = layerNames.has(l.name) ? fresh(l.name) : l.name;
      layerNames.add(name);
      names.add(name);
      for (const t of l.tops) names.add(t);
      layers.push({
        name,
        type: l.type,
        bottoms: l.bottoms,
        tops: l.tops,
        params: l.params ?? {},
        blobs: l.blobs ?? [],
        origin: current,
      });
    },
    fresh,
    warn: (message) => void warnings.push(`${current} (${currentOp}): ${message}`),
  };
  for (const v of g.nodes.flatMap((n) => n.outputs)) if (v) names.add(v.name);
  const blockers: string[] = [];
  for (const v of g.inputs) {
    if (v.data) continue;
    const dims = v.shape;
    if (!dims || dims.some((d) => typeof d !== 'number')) {
      blockers.push(
        `input ${v.name}: dims [${(dims ?? []).join(',')}] are not static (give --input-shape) [caffe/input-static]`,
      );
      continue;
    }
    if (dims.length === 0) {
      blockers.push(`input ${v.name}: a scalar; OpenCV dnn and NNIE take no 0-D input blob [caffe/input-rank]`);
      continue;
    }
    if (v.dtype && !FLOAT_INPUTS.has(v.dtype)) {
      blockers.push(`input ${v.name}: ${v.dtype}, Caffe blobs are float [caffe/input-dtype]`);
      continue;
    }
    names.add(v.name);
    ctx.emit({
      name: v.name,
      type: 'Input',
      bottoms: [],
      tops: [v.name],
      params: { input_param: { shape: { dim: dims as number[] } } },
    });
  }
  for (const n of g.nodes) {
    if (n.outputs.every((o) => !o || knownValue(o))) continue; // folded constants
    current = n.name;
    currentOp = n.op;
    try {
      writeNode(n, { ...ctx, isGraphOutput: (v) => g.outputs.includes(v) });
    } catch (e) {
      if (e instanceof CaffeRefusal)
        blockers.push(`${n.name || n.op} (${n.op}): ${e.message} [${e.rule ?? formRule(n.op)}]`);
      else throw e;
    }
  }
  const written = new Set([...layers.flatMap((l) => l.tops), ...aliases.values()]);
  for (const v of g.outputs) {
    if (aliases.has(v) || written.has(v.name)) continue;
    if (knownValue(v))
      blockers.push(`output ${v.name}: a constant, which no Caffe layer writes [caffe/constant-output]`);
    else if (!blockers.length) blockers.push(`output ${v.name}: no layer writes it [caffe/output-unwritten]`);
  }
  const outputs = new Map(g.outputs.map((v) => [v.name, aliases.get(v) ?? v.name]));
  for (const [value, top] of outputs) {
    // a top that is not its layer's first (the kept part of a Slice crop), or a graph input passed through,
    // cannot be fetched as a layer's result (OpenCV dnn, nnie_mapper's reports): an identity Split layer gives
    // it a layer of its own
    const owner = layers.find((l) => l.tops.includes(top));
    if (!owner || (owner.tops[0] === top && owner.type !== 'Input')) continue;
    const own = fresh(`${top}_output`);
    ctx.emit({ name: own, type: 'Split', bottoms: [top], tops: [own] });
    outputs.set(value, own);
  }
  return { name: g.name || 'net', layers, outputs, blockers, warnings };
}

function writeNode(n: Node, c: WriteCtx & { isGraphOutput(v: Value): boolean }): void {
  if (n.domain && n.domain !== 'ai.onnx')
    throw new CaffeRefusal(`${n.domain} op: no Caffe layer is written for it`, 'caffe/op-unsupported');
  const mask = n.outputs[1];
  if (n.op === 'Dropout' && mask && (mask.consumers.length || c.isGraphOutput(mask)))
    throw new CaffeRefusal("the mask output is used: Caffe's Dropout has none", 'caffe/Dropout-mask');
  if (PASS_THROUGH.has(n.op)) return c.alias(n.outputs[0]!, c.top(n.inputs[0]));
  const family = familyOf(n.op);
  if (!family) throw new CaffeRefusal(`no Caffe layer for ONNX ${n.op}`, 'caffe/op-unsupported');
  family.write(n, c);
}
