import { unaryDecomposition } from '../unary-decomposition.js';

/** Gelu (opset 20, approximate="none") = 0.5 · x · (1 + erf(x / √2)) → Div, Erf, Add, Mul. */
export default unaryDecomposition({
  id: 'decompose-gelu',
  op: 'Gelu',
  description: 'Gelu (erf form) → Div, Erf, Add, Mul',
  source: 'https://onnx.ai/onnx/operators/onnx__Gelu.html',
  when: (n) => n.str('approximate', 'none') === 'none',
  build(b, x) {
    const dt = x.dtype ?? 'float32';
    const e = b.op('Erf', [b.op('Div', [x, b.scalar('sqrt2', Math.SQRT2, dt)])]);
    return b.op('Mul', [b.op('Mul', [x, b.op('Add', [e, b.scalar('one', 1, dt)])]), b.scalar('half', 0.5, dt)]);
  },
});
