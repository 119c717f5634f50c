/** TFLite's fused activation (ActivationFunctionType) as its own node after the op. */
import type { Value } from '../../../src/ir/value.js';
import type { OpCtx } from './op-context.js';
import { opt } from './options.js';

function clip(c: OpCtx, y: Value, lo: number, hi: number): Value {
  return c.node('Clip', [y, c.constant('min', 'float32', [], [lo]), c.constant('max', 'float32', [], [hi])])[0]!;
}

/** Applies the op's fused activation (field `field` of its options): NONE, RELU, RELU_N1_TO_1, RELU6, TANH, SIGN_BIT. */
export function activation(c: OpCtx, y: Value, field = 'fused_activation_function'): Value {
  switch (opt(c, field)) {
    case 0:
      return y;
    case 1:
      return c.node('Relu', [y])[0]!;
    case 2:
      return clip(c, y, -1, 1);
    case 3:
      return clip(c, y, 0, 6);
    case 4:
      return c.node('Tanh', [y])[0]!;
    default:
      return c.node('Sign', [y])[0]!;
  }
}
