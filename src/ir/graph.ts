import { Node, type Origin } from './node.js';
import { Value } from './value.js';
import type { Attrs } from './attr.js';

export interface NodeSpec {
  op: string;
  domain?: string;
  name?: string;
  inputs: (Value | null)[];
  /** Values or names of new values. */
  outputs: (Value | string | null)[];
  attrs?: Attrs;
  origin?: Origin | null;
}

/** Thrown for structurally broken graphs (cycles, dangling references); the CLI reports it as bad input. */
export class GraphError extends Error {}

/**
 * A graph: nodes in topological order, graph inputs/outputs, values by name. All edge changes go
 * through its methods so producer/consumer links stay true. A subgraph (If/Loop/Scan body) has a
 * `parent`; its nodes may consume values of enclosing graphs (outer-scope references).
 */
export class Graph {
  nodes: Node[] = [];
  inputs: Value[] = [];
  outputs: Value[] = [];
  readonly values = new Map<string, Value>();
  docString = '';
  /** Extra value_info entries in order of first appearance (export keeps them). */
  meta: Record<string, unknown> = {};
  constructor(
    public name = 'main',
    public parent: Graph | null = null,
  ) {}

  /** The value of that name in this graph or an enclosing one. */
  lookup(name: string): Value | undefined {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- walks this graph and its enclosing ones
    for (let g: Graph | null = this; g; g = g.parent) {
      const v = g.values.get(name);
      if (v) return v;
    }
    return undefined;
  }
  /** The value of that name in this graph, created if new. */
  value(name: string): Value {
    let v = this.values.get(name);
    if (!v) {
      v = new Value(name);
      this.values.set(name, v);
    }
    return v;
  }
  /** A new value whose name is unused in this graph and its parents. */
  newValue(base: string): Value {
    let name = base;
    for (let i = 1; this.lookup(name) || name === ''; i++) name = `${base}_${i}`;
    return this.value(name);
  }
  uniqueNodeName(base: string): string {
    const used = (this.nodeNames ??= new Set(this.nodes.map((n) => n.name)));
    let name = base;
    for (let i = 1; used.has(name); i++) name = `${base}_${i}`;
    used.add(name);
    return name;
  }
  private nodeNames: Set<string> | undefined;

  /** Values holding constant data and produced by no node (initializers), in insertion order. */
  constants(): Value[] {
    return [...this.values.values()].filter((v) => v.data && !v.producer);
  }

  /** Add a node; by default appended (call toposort() after inserting out of order), or before `before`. */
  addNode(spec: NodeSpec, before?: Node): Node {
    const node = new Node(spec.name ?? '', spec.op, spec.domain ?? '');
    if (spec.name !== undefined) this.nodeNames?.add(spec.name);
    if (spec.attrs) node.attrs = spec.attrs;
    node.origin = spec.origin ?? null;
    for (const v of spec.inputs) {
      node.inputs.push(v);
      v?.consumers.push(node);
    }
    for (const o of spec.outputs) {
      const v = o === null ? null : typeof o === 'string' ? this.value(o) : o;
      if (v) {
        if (v.producer && v.producer !== node)
          throw new GraphError(`value '${v.name}' is produced by two nodes ('${v.producer.name}' and '${node.name}')`);
        v.producer = node;
      }
      node.outputs.push(v);
    }
    const at = before ? this.nodes.indexOf(before) : -1;
    if (at >= 0) this.nodes.splice(at, 0, node);
    else this.nodes.push(node);
    return node;
  }

  setInput(node: Node, index: number, value: Value | null): void {
    const old = node.inputs[index];
    if (old) removeOne(old.consumers, node);
    while (node.inputs.length <= index) node.inputs.push(null);
    node.inputs[index] = value;
    value?.consumers.push(node);
  }
  /** Make `value` the node's output `index` (the previous output loses its producer). */
  setOutput(node: Node, index: number, value: Value): void {
    const old = node.outputs[index];
    if (old && old.producer === node) old.producer = null;
    if (value.producer && value.producer !== node)
      throw new GraphError(`value '${value.name}' is already produced by '${value.producer.name}'`);
    node.outputs[index] = value;
    value.producer = node;
  }
  /** Detach a node from its inputs and outputs and drop it. Its outputs keep their names but no producer. */
  removeNode(node: Node): void {
    for (const v of node.inputs) if (v) removeOne(v.consumers, node);
    for (const v of node.outputs) if (v && v.producer === node) v.producer = null;
    const i = this.nodes.indexOf(node);
    if (i >= 0) this.nodes.splice(i, 1);
  }
  /** Every use of `from` (node inputs here and in subgraphs, graph outputs) now uses `to`. */
  replaceAllUses(from: Value, to: Value): void {
    for (const n of [...from.consumers]) {
      n.inputs.forEach((v, i) => {
        if (v === from) {
          n.inputs[i] = to;
          to.consumers.push(n);
        }
      });
    }
    from.consumers.length = 0;
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- walks this graph and its enclosing ones
    for (let g: Graph | null = this; g; g = g.parent) g.outputs = g.outputs.map((v) => (v === from ? to : v));
  }
  /** Remove a value that no node uses or produces. */
  dropValue(v: Value): void {
    if (v.consumers.length || v.producer || this.outputs.includes(v) || this.inputs.includes(v)) return;
    this.values.delete(v.name);
  }
  /** Rename a value (keeps it unique). */
  rename(v: Value, name: string): void {
    if (this.values.get(v.name) === v) this.values.delete(v.name);
    v.name = name;
    this.values.set(name, v);
  }

  /** Reorder nodes topologically (stable); throws GraphError on a cycle. */
  toposort(): void {
    const order: Node[] = [];
    const state = new Map<Node, 1 | 2>();
    const inThis = new Set(this.nodes);
    const visit = (n: Node): void => {
      const s = state.get(n);
      if (s === 2) return;
      if (s === 1) throw new GraphError(`cycle through node '${n.name || n.op}'`);
      state.set(n, 1);
      const stack: [Node, number][] = [[n, 0]];
      // iterative DFS: deep graphs (10 000+ nodes in a chain) must not overflow the JS stack
      while (stack.length) {
        const top = stack[stack.length - 1]!;
        const deps = dependencies(top[0]);
        if (top[1] < deps.length) {
          const d = deps[top[1]++]!;
          if (!inThis.has(d)) continue;
          const ds = state.get(d);
          if (ds === 1) throw new GraphError(`cycle through node '${d.name || d.op}'`);
          if (ds === undefined) {
            state.set(d, 1);
            stack.push([d, 0]);
          }
        } else {
          stack.pop();
          state.set(top[0], 2);
          order.push(top[0]);
        }
      }
    };
    for (const n of this.nodes) visit(n);
    this.nodes = order;
  }

  /** Nodes of this graph and, recursively, of its subgraphs. */
  *allNodes(): Generator<Node> {
    for (const n of this.nodes) {
      yield n;
      for (const g of subgraphs(n)) yield* g.allNodes();
    }
  }
}

/** Producers of a node's inputs, including outer values used inside its subgraphs. */
function dependencies(n: Node): Node[] {
  const deps: Node[] = [];
  for (const v of n.inputs) if (v?.producer) deps.push(v.producer);
  for (const g of subgraphs(n))
    for (const inner of g.allNodes()) for (const v of inner.inputs) if (v?.producer) deps.push(v.producer);
  return deps;
}

export function subgraphs(n: Node): Graph[] {
  if (!n.attrs.size) return [];
  const out: Graph[] = [];
  for (const a of n.attrs.values()) {
    if (a.type === 'graph') out.push(a.value);
    else if (a.type === 'graphs') out.push(...a.value);
  }
  return out;
}

function removeOne<T>(arr: T[], x: T): void {
  const i = arr.indexOf(x);
  if (i >= 0) arr.splice(i, 1);
}
