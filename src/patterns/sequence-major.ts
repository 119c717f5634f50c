/**
 * Batch-1 recurrent stacks as PyTorch exports batch_first RNNs: x[1,T,F] → Transpose(1,0,2) → [T,1,F] →
 * LSTM/GRU/RNN (Y [T,D,1,H]) → Squeeze(1) (D = 1) or Transpose(0,2,1,3) + Reshape [T,1,D·H] → further
 * RNN layers … → Transpose(1,0,2) → [1,T,D·H]. With batch 1, every tensor of the region holds its
 * elements in the order of a [T, features] sequence, which is how sequence layers of runtimes without a
 * batch axis (ncnn's LSTM/GRU/RNN take a (w = features, h = T) blob) see them: the glue nodes only relabel.
 */
import type { Graph } from '../ir/graph.js';
import type { Node } from '../ir/node.js';
import type { Value } from '../ir/value.js';
import { knownValue } from '../shape/infer.js';
import { tensorToNumbers } from '../ir/typed-data.js';

export interface SequenceRegion {
  /** Glue nodes that only relabel a [T, features] sequence (export as aliases). */
  glue: Set<Node>;
  /** The recurrent nodes, and the value that carries each one's [T, D·H] output sequence. */
  rnns: Map<Node, Value>;
}

const RNN = new Set(['LSTM', 'GRU', 'RNN']);
const isPerm = (n: Node, p: string): boolean => n.op === 'Transpose' && n.ints('perm')?.join(',') === p;
const shapeIs = (v: Value | null | undefined, s: string): boolean => v?.shape?.join(',') === s;
const constAxes = (n: Node): number[] | null =>
  n.ints('axes') ?? (n.inputs[1] && knownValue(n.inputs[1]) ? tensorToNumbers(knownValue(n.inputs[1])!) : null);

/**
 * A region from its first [T,1,F] sequence: the output of an entry Transpose(1,0,2) of a batch-first [1,T,F]
 * value (then glue), or a time-major graph input (batch axis 1, as PyTorch exports batch_first=False RNNs).
 */
function region(start: Value, T: number, glue: Set<Node>, g: Graph): SequenceRegion | null {
  const rnns = new Map<Node, Value>();
  let exits = 0;
  /** Follow a [T,1,F] sequence value to its consumers; false when one of them is not part of a region. */
  const follow = (v: Value): boolean => {
    // a time-major [T,1,F] graph output is the [T,F] sequence once its batch axis (1) is dropped
    if (g.outputs.includes(v)) {
      if (v.batchAxis !== 1 || v.consumers.length) return false;
      exits++;
      return true;
    }
    for (const c of v.consumers) {
      if (isPerm(c, '1,0,2') && shapeIs(c.outputs[0], `1,${T},${v.shape![2]}`)) {
        glue.add(c);
        exits++;
        continue;
      }
      if (!RNN.has(c.op) || c.inputs[0] !== v || c.int('layout', 0) !== 0) return false;
      const y = c.outputs[0];
      if (!y || !y.shape || y.shape.length !== 4 || y.shape[2] !== 1) return false;
      const D = y.shape[1] as number,
        H = y.shape[3] as number;
      if (y.consumers.length !== 1 || g.outputs.includes(y)) return false;
      const next = y.consumers[0]!;
      let seq: Value;
      if (D === 1 && next.op === 'Squeeze' && constAxes(next)?.join() === '1') {
        glue.add(next);
        seq = next.outputs[0]!;
      } else if (isPerm(next, '0,2,1,3') && next.outputs[0]!.consumers.length === 1) {
        const r = next.outputs[0]!.consumers[0]!;
        if (r.op !== 'Reshape' || !shapeIs(r.outputs[0], `${T},1,${D * H}`)) return false;
        glue.add(next);
        glue.add(r);
        seq = r.outputs[0]!;
      } else return false;
      rnns.set(c, seq);
      if (!follow(seq)) return false;
    }
    return true;
  };
  return follow(start) && rnns.size > 0 && exits > 0 ? { glue, rnns } : null;
}

const cache = new WeakMap<Graph, { nodes: Node[]; length: number; found: SequenceRegion[] }>();
/** Every batch-1 recurrent region of a graph (cached until its node list changes). */
export function sequenceRegions(g: Graph): SequenceRegion[] {
  const c = cache.get(g);
  if (c && c.nodes === g.nodes && c.length === g.nodes.length) return c.found;
  const found: SequenceRegion[] = [];
  for (const n of g.nodes) {
    if (!isPerm(n, '1,0,2') || !n.outputs[0]?.consumers.some((u) => RNN.has(u.op))) continue;
    const x = n.inputs[0]?.shape;
    if (!x || x.length !== 3 || x[0] !== 1 || typeof x[1] !== 'number') continue;
    const r = region(n.outputs[0]!, x[1], new Set([n]), g);
    if (r) found.push(r);
  }
  for (const v of g.inputs) {
    const x = v.shape;
    if (v.data || v.batchAxis !== 1 || !x || x.length !== 3 || x[1] !== 1 || typeof x[0] !== 'number') continue;
    const r = region(v, x[0], new Set(), g);
    if (r) found.push(r);
  }
  cache.set(g, { nodes: g.nodes, length: g.nodes.length, found });
  return found;
}
