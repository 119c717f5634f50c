import { defineRewrite } from '../define.js';
import { replaceNode } from '../builder.js';
import { knownValue } from '../../shape/infer.js';
import { tensorToNumbers } from '../../ir/typed-data.js';

/** Dropout at inference (no training_mode, or a constant false) is the identity; its mask output must be unused. */
export default defineRewrite({
  id: 'eliminate-dropout',
  description: 'remove inference-mode Dropout',
  safety: 'exact',
  source: 'https://onnx.ai/onnx/operators/onnx__Dropout.html',
  match(n, ctx) {
    if (!n || n.op !== 'Dropout' || n.domain || !n.inputs[0] || !n.outputs[0]) return null;
    const mask = n.outputs[1];
    if (mask && (mask.consumers.length || ctx.graph.outputs.includes(mask))) return null;
    const tm = n.inputs[2];
    if (tm) {
      const t = knownValue(tm);
      if (!t || tensorToNumbers(t).some((x) => x !== 0)) return null;
    }
    const x = n.inputs[0];
    if (ctx.graph.outputs.includes(n.outputs[0]) && (ctx.graph.inputs.includes(x) || x.data || x.consumers.length > 1))
      return null;
    return n;
  },
  apply(n, ctx) {
    replaceNode(ctx.graph, n, n.inputs[0]!);
    return [];
  },
});
