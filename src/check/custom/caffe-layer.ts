/** The node was imported from a Caffe layer (of one of `args.types` when given): lets a target hold a Caffe layer table. */
import type { CustomPredicate } from './types.js';

export const caffeLayer: CustomPredicate = (ctx, args) => {
  const origin = ctx.node.origin;
  if (origin?.format !== 'caffe') return { pass: false, actual: 'not imported from a Caffe layer' };
  const types = args.types as string[] | undefined;
  return !types || types.includes(origin.type)
    ? { pass: true }
    : { pass: false, actual: `Caffe layer type ${origin.type}` };
};
