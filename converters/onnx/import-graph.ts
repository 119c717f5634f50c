import { Graph, GraphError } from '../../src/ir/graph.js';
import type { Attr, Attrs } from '../../src/ir/attr.js';
import type { Value } from '../../src/ir/value.js';
import { dtypeFromCode } from '../../src/ir/dtype.js';
import { InputError } from '../../src/io/input-error.js';
import { num, restOf, type AttributeProto, type GraphProto, type ValueInfoProto } from './proto-types.js';
import { checkDims, tensorFromProto, type TensorContext } from './tensor-proto.js';
import { sparseToDense } from './sparse.js';
import { enforceLimit } from '../../src/io/limits.js';
import { protoDims } from './type-proto.js';

const utf8 = new TextDecoder();

/** Fields of each message the IR models; the rest is kept in `meta.onnx` and written back as read. */
const GRAPH_FIELDS = [
  'node',
  'name',
  'initializer',
  'sparseInitializer',
  'docString',
  'input',
  'output',
  'valueInfo',
  'quantizationAnnotation',
];
const NODE_FIELDS = ['input', 'output', 'name', 'opType', 'domain', 'attribute', 'docString'];
const VALUE_INFO_FIELDS = ['name', 'type', 'docString'];
const ATTRIBUTE_FIELDS = [
  'name',
  'refAttrName',
  'type',
  'f',
  'i',
  's',
  't',
  'g',
  'sparseTensor',
  'tp',
  'floats',
  'ints',
  'strings',
  'tensors',
  'graphs',
  'sparseTensors',
  'typeProtos',
];

/** GraphProto → Graph (recursively for subgraphs, whose nodes may use values of enclosing graphs). */
export function graphFromProto(gp: GraphProto, ctx: TensorContext, parent: Graph | null = null): Graph {
  enforceLimit(ctx.file, 'subgraphDepth', nestingDepth(parent));
  const g = new Graph(gp.name ?? '', parent);
  g.docString = gp.docString ?? '';
  const graphRest = restOf(gp, GRAPH_FIELDS);
  if (graphRest) g.meta.onnx = graphRest;
  for (const t of gp.initializer ?? []) {
    const v = g.value(t.name ?? '');
    v.data = tensorFromProto(t, ctx);
    v.dtype = v.data.dtype;
    v.shape = [...v.data.dims];
  }
  for (const s of gp.sparseInitializer ?? []) {
    const name = s.values?.name ?? '';
    const v = g.value(name);
    v.data = sparseToDense(s, ctx);
    v.dtype = v.data.dtype;
    v.shape = [...v.data.dims];
    v.meta.sparse = true;
    v.meta.onnxSparse = { proto: s, tensor: v.data };
  }
  for (const vi of gp.input ?? []) {
    const v = g.value(vi.name ?? '');
    setType(v, vi, ctx);
    g.inputs.push(v);
  }
  for (const vi of gp.valueInfo ?? []) setType(g.value(vi.name ?? ''), vi, ctx);
  enforceLimit(ctx.file, 'nodes', gp.node?.length ?? 0);
  const known = (name: string): Value | undefined => g.values.get(name) ?? parent?.lookup(name);
  const produced = new Set<string>();
  for (const n of gp.node ?? []) for (const o of n.output ?? []) if (o) produced.add(o);
  for (const [i, np] of (gp.node ?? []).entries()) {
    const inputs = (np.input ?? []).map((name) => {
      if (name === '') return null;
      const v = known(name) ?? (produced.has(name) ? g.value(name) : undefined);
      if (!v)
        throw new InputError(
          ctx.file,
          `node '${np.name || np.opType || i}' uses '${name}', which no node, input or initializer defines`,
        );
      return v;
    });
    const attrs: Attrs = new Map();
    enforceLimit(ctx.file, 'attributesPerNode', np.attribute?.length ?? 0);
    const attrRest: Record<string, unknown> = {};
    for (const a of np.attribute ?? []) {
      attrs.set(a.name ?? '', attrFromProto(a, ctx, g));
      const rest = restOf(a, ATTRIBUTE_FIELDS);
      if (rest) attrRest[a.name ?? ''] = rest;
    }
    try {
      const node = g.addNode({
        op: np.opType ?? '',
        domain: np.domain === 'ai.onnx' ? '' : (np.domain ?? ''),
        name: np.name ?? '',
        inputs,
        outputs: (np.output ?? []).map((o) => (o === '' ? null : o)),
        attrs,
      });
      node.docString = np.docString ?? '';
      const rest = restOf(np, NODE_FIELDS);
      if (rest) node.meta.onnx = rest;
      if (Object.keys(attrRest).length) node.meta.onnxAttrs = attrRest;
    } catch (e) {
      if (e instanceof GraphError) throw new InputError(ctx.file, e.message);
      throw e;
    }
  }
  for (const vi of gp.output ?? []) {
    const v = known(vi.name ?? '');
    if (!v)
      throw new InputError(ctx.file, `graph output '${vi.name}' is not produced by any node, input or initializer`);
    setType(v, vi, ctx);
    g.outputs.push(v);
  }
  if (gp.quantizationAnnotation?.length) g.meta.quantizationAnnotation = gp.quantizationAnnotation;
  try {
    g.toposort();
  } catch (e) {
    if (e instanceof GraphError) throw new InputError(ctx.file, e.message);
    throw e;
  }
  return g;
}

/** How many graphs enclose a subgraph whose parent is `parent` (0 for the main graph). */
function nestingDepth(parent: Graph | null): number {
  let depth = 0;
  for (let g = parent; g; g = g.parent) depth++;
  return depth;
}

function setType(v: Value, vi: ValueInfoProto, ctx: TensorContext): void {
  if (vi.docString) v.docString = vi.docString;
  const rest = restOf(vi, VALUE_INFO_FIELDS);
  if (rest) v.meta.onnx = rest;
  if (vi.type) v.meta.onnxType = vi.type; // written back as read while dtype and shape still agree with it
  const tt = vi.type?.tensorType ?? vi.type?.sparseTensorType;
  if (!tt) {
    if (vi.type && (vi.type.sequenceType || vi.type.mapType || vi.type.optionalType || vi.type.opaqueType))
      v.meta.type = vi.type;
    return;
  }
  const dt = dtypeFromCode(tt.elemType ?? 0);
  if (dt) v.dtype = dt;
  const dims = protoDims(tt);
  if (dims) {
    const fixed = dims.filter((d): d is number => typeof d === 'number');
    checkDims(fixed, `value '${vi.name}'`, ctx);
    v.shape = dims;
  }
}

export function attrFromProto(a: AttributeProto, ctx: TensorContext, g: Graph): Attr {
  if (a.refAttrName) return { type: 'ref', attrType: String(a.type ?? 0), value: a.refAttrName };
  switch (a.type) {
    case 1:
      return { type: 'float', value: a.f ?? 0 };
    case 2:
      return { type: 'int', value: num(a.i) };
    case 3:
      return { type: 'string', value: utf8.decode(a.s ?? new Uint8Array()) };
    case 4:
      return { type: 'tensor', value: tensorFromProto(present(a.t, a, ctx), ctx, `attribute '${a.name}'`) };
    case 5:
      return { type: 'graph', value: graphFromProto(present(a.g, a, ctx), ctx, g) };
    case 6:
      return { type: 'floats', value: [...(a.floats ?? [])] };
    case 7:
      return { type: 'ints', value: (a.ints ?? []).map(num) };
    case 8:
      return { type: 'strings', value: (a.strings ?? []).map((s) => utf8.decode(s)) };
    case 9:
      return { type: 'tensors', value: (a.tensors ?? []).map((t) => tensorFromProto(t, ctx, `attribute '${a.name}'`)) };
    case 10:
      return { type: 'graphs', value: (a.graphs ?? []).map((sg) => graphFromProto(sg, ctx, g)) };
    case 11:
      return { type: 'opaque', kind: 'sparse_tensor', value: a.sparseTensor };
    case 12:
      return { type: 'opaque', kind: 'sparse_tensors', value: a.sparseTensors };
    case 13:
      return { type: 'opaque', kind: 'type_proto', value: a.tp };
    case 14:
      return { type: 'opaque', kind: 'type_protos', value: a.typeProtos };
    default:
      return inferAttrType(a, ctx, g);
  }
}

/** The value field an attribute's declared type names, or an InputError when it is absent. */
function present<T>(v: T | null | undefined, a: AttributeProto, ctx: TensorContext): T {
  if (v === undefined || v === null)
    throw new InputError(ctx.file, `attribute '${a.name}' of type ${a.type} has no value`);
  return v;
}

/** Old models sometimes omit AttributeProto.type: infer it from the field that is set. */
function inferAttrType(a: AttributeProto, ctx: TensorContext, g: Graph): Attr {
  if (a.floats?.length) return { type: 'floats', value: [...a.floats] };
  if (a.ints?.length) return { type: 'ints', value: a.ints.map(num) };
  if (a.strings?.length) return { type: 'strings', value: a.strings.map((s) => utf8.decode(s)) };
  if (a.t) return { type: 'tensor', value: tensorFromProto(a.t, ctx) };
  if (a.g) return { type: 'graph', value: graphFromProto(a.g, ctx, g) };
  if (a.s?.length) return { type: 'string', value: utf8.decode(a.s) };
  if (a.f) return { type: 'float', value: a.f };
  if (a.i !== undefined && a.i !== null) return { type: 'int', value: num(a.i) };
  throw new InputError(ctx.file, `attribute '${a.name}' has unknown type ${a.type}`);
}
