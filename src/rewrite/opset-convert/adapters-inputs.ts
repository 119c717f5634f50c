/** Adapters for attributes that became inputs (and back): axes, split, pads, min/max, starts/ends, k, ratio. */
import type { Adapter } from './adapter.js';
import { attrToInput, constNumbers, constOrAbsent, constValue, dropInput, inputToAttr, rankOf } from './adapter.js';
import { attr } from '../../ir/attr.js';
import { AXES_INPUT_SINCE } from '../axes-op.js';

/** axes attribute ↔ optional input 1 (Squeeze/Unsqueeze/ReduceSum at 13, the other Reduce* at 18). */
const axes = (op: string, since: number): Adapter => ({
  op,
  since,
  handles: ['axes'],
  check: (n, dir) => (dir === 'down' ? constOrAbsent(n, 1, 'axes') : null),
  apply: (n, dir, { graph: g }) =>
    dir === 'up' ? attrToInput(g, n, 'axes', 1, 'int64') : inputToAttr(g, n, 1, 'axes', 'ints'),
});

export const INPUT_ADAPTERS: Adapter[] = [
  ...Object.entries(AXES_INPUT_SINCE).map(([op, since]) => axes(op, since)),
  {
    op: 'Split',
    since: 13,
    handles: ['split'],
    check: (n, dir) => (dir === 'down' ? constOrAbsent(n, 1, 'split') : null),
    apply: (n, dir, { graph: g }) =>
      dir === 'up' ? attrToInput(g, n, 'split', 1, 'int64') : inputToAttr(g, n, 1, 'split', 'ints'),
  },
  {
    // Split-18: without a split input, num_outputs is required (equal parts, the last one smaller)
    op: 'Split',
    since: 18,
    handles: ['num_outputs'],
    check(n, dir) {
      if (dir === 'up' || n.inputs[1] || !n.attrs.has('num_outputs')) return null;
      const r = rankOf(n.inputs[0]),
        d = n.inputs[0]?.shape?.[((n.int('axis', 0) % (r ?? 1)) + (r ?? 1)) % (r ?? 1)];
      return typeof d === 'number' ? null : 'Split num_outputs on a dynamic dim has no form before opset 18';
    },
    apply(n, dir, { graph: g }) {
      const count = n.outputs.length;
      if (dir === 'up') {
        if (!n.inputs[1]) n.attrs.set('num_outputs', attr.int(count));
        return;
      }
      n.attrs.delete('num_outputs');
      if (n.inputs[1]) return;
      const r = rankOf(n.inputs[0])!,
        d = n.inputs[0]!.shape![((n.int('axis', 0) % r) + r) % r] as number;
      if (d % count === 0) return;
      const part = Math.ceil(d / count);
      g.setInput(
        n,
        1,
        constValue(
          g,
          n,
          'split',
          'int64',
          [count],
          Array.from({ length: count }, (_, i) => Math.max(0, Math.min(part, d - i * part))),
        ),
      );
    },
  },
  {
    op: 'Clip',
    since: 11,
    handles: ['min', 'max'],
    check: (n, dir) => (dir === 'down' ? (constOrAbsent(n, 1, 'min') ?? constOrAbsent(n, 2, 'max')) : null),
    apply(n, dir, { graph: g }) {
      const dt = n.inputs[0]?.dtype ?? 'float32';
      if (dir === 'up') {
        attrToInput(g, n, 'min', 1, dt, true);
        attrToInput(g, n, 'max', 2, dt, true);
        return;
      }
      const max = constNumbers(n.inputs[2]);
      inputToAttr(g, n, 1, 'min', 'float');
      if (max) n.attrs.set('max', attr.float(max[0]!));
      dropInput(g, n, 2);
      dropInput(g, n, 1);
    },
  },
  {
    op: 'Pad',
    since: 11,
    handles: ['pads', 'value'],
    check: (n, dir) =>
      dir === 'down'
        ? n.inputs[1] && !constNumbers(n.inputs[1])
          ? 'Pad pads are computed at run time'
          : constOrAbsent(n, 2, 'constant_value')
        : null,
    apply(n, dir, { graph: g }) {
      if (dir === 'up') {
        attrToInput(g, n, 'pads', 1, 'int64');
        const v = n.float('value', 0);
        n.attrs.delete('value');
        if (v !== 0) g.setInput(n, 2, constValue(g, n, 'value', n.inputs[0]?.dtype ?? 'float32', [], [v]));
        return;
      }
      const value = constNumbers(n.inputs[2]);
      inputToAttr(g, n, 1, 'pads', 'ints');
      if (value && value[0] !== 0) n.attrs.set('value', attr.float(value[0]!));
      dropInput(g, n, 2);
      dropInput(g, n, 1);
    },
  },
  {
    // Pad-18 axes input: before 18 pads list every axis
    op: 'Pad',
    since: 18,
    handles: ['axes'],
    check: (n, dir) =>
      dir === 'down' && n.inputs[3]
        ? constNumbers(n.inputs[3]) && constNumbers(n.inputs[1]) && rankOf(n.inputs[0]) !== null
          ? null
          : 'Pad axes and pads must be constant with a known rank'
        : null,
    apply(n, dir, { graph: g }) {
      if (dir === 'up' || !n.inputs[3]) return;
      const r = rankOf(n.inputs[0])!,
        ax = constNumbers(n.inputs[3])!.map((a) => (a < 0 ? a + r : a)),
        p = constNumbers(n.inputs[1])!;
      const full = new Array<number>(2 * r).fill(0);
      ax.forEach((a, i) => {
        full[a] = p[i]!;
        full[a + r] = p[i + ax.length]!;
      });
      g.setInput(n, 1, constValue(g, n, 'pads', 'int64', [2 * r], full));
      dropInput(g, n, 3);
    },
  },
  {
    op: 'Slice',
    since: 10,
    handles: ['starts', 'ends', 'axes', 'steps'],
    check(n, dir) {
      if (dir === 'up') return null;
      for (const [i, what] of [
        [1, 'starts'],
        [2, 'ends'],
        [3, 'axes'],
      ] as const)
        if (n.inputs[i] && !constNumbers(n.inputs[i]))
          return `Slice ${what} are computed at run time; Slice-1 needs constant attributes`;
      const steps = n.inputs[4] ? constNumbers(n.inputs[4]) : [1];
      return !steps || steps.some((s) => s !== 1)
        ? `Slice steps ${steps ? `[${steps.join(',')}]` : '(computed at run time)'} have no form before opset 10`
        : null;
    },
    apply(n, dir, { graph: g }) {
      if (dir === 'up') {
        attrToInput(g, n, 'starts', 1, 'int64');
        attrToInput(g, n, 'ends', 2, 'int64');
        attrToInput(g, n, 'axes', 3, 'int64');
        return;
      }
      const axesV = constNumbers(n.inputs[3]);
      n.attrs.set('starts', attr.ints(constNumbers(n.inputs[1])!));
      n.attrs.set('ends', attr.ints(constNumbers(n.inputs[2])!));
      if (axesV) n.attrs.set('axes', attr.ints(axesV));
      for (const i of [4, 3, 2, 1]) dropInput(g, n, i);
    },
  },
  {
    op: 'TopK',
    since: 10,
    handles: ['k'],
    check: (n, dir) =>
      dir === 'down' && !constNumbers(n.inputs[1])
        ? 'TopK k is computed at run time; TopK-1 needs a constant attribute'
        : null,
    apply: (n, dir, { graph: g }) =>
      dir === 'up' ? attrToInput(g, n, 'k', 1, 'int64') : inputToAttr(g, n, 1, 'k', 'int'),
  },
  {
    op: 'Dropout',
    since: 12,
    handles: ['ratio', 'training_mode'],
    check(n, dir) {
      if (dir === 'up') return null;
      const tm = n.inputs[2] ? constNumbers(n.inputs[2]) : [0];
      return !tm || tm[0] ? 'Dropout in training mode has no form before opset 12' : constOrAbsent(n, 1, 'ratio');
    },
    apply(n, dir, { graph: g }) {
      if (dir === 'up') {
        attrToInput(g, n, 'ratio', 1, 'float32', true);
        return;
      }
      dropInput(g, n, 2);
      inputToAttr(g, n, 1, 'ratio', 'float');
    },
  },
];
