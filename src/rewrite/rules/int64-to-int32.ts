import { defineRewrite } from '../define.js';
import { attr } from '../../ir/attr.js';
import type { Value } from '../../ir/value.js';

const INT64 = 7,
  INT32 = 6; // TensorProto.DataType

/**
 * int64 graph inputs and outputs (token ids, class indices) become int32, with a Cast inside the graph:
 * most NPU toolchains and ncnn take no int64 I/O. Changes the model's interface; exact while the values fit
 * in int32.
 */
export default defineRewrite({
  id: 'int64-to-int32',
  description: 'int64 graph inputs/outputs → int32 with a Cast inside',
  safety: 'interface',
  source: 'https://onnx.ai/onnx/operators/onnx__Cast.html',
  scope: 'graph',
  match(_n, ctx) {
    const g = ctx.graph;
    const io = [...new Set([...g.inputs.filter((v) => !v.data), ...g.outputs])].filter((v) => v.dtype === 'int64');
    return io.length ? io : null;
  },
  apply(values: Value[], ctx) {
    const g = ctx.graph,
      created: string[] = [];
    for (const v of values) {
      const isInput = g.inputs.includes(v);
      if (isInput) {
        const inner = g.newValue(`${v.name}_int64`);
        inner.dtype = 'int64';
        inner.shape = v.shape ? [...v.shape] : null;
        const keepOutput = g.outputs.includes(v);
        g.replaceAllUses(v, inner);
        if (keepOutput) g.outputs = g.outputs.map((o) => (o === inner ? v : o));
        const n = g.addNode(
          {
            op: 'Cast',
            name: g.uniqueNodeName(`${v.name}_to_int64`),
            inputs: [v],
            outputs: [inner],
            attrs: new Map([['to', attr.int(INT64)]]),
          },
          g.nodes[0],
        );
        created.push(n.name);
      } else {
        const name = v.name;
        g.rename(v, g.newValue(`${name}_int64`).name);
        const out = g.value(name);
        out.dtype = 'int32';
        out.shape = v.shape ? [...v.shape] : null;
        g.outputs = g.outputs.map((o) => (o === v ? out : o));
        const n = g.addNode({
          op: 'Cast',
          name: g.uniqueNodeName(`${name}_to_int32`),
          inputs: [v],
          outputs: [out],
          attrs: new Map([['to', attr.int(INT32)]]),
        });
        created.push(n.name);
        continue;
      }
      v.dtype = 'int32';
    }
    return created;
  },
});
