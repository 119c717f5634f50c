import { unaryDecomposition } from '../unary-decomposition.js';

/** Mish(x) = x · tanh(softplus(x)) → Softplus, Tanh, Mul. */
export default unaryDecomposition({
  id: 'decompose-mish',
  op: 'Mish',
  description: 'Mish → Softplus, Tanh, Mul',
  source: 'https://onnx.ai/onnx/operators/onnx__Mish.html',
  build: (b, x) => b.op('Mul', [x, b.op('Tanh', [b.op('Softplus', [x])])]),
});
