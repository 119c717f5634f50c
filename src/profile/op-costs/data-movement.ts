import type { CostFamily } from './cost-family.js';

/** Ops that move or reinterpret data without arithmetic (their cost is memory traffic only). */
export const dataMovement: CostFamily = {
  name: 'data movement',
  ops: [
    'Reshape',
    'Flatten',
    'Squeeze',
    'Unsqueeze',
    'Transpose',
    'Concat',
    'Split',
    'Slice',
    'Gather',
    'GatherElements',
    'GatherND',
    'Tile',
    'Expand',
    'Pad',
    'Identity',
    'Dropout',
    'Shape',
    'Size',
    'Constant',
    'ConstantOfShape',
    'Cast',
    'DepthToSpace',
    'SpaceToDepth',
    'ScatterND',
    'ScatterElements',
  ],
  cost() {
    return { macs: 0, otherOps: 0 };
  },
};
