/**
 * TFLite builtins that call other subgraphs or hold resource variables. WHILE becomes an ONNX Loop
 * and IF an If, their subgraphs Graph-valued attributes; STABLEHLO_CASE nested Ifs; CALL, CALL_ONCE (variable initialisation)
 * and STABLEHLO_COMPOSITE (its decomposition subgraph) are inlined; VAR_HANDLE / ASSIGN_VARIABLE /
 * READ_VARIABLE resolve at import: a read is the value last assigned before it, in program order.
 * Field ids: schema.fbs WhileOptions, IfOptions, CallOptions, CallOnceOptions,
 * StableHLOCompositeOptions, StablehloCaseOptions, VarHandleOptions (declaration order).
 */
import { Graph } from '../../src/ir/graph.js';
import type { Value } from '../../src/ir/value.js';
import { attr } from '../../src/ir/attr.js';
import { Tensor } from '../../src/ir/tensor.js';
import { InputError } from '../../src/io/input-error.js';
import type { Origin } from '../../src/ir/node.js';
import type { TflOperator } from './read-model.js';
import { SubgraphImporter } from './subgraph-importer.js';
import type { StructuralOp } from './structural-ops.js';

/** Options fields read here: field id in the options table (schema.fbs). */
const FIELDS = {
  WHILE: { cond_subgraph_index: 0, body_subgraph_index: 1 },
  IF: { then_subgraph_index: 0, else_subgraph_index: 1 },
  CALL: { subgraph: 0 },
  CALL_ONCE: { init_subgraph_index: 0 },
  STABLEHLO_COMPOSITE: { name: 0, decomposition_subgraph_index: 1 },
  STABLEHLO_CASE: { branch_subgraph_indices: 0 },
  VAR_HANDLE: { container: 0, shared_name: 1 },
} as const;

function subgraphOption<K extends keyof typeof FIELDS>(
  imp: SubgraphImporter,
  op: TflOperator,
  kind: K,
  field: keyof (typeof FIELDS)[K],
): number {
  const id = FIELDS[kind][field] as number;
  const v = op.options?.int(id, -1) ?? -1;
  if (v < 0 || v >= imp.session.tfl.subgraphs.length)
    throw new InputError(imp.file, `${op.op} names subgraph ${v} of ${imp.session.tfl.subgraphs.length}`);
  return v;
}

/** Emits subgraph `index` into `g` on the given values (inline when g is the caller's graph). */
function callSubgraph(imp: SubgraphImporter, index: number, g: Graph, inputs: (Value | null)[]): Value[] {
  return new SubgraphImporter(imp.session, index, g).emit(inputs);
}

/** A bool condition of one element as the scalar Loop and If read. */
function scalarCondition(g: Graph, cond: Value, origin: Origin): Value {
  if (cond.shape && cond.shape.length === 0) return cond;
  const shape = g.newValue(`${cond.name}/scalar_shape`);
  shape.data = emptyInt64();
  shape.dtype = 'int64';
  shape.shape = [0];
  const out = g.newValue(`${cond.name}/scalar`);
  g.addNode({ op: 'Reshape', name: g.uniqueNodeName(out.name), inputs: [cond, shape], outputs: [out], origin });
  return out;
}
function emptyInt64(): Tensor {
  return Tensor.fromBytes('int64', [0], new Uint8Array(0));
}

/** A body graph's outputs: values it produces itself, each once (others pass through an Identity). */
function bodyOutputs(g: Graph, values: Value[], origin: Origin): Value[] {
  const seen = new Set<Value>();
  return values.map((v) => {
    const own = v.producer && g.nodes.includes(v.producer) && !seen.has(v);
    seen.add(v);
    if (own) return v;
    const out = g.newValue(`${v.name}/out`);
    g.addNode({ op: 'Identity', name: g.uniqueNodeName(out.name), inputs: [v], outputs: [out], origin });
    return out;
  });
}

function bindOutputs(imp: SubgraphImporter, op: TflOperator, node: { outputs: (Value | null)[] }): void {
  op.outputs.forEach((k, j) => {
    const v = node.outputs[j]!;
    imp.setInfo(v, imp.tensor(k));
    imp.bind(k, v);
  });
}

function whileLoop(imp: SubgraphImporter, op: TflOperator, origin: Origin): boolean {
  const cond = subgraphOption(imp, op, 'WHILE', 'cond_subgraph_index');
  const bodyIndex = subgraphOption(imp, op, 'WHILE', 'body_subgraph_index');
  const g = imp.g;
  const init = op.inputs.map((k) => imp.rawValue(k));
  const first = scalarCondition(g, callSubgraph(imp, cond, g, init)[0]!, origin);
  const body = new Graph(`${origin.name}/body`, g);
  const iter = body.newValue(`${origin.name}/iteration`);
  iter.dtype = 'int64';
  iter.shape = [];
  const condIn = body.newValue(`${origin.name}/condition`);
  condIn.dtype = 'bool';
  condIn.shape = [];
  const bodySg = imp.session.tfl.subgraphs[bodyIndex]!;
  const carried = bodySg.inputs.map((k, i) => {
    const v = body.newValue(`${bodySg.tensors[k]!.name || `var_${i}`}`);
    const t = bodySg.tensors[k]!;
    v.dtype = init[i]?.dtype ?? null;
    v.shape = t.shape.length === init[i]?.shape?.length ? (init[i]!.shape ?? null) : null;
    if (t.quant) v.meta.quantization = t.quant;
    return v;
  });
  body.inputs.push(iter, condIn, ...carried);
  const next = callSubgraph(imp, bodyIndex, body, carried);
  const again = scalarCondition(body, callSubgraph(imp, cond, body, next)[0]!, origin);
  body.outputs.push(...bodyOutputs(body, [again, ...next], origin));
  const node = g.addNode({
    op: 'Loop',
    name: g.uniqueNodeName(origin.name),
    inputs: [null, first, ...init],
    outputs: op.outputs.map((k) => g.newValue(imp.tensor(k).name || `${origin.name}_${k}`)),
    attrs: new Map([['body', attr.graph(body)]]),
    origin,
  });
  bindOutputs(imp, op, node);
  return true;
}

function ifThenElse(imp: SubgraphImporter, op: TflOperator, origin: Origin): boolean {
  const g = imp.g;
  const args = op.inputs.slice(1).map((k) => imp.rawValue(k));
  const branch = (field: 'then_subgraph_index' | 'else_subgraph_index', name: string): Graph => {
    const b = new Graph(`${origin.name}/${name}`, g);
    const outs = callSubgraph(imp, subgraphOption(imp, op, 'IF', field), b, args);
    b.outputs.push(...bodyOutputs(b, outs, origin));
    return b;
  };
  const node = g.addNode({
    op: 'If',
    name: g.uniqueNodeName(origin.name),
    inputs: [scalarCondition(g, imp.rawValue(op.inputs[0]!), origin)],
    outputs: op.outputs.map((k) => g.newValue(imp.tensor(k).name || `${origin.name}_${k}`)),
    attrs: new Map([
      ['then_branch', attr.graph(branch('then_subgraph_index', 'then'))],
      ['else_branch', attr.graph(branch('else_subgraph_index', 'else'))],
    ]),
    origin,
  });
  bindOutputs(imp, op, node);
  return true;
}

/**
 * STABLEHLO_CASE(index, args…): branch `index` of branch_subgraph_indices runs on args; an index outside
 * [0, n) runs the last branch, as TFLite's kernel does. Nested Ifs on index == 0, 1, …, n − 2, the last
 * branch in the innermost else.
 */
function stablehloCase(imp: SubgraphImporter, op: TflOperator, origin: Origin): boolean {
  const branches = op.options?.ints(FIELDS.STABLEHLO_CASE.branch_subgraph_indices) ?? [];
  const count = imp.session.tfl.subgraphs.length;
  if (!branches.length) return false;
  for (const b of branches)
    if (b < 0 || b >= count) throw new InputError(imp.file, `${op.op} names subgraph ${b} of ${count}`);
  const g = imp.g;
  const args = op.inputs.slice(1).map((k) => imp.rawValue(k));
  const index = imp.rawValue(op.inputs[0]!);
  const conditions = branches.slice(0, -1).map((_, k) => {
    const eq = g.newValue(`${origin.name}/is_branch_${k}`);
    const target = imp.constant(origin.name, `branch_${k}`, index.dtype ?? 'int32', [], [k]);
    g.addNode({ op: 'Equal', name: g.uniqueNodeName(eq.name), inputs: [index, target], outputs: [eq], origin });
    return scalarCondition(g, eq, origin);
  });
  const choose = (k: number, into: Graph): Value[] => {
    if (k === branches.length - 1) return callSubgraph(imp, branches[k]!, into, args);
    const branchGraph = (name: string, emit: (b: Graph) => Value[]): Graph => {
      const b = new Graph(`${origin.name}/${name}`, into);
      b.outputs.push(...bodyOutputs(b, emit(b), origin));
      return b;
    };
    const node = into.addNode({
      op: 'If',
      name: into.uniqueNodeName(`${origin.name}/case_${k}`),
      inputs: [conditions[k]!],
      outputs: op.outputs.map((t) => into.newValue(`${imp.tensor(t).name || origin.name}/case_${k}`)),
      attrs: new Map([
        ['then_branch', attr.graph(branchGraph(`branch_${k}`, (b) => callSubgraph(imp, branches[k]!, b, args)))],
        ['else_branch', attr.graph(branchGraph(`after_${k}`, (b) => choose(k + 1, b)))],
      ]),
      origin,
    });
    node.outputs.forEach((v, j) => imp.setInfo(v!, imp.tensor(op.outputs[j]!)));
    return node.outputs.map((v) => v!);
  };
  const outs = choose(0, g);
  op.outputs.forEach((k, j) => {
    imp.setInfo(outs[j]!, imp.tensor(k));
    imp.bind(k, outs[j]!);
  });
  return true;
}

/** CALL, STABLEHLO_COMPOSITE: the called subgraph inlined on the operator's inputs. */
function inline(kind: 'CALL' | 'STABLEHLO_COMPOSITE', field: 'subgraph' | 'decomposition_subgraph_index') {
  return (imp: SubgraphImporter, op: TflOperator): boolean => {
    const index = subgraphOption(imp, op, kind, field as never);
    const outs = callSubgraph(
      imp,
      index,
      imp.g,
      op.inputs.map((k) => (k < 0 ? null : imp.rawValue(k))),
    );
    op.outputs.forEach((k, j) => imp.bind(k, outs[j]!));
    return true;
  };
}

/** CALL_ONCE runs its initialisation subgraph (ASSIGN_VARIABLEs) before the first invocation: inlined in place. */
function callOnce(imp: SubgraphImporter, op: TflOperator): boolean {
  callSubgraph(imp, subgraphOption(imp, op, 'CALL_ONCE', 'init_subgraph_index'), imp.g, []);
  return true;
}

function varHandle(imp: SubgraphImporter, op: TflOperator): boolean {
  const o = op.options;
  const name = `${o?.string(FIELDS.VAR_HANDLE.container) ?? ''}/${o?.string(FIELDS.VAR_HANDLE.shared_name) ?? ''}`;
  imp.handles.set(op.outputs[0]!, name);
  return true;
}
/** ASSIGN_VARIABLE in a nested body would carry state across iterations: left foreign there. */
function assignVariable(imp: SubgraphImporter, op: TflOperator): boolean {
  const name = imp.handles.get(op.inputs[0]!);
  if (name === undefined || imp.g.parent) return false;
  imp.session.variables.set(name, { value: imp.rawValue(op.inputs[1]!), graph: imp.g });
  return true;
}
function readVariable(imp: SubgraphImporter, op: TflOperator): boolean {
  const name = imp.handles.get(op.inputs[0]!);
  const v = name === undefined ? undefined : imp.session.variables.get(name);
  if (!v) return false;
  imp.bind(op.outputs[0]!, v.value);
  return true;
}

export const controlFlowOps: Record<string, StructuralOp> = {
  WHILE: whileLoop,
  IF: ifThenElse,
  STABLEHLO_CASE: stablehloCase,
  STABLEHLO_COMPOSITE: inline('STABLEHLO_COMPOSITE', 'decomposition_subgraph_index'),
  CALL_ONCE: callOnce,
  VAR_HANDLE: varHandle,
  ASSIGN_VARIABLE: assignVariable,
  READ_VARIABLE: readVariable,
};
