/**
 * Fake-quantized weights and weight diagnostics, computed once per weight grid and weight: targets whose schemes
 * quantize weights alike (weight-quant.ts weightGridKey) share them, and every simulated copy of the model (isolated
 * layers, whole model, advised model) reuses them instead of quantizing the weights again. A grid is released when
 * no target left needs it, so at most one grid's weights are held besides the model's own.
 */
import type { Node } from '../../ir/node.js';
import { tensorToFloat32 } from '../../ir/typed-data.js';
import { channelAxis, type WeightCache } from '../fake-quant-graph.js';
import { QUANTIZABLE_OPS } from '../quantizable-ops.js';
import type { QuantScheme } from '../scheme.js';
import { weightDiagnostics, type WeightDiagnostics } from '../weight-diagnostics.js';
import { fakeQuantWeight, weightGridKey } from '../weight-quant.js';

interface GridWeight {
  fakeQuantized: Float32Array;
  diagnostics: WeightDiagnostics;
}

export interface GridWeights {
  /** For fakeQuantGraph: the fake-quantized weights by weight name. */
  cache: WeightCache;
  /** Each layer's weight diagnostics under the grid, by node. */
  diagnostics: Map<Node, WeightDiagnostics>;
}

export class WeightGrids {
  private readonly grids = new Map<string, Map<string, GridWeight>>();

  /** The layers' weights under `scheme`'s grid, computed on first use of the grid (each weight read once). */
  forScheme(scheme: QuantScheme, layers: readonly Node[]): GridWeights {
    const key = weightGridKey(scheme);
    let grid = this.grids.get(key);
    if (!grid) this.grids.set(key, (grid = new Map()));
    const diagnostics = new Map<Node, WeightDiagnostics>();
    for (const node of layers) {
      const op = QUANTIZABLE_OPS[node.op]!;
      const weight = node.inputs[op.weightInput]!;
      let entry = grid.get(weight.name);
      if (!entry) {
        const w = weight.data!;
        const data = tensorToFloat32(w);
        const axis = channelAxis(node, op, w.dims.length);
        const fakeQuantized = fakeQuantWeight(data, w.dims, axis, scheme);
        entry = { fakeQuantized, diagnostics: weightDiagnostics(data, w.dims, axis, scheme, fakeQuantized) };
        grid.set(weight.name, entry);
      }
      diagnostics.set(node, entry.diagnostics);
    }
    const shared = grid;
    return { cache: { get: (name) => shared.get(name)?.fakeQuantized, set: () => undefined }, diagnostics };
  }

  release(scheme: QuantScheme): void {
    this.grids.delete(weightGridKey(scheme));
  }
}
