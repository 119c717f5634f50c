/** Mean/variance normalisation over axes from elementary ops (ReduceMean's axes in the opset's form). */
import type { Value } from '../ir/value.js';
import { attr } from '../ir/attr.js';
import type { Builder } from './builder.js';
import { axesOp } from './axes-op.js';

export function normalizeOver(b: Builder, x: Value, axes: number[], epsilon: number, opset: number): Value {
  const dt = x.dtype ?? 'float32';
  const mean = (v: Value): Value => axesOp(b, opset, 'ReduceMean', v, axes, new Map([['keepdims', attr.int(1)]]));
  const d = b.op('Sub', [x, mean(x)]);
  const std = b.op('Sqrt', [b.op('Add', [mean(b.op('Mul', [d, d])), b.scalar('eps', epsilon, dt)])]);
  return b.op('Div', [d, std]);
}
