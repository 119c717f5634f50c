/** MaxPool/AveragePool → Pooling with Caffe's rounding reproduced exactly; global pools; spatial ReduceMean/Max. */
import type { Node } from '../../../../src/ir/node.js';
import { CaffeRefusal, layerName, outTop, staticDims, type LayerFamily, type WriteCtx } from '../write-context.js';
import { planAveragePool, planAxis, poolOut, type AxisPlan } from '../pad-plan.js';
import { spatialAxes, pairParams } from '../spatial-attrs.js';
import { cropSpatial, needsCrop } from '../crop.js';
import { enumValue } from '../caffe-layer.js';

function global(n: Node, c: WriteCtx, method: 'MAX' | 'AVE'): void {
  if (staticDims(n.inputs[0]).length !== 4) throw new CaffeRefusal('global pooling is written for 4-D blobs');
  c.emit({
    name: layerName(n, c),
    type: 'Pooling',
    bottoms: [c.top(n.inputs[0])],
    tops: [outTop(n)],
    params: { pooling_param: { pool: enumValue(method), global_pooling: true } },
  });
}

function windowed(n: Node, c: WriteCtx): void {
  const kernel = n.ints('kernel_shape') ?? [];
  if (kernel.length !== 2) throw new CaffeRefusal(`${kernel.length}-D pooling: Caffe pools 2-D windows`);
  if ((n.ints('dilations') ?? [1, 1]).some((d) => d !== 1)) throw new CaffeRefusal('dilated pooling: Caffe has none');
  if (n.op === 'MaxPool' && n.outputs[1]) throw new CaffeRefusal('MaxPool indices output: Caffe has none');
  const axes = spatialAxes(n, kernel);
  const average = n.op === 'AveragePool';
  const results = axes.map((a) =>
    average
      ? planAveragePool(a, n.int('count_include_pad', 0) === 1)
      : planAxis(a, (pad) => poolOut(a.size, a.kernel, a.stride, pad), a.kernel - 1),
  );
  const bad = results.find((r): r is string => typeof r === 'string');
  if (bad) throw new CaffeRefusal(`${bad} (Caffe pools with pad < kernel and rounds up)`);
  const p = results as AxisPlan[];
  const name = layerName(n, c);
  const outs = axes.map((a) => a.out);
  const crop = needsCrop(p, outs);
  const top = crop ? c.fresh(`${name}_full`) : outTop(n);
  c.emit({
    name,
    type: 'Pooling',
    bottoms: [c.top(n.inputs[0])],
    tops: [top],
    params: {
      pooling_param: {
        pool: enumValue(average ? 'AVE' : 'MAX'),
        ...pairParams('kernel', kernel),
        ...pairParams(
          'stride',
          axes.map((a) => a.stride),
          { omitIf: 1 },
        ),
        ...pairParams(
          'pad',
          p.map((x) => x.pad),
          { omitIf: 0 },
        ),
      },
    },
  });
  if (crop) cropSpatial(c, name, top, p, outs, outTop(n));
}

/** ReduceMean/ReduceMax over H and W with keepdims is global pooling. */
function reduce(n: Node, c: WriteCtx): void {
  const x = staticDims(n.inputs[0]);
  const axes = (n.ints('axes') ?? []).map((a) => (a < 0 ? a + x.length : a)).sort();
  if (x.length !== 4 || axes.join(',') !== '2,3' || n.inputs.length > 1)
    throw new CaffeRefusal(
      `reduction over axes [${axes.join(',')}]: only one over H and W (global pooling) is written`,
    );
  const method = n.op === 'ReduceMean' ? 'AVE' : 'MAX';
  if (n.int('keepdims', 1) === 1) return global(n, c, method);
  const name = layerName(n, c);
  const pooled = c.fresh(`${name}_pooled`);
  c.emit({
    name,
    type: 'Pooling',
    bottoms: [c.top(n.inputs[0])],
    tops: [pooled],
    params: { pooling_param: { pool: enumValue(method), global_pooling: true } },
  });
  c.emit({ name: c.fresh(`${name}_flatten`), type: 'Flatten', bottoms: [pooled], tops: [outTop(n)] });
}

function write(n: Node, c: WriteCtx): void {
  if (n.op === 'GlobalAveragePool') return global(n, c, 'AVE');
  if (n.op === 'GlobalMaxPool') return global(n, c, 'MAX');
  if (n.op === 'ReduceMean' || n.op === 'ReduceMax') return reduce(n, c);
  windowed(n, c);
}

export const poolFamily: LayerFamily = {
  ops: ['MaxPool', 'AveragePool', 'GlobalAveragePool', 'GlobalMaxPool', 'ReduceMean', 'ReduceMax'],
  write,
};
