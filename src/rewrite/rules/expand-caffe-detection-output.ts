import { defineRewrite } from '../define.js';
import { Builder, replaceNode } from '../builder.js';
import type { Node } from '../../ir/node.js';
import type { Value } from '../../ir/value.js';
import { detectionForm, detectionOutput } from '../../../converters/caffe/detection-output.js';
import { foreignParams } from '../../../converters/caffe/foreign-params.js';
import type { LayerCtx } from '../../../converters/caffe/ops/types.js';

const staticShape = (v: Value): number[] | null =>
  v.shape && v.shape.every((d) => typeof d === 'number') ? (v.shape as number[]) : null;

/**
 * A Caffe DetectionOutput layer (kept as caffe.DetectionOutput so Caffe targets such as NNIE check it as the
 * layer it is) → its definition in ONNX ops (converters/caffe/detection-output.ts), for ONNX runtimes and
 * verification. Layers in forms the expansion does not cover are left alone.
 */
export default defineRewrite({
  id: 'expand-caffe-detection-output',
  description: 'caffe.DetectionOutput → decode, per-class NMS, top-k in ONNX ops',
  safety: 'exact',
  source: 'https://github.com/weiliu89/caffe/blob/ssd/src/caffe/layers/detection_output_layer.cpp',
  match(n) {
    if (!n || n.domain !== 'caffe' || n.op !== 'DetectionOutput' || n.outputs.length !== 1 || n.inputs.length !== 3)
      return null;
    return detectionForm({ p: foreignParams(n), inputs: n.inputs as Value[], shape: staticShape }) ? n : null;
  },
  apply(n: Node, ctx) {
    const b = new Builder(ctx.graph, n, n.name || 'detection_out');
    let declined = false;
    const c: LayerCtx = {
      name: n.name,
      type: 'DetectionOutput',
      p: foreignParams(n),
      inputs: n.inputs as Value[],
      tops: 1,
      blobs: [],
      shape: staticShape,
      warn: () => undefined,
      weight: () => {
        throw new Error('DetectionOutput has no weights');
      },
      constant: (name, dtype, dims, values) => b.const(name, dtype, dims, values),
      node: (op, inputs, attrs = new Map(), domain = '', outputs = 1) => {
        if (domain) {
          declined = true;
          return [n.outputs[0]!];
        } // the expansion fell back to the foreign layer
        const outs = Array.from({ length: outputs }, (_, i) =>
          ctx.graph.newValue(`${n.name || 'detection_out'}/${op}_${i}`),
        );
        const name = ctx.graph.uniqueNodeName(`${n.name || 'detection_out'}/${op}`);
        ctx.graph.addNode({ op, name, inputs, outputs: outs, attrs, origin: n.origin }, n);
        b.created.push(name);
        return outs;
      },
    };
    const [y] = detectionOutput(c);
    if (declined || !y || y === n.outputs[0]) return [];
    replaceNode(ctx.graph, n, y);
    return b.created;
  },
});
