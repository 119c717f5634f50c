import { unaryDecomposition } from '../unary-decomposition.js';

/** Gelu(approximate = tanh)(x) = 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))) — the op's own definition, exactly. */
export default unaryDecomposition({
  id: 'decompose-gelu-tanh',
  op: 'Gelu',
  description: 'Gelu (tanh form) → Mul, Add, Tanh',
  source: 'https://onnx.ai/onnx/operators/onnx__Gelu.html',
  when: (n) => n.str('approximate', 'none') === 'tanh',
  build(b, x) {
    const dt = x.dtype ?? 'float32';
    const x3 = b.op('Mul', [b.op('Mul', [x, x]), x]);
    const inner = b.op('Mul', [
      b.op('Add', [x, b.op('Mul', [x3, b.scalar('c', 0.044715, dt)])]),
      b.scalar('k', Math.sqrt(2 / Math.PI), dt),
    ]);
    const t = b.op('Add', [b.op('Tanh', [inner]), b.scalar('one', 1, dt)]);
    return b.op('Mul', [b.op('Mul', [x, t]), b.scalar('half', 0.5, dt)]);
  },
});
