import { unaryDecomposition } from '../unary-decomposition.js';

/** HardSwish(x) = x · max(0, min(1, x/6 + 1/2)) = x · Clip(x + 3, 0, 6) / 6 (opset ≥ 11 Clip with inputs). */
export default unaryDecomposition({
  id: 'decompose-hardswish',
  op: 'HardSwish',
  description: 'HardSwish → Add, Clip, Mul, Div',
  source: 'https://onnx.ai/onnx/operators/onnx__HardSwish.html',
  when: (_n, ctx) => ctx.opset >= 11,
  build(b, x) {
    const dt = x.dtype ?? 'float32';
    const c = b.op('Clip', [
      b.op('Add', [x, b.scalar('three', 3, dt)]),
      b.scalar('zero', 0, dt),
      b.scalar('six', 6, dt),
    ]);
    return b.op('Div', [b.op('Mul', [x, c]), b.scalar('six_d', 6, dt)]);
  },
});
