import { defineRewrite } from '../define.js';
import { Builder, replaceNode } from '../builder.js';
import type { Node } from '../../ir/node.js';
import type { Value } from '../../ir/value.js';
import { detectionForm, detectionOutput, type DetectionOutputBuild } from '../../formats/caffe/detection-output.js';
import { foreignParams } from '../../formats/caffe/foreign-params.js';

const staticShape = (v: Value): number[] | null =>
  v.shape && v.shape.every((d) => typeof d === 'number') ? (v.shape as number[]) : null;

/**
 * A Caffe DetectionOutput layer (kept as caffe.DetectionOutput so Caffe targets such as NNIE check it as the
 * layer it is) → its definition in ONNX ops (src/formats/caffe/detection-output.ts), for ONNX runtimes and
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
    const c: DetectionOutputBuild = {
      p: foreignParams(n),
      inputs: n.inputs as Value[],
      shape: staticShape,
      constant: (name, dtype, dims, values) => b.const(name, dtype, dims, values),
      node: (op, inputs, attrs = new Map(), outputs = 1) => {
        const outs = Array.from({ length: outputs }, (_, i) =>
          ctx.graph.newValue(`${n.name || 'detection_out'}/${op}_${i}`),
        );
        const name = ctx.graph.uniqueNodeName(`${n.name || 'detection_out'}/${op}`);
        ctx.graph.addNode({ op, name, inputs, outputs: outs, attrs, origin: n.origin }, n);
        b.created.push(name);
        return outs;
      },
    };
    const [y] = detectionOutput(c) ?? [];
    if (!y) return []; // a form the expansion does not cover: the layer stays
    replaceNode(ctx.graph, n, y);
    return b.created;
  },
});
