/** Make intermediate values graph outputs, so one run returns them (float32 values only; order kept, no duplicates). */
import type { Model } from '../../ir/model.js';

export function exposeValues(model: Model, names: Iterable<string>): string[] {
  const graph = model.graph;
  const exposed: string[] = [];
  for (const name of new Set(names)) {
    const v = graph.values.get(name);
    if (!v || v.data || v.dtype !== 'float32') continue;
    if (!graph.outputs.includes(v)) graph.outputs.push(v);
    exposed.push(name);
  }
  return exposed;
}
