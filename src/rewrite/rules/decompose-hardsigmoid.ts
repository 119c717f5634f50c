import { unaryDecomposition } from '../unary-decomposition.js';

/** HardSigmoid(x) = max(0, min(1, alpha·x + beta)) → Mul, Add, Clip (opset ≥ 11). */
export default unaryDecomposition({
  id: 'decompose-hardsigmoid',
  op: 'HardSigmoid',
  description: 'HardSigmoid → Mul, Add, Clip',
  source: 'https://onnx.ai/onnx/operators/onnx__HardSigmoid.html',
  when: (_n, ctx) => ctx.opset >= 11,
  build(b, x, n) {
    const dt = x.dtype ?? 'float32';
    const lin = b.op('Add', [
      b.op('Mul', [x, b.scalar('alpha', n.float('alpha', 0.2), dt)]),
      b.scalar('beta', n.float('beta', 0.5), dt),
    ]);
    return b.op('Clip', [lin, b.scalar('zero', 0, dt), b.scalar('one', 1, dt)]);
  },
});
