/** Reading a constant-mode Pad that only pads the spatial axes (the part Conv/Pool pads can absorb). */
import type { Graph } from '../ir/graph.js';
import type { Node } from '../ir/node.js';
import { knownValue } from '../shape/infer.js';
import { tensorToNumbers } from '../ir/typed-data.js';

export interface SpatialPad {
  pad: Node;
  begin: number[];
  end: number[];
  value: number;
}

/** The Pad feeding `n`'s first input, when it is constant-mode, single-use, non-negative and leaves N and C alone. */
export function spatialPadBefore(n: Node, g: Graph): SpatialPad | null {
  const pad = n.inputs[0]?.producer;
  if (
    !pad ||
    pad.op !== 'Pad' ||
    pad.domain ||
    pad.outputs[0]!.consumers.length !== 1 ||
    g.outputs.includes(pad.outputs[0]!)
  )
    return null;
  if (pad.str('mode', 'constant') !== 'constant' || pad.inputs[3]) return null;
  const p =
    pad.ints('pads') ??
    (pad.inputs[1] && knownValue(pad.inputs[1]) ? tensorToNumbers(knownValue(pad.inputs[1])!) : null);
  const value = pad.inputs[2]
    ? knownValue(pad.inputs[2])
      ? (tensorToNumbers(knownValue(pad.inputs[2])!)[0] ?? null)
      : null
    : pad.float('value', 0);
  if (!p || value === null || value === undefined) return null;
  const r = p.length / 2;
  if (r < 3 || p[0] || p[1] || p[r] || p[r + 1] || p.some((v) => v < 0)) return null;
  return { pad, begin: p.slice(2, r), end: p.slice(r + 2), value };
}
