import type { Model } from '../ir/model.js';
import type { Graph } from '../ir/graph.js';
import type { Node } from '../ir/node.js';
import type { Value } from '../ir/value.js';
import type { Dim, Shape } from '../ir/shape.js';
import type { Tensor } from '../ir/tensor.js';
import { evalNode } from '../eval/eval-node.js';
import { ndFromTensor } from '../eval/nd.js';
import type { In, Out, ShapeContext, ShapeFn } from './types.js';
import { ELEMENTWISE } from './ops-elementwise.js';
import { CONV } from './ops-conv.js';
import { TENSOR } from './ops-tensor.js';
import { inferBatchAxes } from './batch-axis.js';

/** The per-op shape functions, an explicit table (default ONNX domain). */
const SHAPE_FNS: Record<string, ShapeFn> = { ...ELEMENTWISE, ...CONV, ...TENSOR };
/** Constant inputs larger than this are not evaluated during inference. */
const EVAL_INPUT_LIMIT = 1 << 16;

export interface InferOptions {
  inputShapes?: Map<string, number[]>;
}
export interface InferResult {
  unknownOps: Set<string>;
  evaluated: number;
}

/** The value of a Value when it is constant or was computed from constants during inference. */
export function knownValue(v: Value | null | undefined): Tensor | null {
  if (!v) return null;
  return v.data ?? (v.meta.value as Tensor | undefined) ?? null;
}

/**
 * Infer dtype and shape of every value (subgraphs too). Symbolic dims keep their names; shape
 * subgraphs (Shape → Gather → … → Reshape) are evaluated when their inputs are static, the results
 * kept in `value.meta.value`; data-dependent dims get fresh names (nms_1, nonzero_1 …).
 */
export function inferShapes(model: Model, options: InferOptions = {}): InferResult {
  const g = model.graph;
  for (const [name, dims] of options.inputShapes ?? []) {
    const v = g.inputs.find((x) => x.name === name);
    if (!v)
      throw new Error(
        `--input-shape: the model has no input '${name}' (inputs: ${g.inputs
          .filter((x) => !x.data)
          .map((x) => x.name)
          .join(', ')})`,
      );
    if (v.shape && v.shape.length !== dims.length)
      throw new Error(`--input-shape: input '${name}' has rank ${v.shape.length}, not ${dims.length}`);
    v.shape = [...dims];
  }
  const counters = new Map<string, number>();
  const ctx: ShapeContext = {
    opset: model.opsets.get('') ?? 17,
    fresh: (hint) => {
      const n = (counters.get(hint) ?? 0) + 1;
      counters.set(hint, n);
      return `${hint}_${n}`;
    },
  };
  const result: InferResult = { unknownOps: new Set(), evaluated: 0 };
  inferGraph(g, ctx, result);
  inferBatchAxes(g);
  return result;
}

function inferGraph(g: Graph, ctx: ShapeContext, result: InferResult): void {
  for (const v of g.constants()) {
    v.dtype = v.data!.dtype;
    v.shape = [...v.data!.dims];
  }
  for (const n of g.nodes) inferNode(n, ctx, result);
}

function inferNode(n: Node, ctx: ShapeContext, result: InferResult): void {
  if (n.domain === '' || n.domain === 'ai.onnx') {
    // evaluate constant subexpressions (shape arithmetic) so later Reshape/Slice/Resize see values
    // (small values only: this is shape arithmetic, not weight folding, which the rewriter does under a size cap)
    const ins = n.inputs.map((v) => knownValue(v));
    const small = ins.every((t) => !t || t.count <= EVAL_INPUT_LIMIT);
    const evaluable =
      n.op === 'Shape' ||
      n.op === 'Constant' ||
      (n.inputs.length > 0 && n.inputs.every((v, i) => v === null || ins[i] !== null));
    if (evaluable && small) {
      const out = evalNode(n, ins, ctx.opset);
      if (out) {
        result.evaluated++;
        out.forEach((t, i) => {
          const v = n.outputs[i];
          if (v) {
            v.meta.value = t;
            v.dtype = t.dtype;
            v.shape = [...t.dims];
          }
        });
        return;
      }
    }
  }
  const sub = subgraphOutputs(n, ctx, result);
  const fn = n.domain === '' || n.domain === 'ai.onnx' ? SHAPE_FNS[n.op] : undefined;
  let outs: Out[] | null = sub;
  if (!outs && fn) {
    const ins: (In | null)[] = n.inputs.map((v) => (v ? shapeInput(v) : null));
    try {
      outs = fn(n, ins, ctx);
    } catch {
      outs = null;
    }
  }
  if (!outs) {
    if (!fn && !sub) result.unknownOps.add(n.domain ? `${n.domain}.${n.op}` : n.op);
    return;
  }
  outs.forEach((o, i) => {
    const v = n.outputs[i];
    if (!v || !o) return;
    if (o.dtype) v.dtype = o.dtype;
    v.shape = mergeShape(o.shape, v.shape);
  });
}

function asNd(t: Tensor | null): ReturnType<typeof ndFromTensor> {
  return t && t.count <= 4096 ? ndFromTensor(t) : null;
}

/**
 * A node input as a shape function sees it. Its value is converted on first read: most shape functions
 * read the values of shape glue only, so a weight (a bias, a BatchNorm's statistics) is neither read from
 * the file nor turned into numbers.
 */
function shapeInput(v: Value): In {
  let value: In['value'] | undefined;
  return {
    dtype: v.dtype,
    shape: v.shape,
    get value() {
      value ??= asNd(knownValue(v));
      return value;
    },
  };
}

/** Inferred dims win; where inference knows nothing, keep what the file declared. */
function mergeShape(inferred: Shape, declared: Shape): Shape {
  if (!inferred) return declared;
  if (!declared || declared.length !== inferred.length) return inferred;
  return inferred.map((d, i): Dim =>
    d === null || (typeof d === 'string' && /_\d+$/.test(d) && declared[i] !== null) ? declared[i]! : d,
  );
}

/** If/Loop/Scan: infer the bodies; outputs come from the body outputs. */
function subgraphOutputs(n: Node, ctx: ShapeContext, result: InferResult): Out[] | null {
  if (n.domain !== '') return null;
  const body = (k: string): Graph | null => {
    const a = n.attr(k);
    return a && a.type === 'graph' ? a.value : null;
  };
  if (n.op === 'If') {
    const a = body('then_branch'),
      b = body('else_branch');
    if (a) inferGraph(a, ctx, result);
    if (b) inferGraph(b, ctx, result);
    return n.outputs.map((_, i) => {
      const x = a?.outputs[i],
        y = b?.outputs[i];
      const same =
        x?.shape && y?.shape && x.shape.length === y.shape.length
          ? x.shape.map((d, j) => (d === y.shape![j] ? d : null))
          : null;
      return { dtype: x?.dtype ?? y?.dtype ?? null, shape: same };
    });
  }
  if (n.op === 'Loop') {
    const g = body('body');
    if (!g) return null;
    const carried = n.inputs.slice(2);
    g.inputs.forEach((v, i) => {
      if (i === 0) {
        v.dtype ??= 'int64';
        v.shape ??= [];
      } else if (i === 1) {
        v.dtype ??= 'bool';
        v.shape ??= [];
      } else {
        const c = carried[i - 2];
        if (c) {
          v.dtype ??= c.dtype;
          v.shape ??= c.shape;
        }
      }
    });
    inferGraph(g, ctx, result);
    const k = carried.length;
    return n.outputs.map((_, i) => {
      const o = g.outputs[i + 1];
      if (i < k) return { dtype: o?.dtype ?? carried[i]?.dtype ?? null, shape: carried[i]?.shape ?? null };
      return { dtype: o?.dtype ?? null, shape: o?.shape ? [ctx.fresh('loop'), ...o.shape] : null };
    });
  }
  if (n.op === 'Scan') {
    const g = body('body');
    if (g) inferGraph(g, ctx, result);
    return n.outputs.map((_, i) => ({ dtype: g?.outputs[i]?.dtype ?? null, shape: null }));
  }
  return null;
}
