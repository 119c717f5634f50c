/** Adapters for ops whose meaning or form changed: Softmax family (13), Resize/Upsample (10, 11, 13, 19), BatchNormalization (14), Gemm (11), Constant (12). */
import type { Adapter, Direction, Env } from './adapter.js';
import { constNumbers, constValue, dropInput, rankOf } from './adapter.js';
import type { Node } from '../../ir/node.js';
import { attr } from '../../ir/attr.js';
import { Builder } from '../builder.js';
import { Tensor } from '../../ir/tensor.js';
import { numbersToBytes } from '../../ir/typed-data.js';

/**
 * Softmax/LogSoftmax/Hardmax before 13 flatten the input to 2-D at `axis` (default 1); from 13 they work
 * along `axis` (default −1). Equal when the axis is the last one; otherwise wrap the op so the other
 * form computes the same: up → Flatten(axis) + op + Reshape back, down → Transpose axis last + op + Transpose back.
 */
const coercion = (op: string): Adapter => ({
  op,
  since: 13,
  handles: ['axis'],
  check: (n) =>
    rankOf(n.inputs[0]) === null ? `${op} on an input of unknown rank: the axis semantics changed at opset 13` : null,
  apply(n, dir, { graph: g }) {
    const x = n.inputs[0]!,
      r = rankOf(x)!;
    const a = ((dir === 'up' ? n.int('axis', 1) : n.int('axis', -1)) + r) % r;
    if (a === r - 1) {
      n.attrs.set('axis', attr.int(a));
      return;
    }
    const b = new Builder(g, n, n.name || op);
    const y = n.outputs[0]!;
    if (dir === 'up') {
      const flat = b.op('Flatten', [x], new Map([['axis', attr.int(a)]]));
      const inner = g.newValue(`${n.name || op}/2d`);
      g.setInput(n, 0, flat);
      g.setOutput(n, 0, inner);
      n.attrs.set('axis', attr.int(1));
      const shape = new Builder(g, n, n.name || op).op('Shape', [x]);
      g.addNode({
        op: 'Reshape',
        name: g.uniqueNodeName(`${n.name || op}/Reshape`),
        inputs: [inner, shape],
        outputs: [y],
      });
    } else {
      const perm = [...Array(r).keys()].filter((i) => i !== a).concat(a);
      const back = perm.map((_, i) => perm.indexOf(i));
      const moved = b.op('Transpose', [x], new Map([['perm', attr.ints(perm)]]));
      const inner = g.newValue(`${n.name || op}/moved`);
      g.setInput(n, 0, moved);
      g.setOutput(n, 0, inner);
      n.attrs.set('axis', attr.int(r - 1));
      g.addNode({
        op: 'Transpose',
        name: g.uniqueNodeName(`${n.name || op}/Transpose_back`),
        inputs: [inner],
        outputs: [y],
        attrs: new Map([['perm', attr.ints(back)]]),
      });
    }
    g.toposort();
  },
});

/** Resize-10 (and Upsample-9) compute asymmetric coordinates, nearest pixels rounded down. */
function resize10to11(n: Node, dir: Direction, { graph: g }: Env): void {
  if (dir === 'up') {
    const scales = n.inputs[1]!;
    g.setInput(n, 1, constValue(g, n, 'roi', 'float32', [0], []));
    g.setInput(n, 2, scales);
    n.attrs.set('coordinate_transformation_mode', attr.string('asymmetric'));
    if (n.str('mode', 'nearest') === 'nearest') n.attrs.set('nearest_mode', attr.string('floor'));
    return;
  }
  let scales = n.inputs[2] && constNumbers(n.inputs[2])?.length ? n.inputs[2] : null;
  if (!scales) {
    const x = n.inputs[0]!.shape as number[],
      sizes = constNumbers(n.inputs[3]) ?? (n.outputs[0]!.shape as number[]);
    scales = constValue(
      g,
      n,
      'scales',
      'float32',
      [x.length],
      sizes.map((s, i) => s / x[i]!),
    );
  }
  for (const a of [
    'coordinate_transformation_mode',
    'nearest_mode',
    'cubic_coeff_a',
    'exclude_outside',
    'extrapolation_value',
  ])
    n.attrs.delete(a);
  for (const i of [3, 2, 1]) dropInput(g, n, i);
  g.setInput(n, 1, scales);
}
function check10to11(n: Node, dir: Direction): string | null {
  if (dir === 'up') return null;
  const mode = n.str('mode', 'nearest'),
    ctm = n.str('coordinate_transformation_mode', 'half_pixel');
  if (mode === 'cubic') return 'Resize cubic has no form before opset 11';
  if (ctm !== 'asymmetric')
    return `Resize coordinate_transformation_mode '${ctm}' has no form before opset 11 (only asymmetric)`;
  if (mode === 'nearest' && n.str('nearest_mode', 'round_prefer_floor') !== 'floor')
    return `Resize nearest_mode '${n.str('nearest_mode', 'round_prefer_floor')}' has no form before opset 11 (only floor)`;
  const scales = constNumbers(n.inputs[2]);
  if (scales?.length) return null;
  const x = n.inputs[0]?.shape,
    y = n.outputs[0]?.shape;
  return x?.every((d) => typeof d === 'number') && (constNumbers(n.inputs[3]) || y?.every((d) => typeof d === 'number'))
    ? null
    : 'Resize sizes with dynamic shapes have no form before opset 11';
}

const EMPTY = (g: Env['graph'], n: Node, name: string) => constValue(g, n, name, 'float32', [0], []);

const refuse = (op: string, since: number, why: string): Adapter => ({
  op,
  since,
  check: () => why,
  apply() {
    /* never: check refuses */
  },
});
const MODES_20: Record<string, string> = { bilinear: 'linear', bicubic: 'cubic' };

export const SEMANTIC_ADAPTERS: Adapter[] = [
  refuse('DFT', 20, 'DFT-20 takes the axis as an input (and its default moved): no conversion across opset 20'),
  {
    // RoiAlign-10 samples at output_half_pixel; 16 added the mode with default half_pixel
    op: 'RoiAlign',
    since: 16,
    handles: ['coordinate_transformation_mode'],
    check: (n, dir) =>
      dir === 'down' && n.str('coordinate_transformation_mode', 'half_pixel') !== 'output_half_pixel'
        ? 'RoiAlign half_pixel sampling has no form before opset 16'
        : null,
    apply(n, dir) {
      if (dir === 'up') n.attrs.set('coordinate_transformation_mode', attr.string('output_half_pixel'));
      else n.attrs.delete('coordinate_transformation_mode');
    },
  },
  {
    // GridSample-20 renamed bilinear/bicubic to linear/cubic and accepts N-D inputs
    op: 'GridSample',
    since: 20,
    handles: ['mode'],
    check: (n, dir) =>
      dir === 'down' && rankOf(n.inputs[0]) !== 4 ? 'GridSample before opset 20 takes 4-D inputs only' : null,
    apply(n, dir) {
      const m = n.str('mode', dir === 'up' ? 'bilinear' : 'linear');
      const to = dir === 'up' ? (MODES_20[m] ?? m) : (Object.entries(MODES_20).find(([, v]) => v === m)?.[0] ?? m);
      n.attrs.set('mode', attr.string(to));
    },
  },
  {
    op: 'Pad',
    since: 19,
    handles: [],
    check: (n, dir) =>
      dir === 'down' && n.str('mode') === 'wrap' ? "Pad mode 'wrap' has no form before opset 19" : null,
    apply() {
      /* only a mode value was added */
    },
  },
  coercion('Softmax'),
  coercion('LogSoftmax'),
  coercion('Hardmax'),
  {
    op: 'Resize',
    since: 11,
    handles: [
      'coordinate_transformation_mode',
      'nearest_mode',
      'cubic_coeff_a',
      'exclude_outside',
      'extrapolation_value',
      'roi',
      'scales',
      'sizes',
    ],
    check: check10to11,
    apply: resize10to11,
  },
  {
    // Resize-13: roi and scales became optional (empty names); Resize-11 needs them present (may be empty)
    op: 'Resize',
    since: 13,
    handles: ['roi', 'scales'],
    check: (n, dir) =>
      dir === 'up' && n.str('coordinate_transformation_mode') === 'tf_half_pixel_for_nn'
        ? "Resize coordinate mode 'tf_half_pixel_for_nn' was removed at opset 13"
        : null,
    apply(n, dir, { graph: g }) {
      if (dir === 'up') return;
      if (!n.inputs[1]) g.setInput(n, 1, EMPTY(g, n, 'roi'));
      if (!n.inputs[2]) g.setInput(n, 2, EMPTY(g, n, 'scales'));
    },
  },
  {
    op: 'Resize',
    since: 19,
    handles: ['coordinate_transformation_mode'],
    check: (n, dir) =>
      dir === 'down' && n.str('coordinate_transformation_mode') === 'half_pixel_symmetric'
        ? "Resize coordinate mode 'half_pixel_symmetric' has no form before opset 19"
        : null,
    apply() {
      /* the mode value is new; nothing else changed */
    },
  },
  {
    op: 'BatchNormalization',
    since: 14,
    handles: ['training_mode'],
    check: (n, dir) =>
      dir === 'down' && (n.int('training_mode', 0) !== 0 || n.outputs.slice(1).some((o) => o && o.consumers.length))
        ? 'BatchNormalization in training mode has no form at opset 9–13'
        : null,
    apply(n, dir) {
      if (dir === 'down') {
        n.attrs.delete('training_mode');
        (n.outputs as unknown[]).length = 1;
      }
    },
  },
  {
    op: 'Gemm',
    since: 11,
    handles: ['C'],
    apply(n, dir, { graph: g }) {
      if (dir === 'down' && !n.inputs[2])
        g.setInput(n, 2, constValue(g, n, 'C', n.inputs[0]?.dtype ?? 'float32', [], [0]));
    },
  },
  {
    op: 'Constant',
    since: 12,
    handles: ['value_float', 'value_floats', 'value_int', 'value_ints', 'value_string', 'value_strings'],
    check: (n, dir) =>
      dir === 'down' && (n.attrs.has('value_string') || n.attrs.has('value_strings'))
        ? 'Constant string values have no attribute form before opset 12'
        : null,
    apply(n, dir) {
      if (dir === 'up') return;
      const pairs: [string, 'float32' | 'int64', boolean][] = [
        ['value_float', 'float32', true],
        ['value_floats', 'float32', false],
        ['value_int', 'int64', true],
        ['value_ints', 'int64', false],
      ];
      for (const [name, dt, scalar] of pairs) {
        const a = n.attrs.get(name);
        if (!a) continue;
        const values = Array.isArray(a.value) ? (a.value as number[]) : [a.value as number];
        const t = Tensor.fromBytes(dt, scalar ? [] : [values.length], numbersToBytes(dt, values));
        n.attrs.delete(name);
        n.attrs.set('value', attr.tensor(t));
      }
    },
  },
];
