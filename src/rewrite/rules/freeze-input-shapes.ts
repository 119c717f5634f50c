import { defineRewrite } from '../define.js';

/**
 * Give every graph input static dims: the --input-shape values, else 1 for each symbolic or unknown
 * dim (the batch of 1 that the static-shape targets need). Changes the model's interface.
 */
export default defineRewrite({
  id: 'freeze-input-shapes',
  description: 'make the input dims static',
  safety: 'interface',
  source: 'https://onnx.ai/onnx/repo-docs/IR.html#static-tensor-shapes',
  scope: 'graph',
  match(_n, ctx) {
    const g = ctx.graph;
    const given = ctx.options.inputShapes ?? new Map();
    const todo = g.inputs.filter(
      (v) =>
        !v.data &&
        v.shape &&
        (given.has(v.name) ? given.get(v.name)!.join() !== v.shape.join() : v.shape.some((d) => typeof d !== 'number')),
    );
    return todo.length ? todo : null;
  },
  apply(values, ctx) {
    const given = ctx.options.inputShapes ?? new Map();
    for (const v of values) v.shape = given.get(v.name) ?? v.shape!.map((d) => (typeof d === 'number' ? d : 1));
    return [];
  },
});
