import { unaryDecomposition } from '../unary-decomposition.js';

/** Softplus(x) = ln(1 + eˣ), computed stably as max(x, 0) + ln(1 + e^(−|x|)) → Relu, Abs, Neg, Exp, Add, Log. */
export default unaryDecomposition({
  id: 'decompose-softplus',
  op: 'Softplus',
  description: 'Softplus → Relu, Abs, Neg, Exp, Add, Log (overflow-free form)',
  source: 'https://onnx.ai/onnx/operators/onnx__Softplus.html',
  build(b, x) {
    const tail = b.op('Log', [
      b.op('Add', [b.op('Exp', [b.op('Neg', [b.op('Abs', [x])])]), b.scalar('one', 1, x.dtype ?? 'float32')]),
    ]);
    return b.op('Add', [b.op('Relu', [x]), tail]);
  },
});
