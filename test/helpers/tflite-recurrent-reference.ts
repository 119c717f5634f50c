/**
 * Reference evaluation of TFLite's float recurrent kernels, written from the published kernel semantics
 * (tensorflow/lite/kernels/lstm_eval.cc CalculateLstmGateFloat / UpdateLstmCellFloat /
 * CalculateLstmOutputFloat; kernel_utils RnnBatchStep; reference svdf), independent of the importer.
 * LiteRT.js cannot be the reference here: its model loader refuses variable tensors ("Variable tensors
 * not yet supported"), and every recurrent kernel keeps its state in variable tensors. First invocation:
 * states start at zero. Plain loops in float64, the tolerance absorbs float32 rounding.
 */

/** TFLite ActivationFunctionType by name, as the kernels apply it (ApplyActivationToVector). */
export function applyActivation(name: string, v: number): number {
  switch (name) {
    case 'NONE':
      return v;
    case 'RELU':
      return Math.max(0, v);
    case 'RELU_N1_TO_1':
      return Math.min(1, Math.max(-1, v));
    case 'RELU6':
      return Math.min(6, Math.max(0, v));
    case 'TANH':
      return Math.tanh(v);
    default:
      throw new Error(`no reference for activation ${name}`);
  }
}
const sigmoid = (v: number) => 1 / (1 + Math.exp(-v));
type Vec = ArrayLike<number>;

/** y[r] = Σ_c W[r, c]·x[c] for W [rows, cols] row-major. */
function matVec(w: Vec, x: Vec, rows: number, cols: number): number[] {
  return Array.from({ length: rows }, (_, r) => {
    let s = 0;
    for (let c = 0; c < cols; c++) s += w[r * cols + c]! * x[c]!;
    return s;
  });
}

/** One LSTM direction's weights in TFLite's gate order input, forget, cell, output (null = absent). */
export interface LstmWeights {
  input: (Vec | null)[];
  recurrent: (Vec | null)[];
  peephole: (Vec | null)[]; // input, forget, output
  bias: (Vec | null)[];
  projection: Vec | null;
  projectionBias: Vec | null;
  layerNorm: (Vec | null)[] | null;
}
export interface LstmOptions {
  activation: string;
  cellClip: number;
  projClip: number;
}

function normalize(v: number[]): number[] {
  const mean = v.reduce((a, b) => a + b, 0) / v.length;
  const variance = v.reduce((a, b) => a + (b - mean) ** 2, 0) / v.length;
  return v.map((x) => (x - mean) / Math.sqrt(variance + 1e-8));
}

/** One LSTM step for one batch row: returns [h', c']. */
export function lstmStep(
  w: LstmWeights,
  o: LstmOptions,
  sizes: { input: number; cells: number; output: number },
  x: Vec,
  h: number[],
  c: number[],
): [number[], number[]] {
  const { cells } = sizes;
  const clip = (v: number, limit: number) => (limit > 0 ? Math.min(limit, Math.max(-limit, v)) : v);
  const gate = (g: number, peephole: Vec | null, state: number[], act: (v: number) => number): number[] => {
    const a = matVec(w.input[g]!, x, cells, sizes.input);
    const r = matVec(w.recurrent[g]!, h, cells, sizes.output);
    let acc = a.map((v, i) => v + r[i]! + (peephole ? peephole[i]! * state[i]! : 0));
    const ln = w.layerNorm?.[g];
    if (ln) acc = normalize(acc).map((v, i) => v * ln[i]!);
    const b = w.bias[g];
    return acc.map((v, i) => act(v + (b ? b[i]! : 0)));
  };
  const act = (v: number) => applyActivation(o.activation, v);
  const f = gate(1, w.peephole[1] ?? null, c, sigmoid);
  const i = w.input[0] ? gate(0, w.peephole[0] ?? null, c, sigmoid) : f.map((v) => 1 - v);
  const g = gate(2, null, c, act);
  const cNext = c.map((cv, k) => clip(f[k]! * cv + i[k]! * g[k]!, o.cellClip));
  const out = gate(3, w.peephole[2] ?? null, cNext, sigmoid);
  let hNext = cNext.map((cv, k) => out[k]! * act(cv));
  if (w.projection) {
    const p = matVec(w.projection, hNext, sizes.output, cells);
    hNext = p.map((v, k) => clip(v + (w.projectionBias ? w.projectionBias[k]! : 0), o.projClip));
  }
  return [hNext, cNext];
}

/** A sequence [T, B, I] (timeMajor) or [B, T, I] through one direction; output in the same layout. */
export function runSequence(
  x: Vec,
  dims: { batch: number; steps: number; input: number; output: number; timeMajor: boolean; reverse?: boolean },
  step: (xt: Vec, b: number) => number[],
): Float32Array {
  const { batch, steps, input, output, timeMajor } = dims;
  const y = new Float32Array(batch * steps * output);
  for (let k = 0; k < steps; k++) {
    const t = dims.reverse ? steps - 1 - k : k;
    for (let b = 0; b < batch; b++) {
      const at = timeMajor ? t * batch + b : b * steps + t;
      const h = step(Array.prototype.slice.call(x, at * input, (at + 1) * input) as number[], b);
      y.set(h, at * output);
    }
  }
  return y;
}

/** LSTM over a sequence with zero initial states. */
export function lstmSequence(
  w: LstmWeights,
  o: LstmOptions,
  sizes: { input: number; cells: number; output: number },
  x: Vec,
  dims: { batch: number; steps: number; timeMajor: boolean; reverse?: boolean },
): Float32Array {
  const hs = Array.from({ length: dims.batch }, () => new Array<number>(sizes.output).fill(0));
  const cs = Array.from({ length: dims.batch }, () => new Array<number>(sizes.cells).fill(0));
  return runSequence(x, { ...dims, input: sizes.input, output: sizes.output }, (xt, b) => {
    [hs[b], cs[b]] = lstmStep(w, o, sizes, xt, hs[b]!, cs[b]!);
    return hs[b]!;
  });
}

/** Basic RNN over a sequence: h' = act(W·x + b + R·h), zero initial state. */
export function rnnSequence(
  weights: Vec,
  recurrent: Vec,
  bias: Vec,
  activation: string,
  sizes: { input: number; units: number },
  x: Vec,
  dims: { batch: number; steps: number; timeMajor: boolean; reverse?: boolean },
): Float32Array {
  const hs = Array.from({ length: dims.batch }, () => new Array<number>(sizes.units).fill(0));
  return runSequence(x, { ...dims, input: sizes.input, output: sizes.units }, (xt, b) => {
    const a = matVec(weights, xt, sizes.units, sizes.input),
      r = matVec(recurrent, hs[b]!, sizes.units, sizes.units);
    hs[b] = a.map((v, k) => applyActivation(activation, v + bias[k]! + r[k]!));
    return hs[b]!;
  });
}

/** SVDF, first invocation: the state is zero but for its new last column W_feature·x. */
export function svdfReference(
  x: Vec,
  featureWeights: Vec,
  timeWeights: Vec,
  bias: Vec | null,
  o: { batch: number; input: number; filters: number; memory: number; rank: number; activation: string },
): Float32Array {
  const units = o.filters / o.rank;
  const y = new Float32Array(o.batch * units);
  for (let b = 0; b < o.batch; b++) {
    const feature = matVec(
      featureWeights,
      Array.prototype.slice.call(x, b * o.input, (b + 1) * o.input),
      o.filters,
      o.input,
    );
    for (let u = 0; u < units; u++) {
      let s = bias ? bias[u]! : 0;
      for (let r = 0; r < o.rank; r++) {
        const f = u * o.rank + r;
        s += feature[f]! * timeWeights[f * o.memory + o.memory - 1]!;
      }
      y[b * units + u] = applyActivation(o.activation, s);
    }
  }
  return y;
}
