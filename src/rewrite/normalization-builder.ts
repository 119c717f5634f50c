/** Mean/variance normalisation over trailing axes from elementary ops (ReduceMean's axes as attribute before opset 18, input from 18). */
import type { Value } from '../ir/value.js';
import { attr } from '../ir/attr.js';
import type { Builder } from './builder.js';

export function normalizeOver(b: Builder, x: Value, axes: number[], epsilon: number, opset: number): Value {
  const dt = x.dtype ?? 'float32';
  const mean = (v: Value): Value => (opset >= 18
    ? b.op('ReduceMean', [v, b.const(`axes_${axes.join('_')}`, 'int64', [axes.length], axes)], new Map([['keepdims', attr.int(1)]]))
    : b.op('ReduceMean', [v], new Map([['axes', attr.ints(axes)], ['keepdims', attr.int(1)]])));
  const d = b.op('Sub', [x, mean(x)]);
  const std = b.op('Sqrt', [b.op('Add', [mean(b.op('Mul', [d, d])), b.scalar('eps', epsilon, dt)])]);
  return b.op('Div', [d, std]);
}
