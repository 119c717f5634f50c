/** TFLite signatures (schema.fbs SignatureDef): the named entry points a model offers, and which one to import. */
import { InputError } from '../../src/io/input-error.js';
import type { EntryPointSummary } from '../../src/ir/summary.js';
import type { TflModel } from './read-model.js';

/** The subgraph to import: signature `name`, else the first signature, else subgraph 0. */
export function pickEntryPoint(tfl: TflModel, file: string, name?: string): { subgraph: number; key: string | null } {
  if (name !== undefined) {
    const s = tfl.signatures.find((x) => x.key === name);
    if (!s) {
      const known = tfl.signatures.map((x) => `'${x.key}'`).join(', ');
      throw new InputError(file, `no signature '${name}' (${known ? `the model has ${known}` : 'the model has none'})`);
    }
    return { subgraph: s.subgraph, key: s.key };
  }
  const first = tfl.signatures[0];
  return first ? { subgraph: first.subgraph, key: first.key } : { subgraph: 0, key: null };
}

/** Every signature with its subgraph and the tensor names behind its named inputs and outputs. */
export function signatureSummaries(tfl: TflModel, selected: string | null): EntryPointSummary[] {
  return tfl.signatures.map((s) => {
    const sg = tfl.subgraphs[s.subgraph]!;
    const io = (x: { name: string; tensor: number }) => ({ name: x.name, tensor: sg.tensors[x.tensor]?.name ?? '' });
    return {
      name: s.key,
      subgraph: s.subgraph,
      selected: s.key === selected,
      inputs: s.inputs.map(io),
      outputs: s.outputs.map(io),
    };
  });
}
