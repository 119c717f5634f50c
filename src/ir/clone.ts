/**
 * A structural copy of a model: new Graph, Node and Value objects (so rewrites, shape inference and exporters can
 * change edges, ops, attributes and shapes freely), sharing the Tensor objects — the weight bytes are views or
 * handles of the original file and are never copied. Commands that must not change the caller's model work on
 * `cloneModel(model)`.
 */
import type { Attr, Attrs } from './attr.js';
import { Graph } from './graph.js';
import type { Model } from './model.js';
import { Node } from './node.js';
import { Value } from './value.js';

type ValueMap = Map<Value, Value>;

function cloneValue(v: Value): Value {
  const c = new Value(v.name);
  c.dtype = v.dtype;
  c.shape = v.shape ? [...v.shape] : v.shape;
  c.data = v.data; // shared: a view or a handle, never copied
  c.docString = v.docString;
  c.meta = { ...v.meta };
  return c;
}

/** The copy of `v` (a value of this graph or, for subgraphs, of an enclosing one). */
function mapped(v: Value, map: ValueMap): Value {
  let c = map.get(v);
  if (!c) {
    c = cloneValue(v); // a value no graph registers (kept only by an edge): copied on first sight
    map.set(v, c);
  }
  return c;
}

function cloneAttr(a: Attr, parent: Graph, map: ValueMap): Attr {
  switch (a.type) {
    case 'graph':
      return { type: 'graph', value: cloneGraph(a.value, parent, map) };
    case 'graphs':
      return { type: 'graphs', value: a.value.map((g) => cloneGraph(g, parent, map)) };
    case 'floats':
    case 'ints':
      return { type: a.type, value: [...a.value] } as Attr;
    case 'strings':
      return { type: 'strings', value: [...a.value] };
    case 'tensors':
      return { type: 'tensors', value: [...a.value] };
    default:
      return { ...a };
  }
}

function cloneAttrs(attrs: Attrs, owner: Graph, map: ValueMap): Attrs {
  return new Map([...attrs].map(([k, a]) => [k, cloneAttr(a, owner, map)]));
}

function cloneNode(n: Node, owner: Graph, map: ValueMap): Node {
  const c = new Node(n.name, n.op, n.domain);
  c.attrs = cloneAttrs(n.attrs, owner, map);
  c.origin = n.origin ? { ...n.origin } : null;
  c.docString = n.docString;
  c.meta = { ...n.meta };
  if (n.graphIndex !== undefined) c.graphIndex = n.graphIndex;
  for (const v of n.inputs) {
    const cv = v ? mapped(v, map) : null;
    c.inputs.push(cv);
    cv?.consumers.push(c);
  }
  for (const v of n.outputs) {
    const cv = v ? mapped(v, map) : null;
    if (cv) cv.producer = c;
    c.outputs.push(cv);
  }
  return c;
}

/** Copy a graph (and its subgraphs); `map` carries the copies of enclosing graphs' values for outer-scope uses. */
export function cloneGraph(g: Graph, parent: Graph | null = null, map: ValueMap = new Map()): Graph {
  const c = new Graph(g.name, parent);
  c.docString = g.docString;
  c.meta = { ...g.meta };
  for (const [name, v] of g.values) {
    const cv = cloneValue(v);
    map.set(v, cv);
    c.values.set(name, cv);
  }
  c.nodes = g.nodes.map((n) => cloneNode(n, c, map));
  c.inputs = g.inputs.map((v) => mapped(v, map));
  c.outputs = g.outputs.map((v) => mapped(v, map));
  return c;
}

/** A model whose graph, opsets and metadata can change without touching `model`; tensor bytes are shared. */
export function cloneModel(model: Model): Model {
  return {
    ...model,
    graph: cloneGraph(model.graph),
    opsets: new Map(model.opsets),
    producer: { ...model.producer },
    metadata: new Map(model.metadata),
    extra: { ...model.extra },
  };
}
