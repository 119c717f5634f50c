import { unaryDecomposition } from '../unary-decomposition.js';

/** Swish(x; α) = x · Sigmoid(α·x) (Swish-24, the SiLU for α = 1) for targets without it. */
export default unaryDecomposition({
  id: 'decompose-silu',
  op: 'Swish',
  description: 'Swish/SiLU → Mul, Sigmoid',
  source: 'https://onnx.ai/onnx/operators/onnx__Swish.html',
  build(b, x, n) {
    const a = n.float('alpha', 1);
    const arg = a === 1 ? x : b.op('Mul', [x, b.scalar('alpha', a, x.dtype ?? 'float32')]);
    return b.op('Mul', [x, b.op('Sigmoid', [arg])]);
  },
});
