/** Layout and shape ops: RESHAPE, TRANSPOSE, CONCATENATION, PAD, PADV2, DEPTH_TO_SPACE, SPACE_TO_DEPTH. */
import type { Value } from '../../../src/ir/value.js';
import { attr } from '../../../src/ir/attr.js';
import { tensorToNumbers } from '../../../src/ir/typed-data.js';
import type { OpCtx, TfliteOpTable } from './op-context.js';
import { opt, optInts } from './options.js';
import { activation } from './fused-activation.js';
import { nchw, nhwc } from './layout.js';

/** TFLite paddings [[before, after] per axis] → ONNX pads [befores…, afters…]; PADV2's third input is the fill. */
function pad(c: OpCtx, withValue: boolean): Value[] {
  const p = tensorToNumbers(c.constData(1)!);
  const r = p.length / 2;
  const axes = [...Array(r).keys()];
  const pads = axes.map((i) => p[2 * i]!).concat(axes.map((i) => p[2 * i + 1]!));
  return c.node('Pad', [c.input(0), c.constant('pads', 'int64', [2 * r], pads), withValue ? c.input(2) : null]);
}

function reshape(c: OpCtx): Value[] {
  const shape = c.constData(1) ? tensorToNumbers(c.constData(1)!) : optInts(c, 'new_shape');
  return c.node('Reshape', [c.input(0), c.constant('shape', 'int64', [shape.length], shape)]);
}

function concat(c: OpCtx): Value[] {
  const inputs = c.op.inputs.map((_, i) => c.input(i));
  return [activation(c, c.node('Concat', inputs, new Map([['axis', attr.int(opt(c, 'axis'))]]))[0]!)];
}

function depthToSpace(c: OpCtx): Value[] {
  const attrs = new Map([
    ['blocksize', attr.int(opt(c, 'block_size'))],
    ['mode', attr.string('DCR')],
  ]);
  return [nhwc(c, c.node('DepthToSpace', [nchw(c, c.input(0)!)], attrs)[0]!)];
}

function spaceToDepth(c: OpCtx): Value[] {
  const attrs = new Map([['blocksize', attr.int(opt(c, 'block_size'))]]);
  return [nhwc(c, c.node('SpaceToDepth', [nchw(c, c.input(0)!)], attrs)[0]!)];
}

export const shapeOps: TfliteOpTable = {
  RESHAPE: reshape,
  TRANSPOSE: (c) => c.node('Transpose', [c.input(0)], new Map([['perm', attr.ints(tensorToNumbers(c.constData(1)!))]])),
  CONCATENATION: concat,
  PAD: (c) => pad(c, false),
  PADV2: (c) => pad(c, true),
  DEPTH_TO_SPACE: depthToSpace,
  SPACE_TO_DEPTH: spaceToDepth,
};
