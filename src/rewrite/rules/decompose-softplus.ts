import { defineRewrite } from '../define.js';
import { Builder, replaceNode } from '../builder.js';

/** Softplus(x) = ln(1 + eˣ), computed stably as max(x, 0) + ln(1 + e^(−|x|)) → Relu, Abs, Neg, Exp, Add, Log. */
export default defineRewrite({
  id: 'decompose-softplus',
  description: 'Softplus → Relu, Abs, Neg, Exp, Add, Log (overflow-free form)',
  safety: 'exact',
  source: 'https://onnx.ai/onnx/operators/onnx__Softplus.html',
  match: (n) => (n && n.op === 'Softplus' && !n.domain && n.inputs[0] && n.outputs[0] ? n : null),
  apply(n, ctx) {
    const b = new Builder(ctx.graph, n, n.name || 'softplus');
    const x = n.inputs[0]!;
    const tail = b.op('Log', [b.op('Add', [b.op('Exp', [b.op('Neg', [b.op('Abs', [x])])]), b.scalar('one', 1, x.dtype ?? 'float32')])]);
    replaceNode(ctx.graph, n, b.op('Add', [b.op('Relu', [x]), tail]));
    return b.created;
  },
});
