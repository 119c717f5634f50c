/**
 * SPACE_TO_BATCH_ND and BATCH_TO_SPACE_ND over the M spatial axes after the batch (NHWC: M = 2), as
 * Pad/Reshape/Transpose/Reshape and Reshape/Transpose/Reshape/Slice. The output batch is block-major:
 * batch index = (block offset) · N + n.
 */
import type { Value } from '../../../src/ir/value.js';
import { attr } from '../../../src/ir/attr.js';
import type { OpCtx, TfliteOpTable } from './op-context.js';
import { constInts, ints64 } from './int-constants.js';

const prod = (v: number[]): number => v.reduce((a, b) => a * b, 1);

function spaceToBatch(c: OpCtx): Value[] | null {
  const block = constInts(c, 1),
    pads = constInts(c, 2);
  if (!block || !pads) return null;
  const x = c.shapeOf(0),
    m = block.length,
    rest = x.slice(1 + m);
  const padded = block.map((_, i) => x[1 + i]! + pads[2 * i]! + pads[2 * i + 1]!);
  const onnxPads = [0, ...block.map((_, i) => pads[2 * i]!), ...rest.map(() => 0)];
  const onnxEnds = [0, ...block.map((_, i) => pads[2 * i + 1]!), ...rest.map(() => 0)];
  let y = c.input(0)!;
  if (pads.some((p) => p)) y = c.node('Pad', [y, ints64(c, 'pads', [...onnxPads, ...onnxEnds])])[0]!;
  const split = [x[0]!, ...block.flatMap((b, i) => [padded[i]! / b, b]), ...rest];
  y = c.node('Reshape', [y, ints64(c, 'split', split)])[0]!;
  // [N, S1/b1, b1, …, SM/bM, bM, R…] → [b1 … bM, N, S1/b1 … SM/bM, R…]
  const perm = [
    ...block.map((_, i) => 2 + 2 * i),
    0,
    ...block.map((_, i) => 1 + 2 * i),
    ...rest.map((_, i) => 1 + 2 * m + i),
  ];
  y = c.node('Transpose', [y], new Map([['perm', attr.ints(perm)]]))[0]!;
  const out = [prod(block) * x[0]!, ...padded.map((p, i) => p / block[i]!), ...rest];
  return c.node('Reshape', [y, ints64(c, 'out', out)]);
}

function batchToSpace(c: OpCtx): Value[] | null {
  const block = constInts(c, 1),
    crops = constInts(c, 2);
  if (!block || !crops) return null;
  const x = c.shapeOf(0),
    m = block.length,
    rest = x.slice(1 + m);
  const n = x[0]! / prod(block);
  let y = c.node('Reshape', [c.input(0), ints64(c, 'split', [...block, n, ...x.slice(1)])])[0]!;
  // [b1 … bM, N, S1 … SM, R…] → [N, S1, b1, …, SM, bM, R…]
  const perm = [m, ...block.flatMap((_, i) => [m + 1 + i, i]), ...rest.map((_, i) => 2 * m + 1 + i)];
  y = c.node('Transpose', [y], new Map([['perm', attr.ints(perm)]]))[0]!;
  const full = block.map((b, i) => x[1 + i]! * b);
  y = c.node('Reshape', [y, ints64(c, 'merged', [n, ...full, ...rest])])[0]!;
  if (!crops.some((v) => v)) return [y];
  const axes = block.map((_, i) => 1 + i);
  return c.node('Slice', [
    y,
    ints64(
      c,
      'starts',
      block.map((_, i) => crops[2 * i]!),
    ),
    ints64(
      c,
      'ends',
      full.map((f, i) => f - crops[2 * i + 1]!),
    ),
    ints64(c, 'axes', axes),
  ]);
}

export const spaceBatchOps: TfliteOpTable = { SPACE_TO_BATCH_ND: spaceToBatch, BATCH_TO_SPACE_ND: batchToSpace };
