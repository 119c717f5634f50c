import type { CostFamily, Dims } from './cost-family.js';
import { product } from './cost-family.js';

/** Batched matrix product [..., M, K] × [..., K, N]: ∏batch·M·N·K MACs (a 1-D operand counts as a vector). */
function matmulMacs(a: number[], b: number[], y: number[]): number {
  const k = a.length === 1 ? a[0]! : a[a.length - 1]!;
  const n = b.length === 1 ? 1 : b[b.length - 1]!;
  return (product(y) / Math.max(n, 1)) * n * k;
}

/** Gemm, MatMul and their integer forms. Gemm's C (bias) adds M·N other ops; α/β scaling is not counted. */
export const matrixProduct: CostFamily = {
  name: 'matrix product',
  ops: ['Gemm', 'MatMul', 'MatMulInteger', 'QLinearMatMul'],
  cost(node, { inputs, outputs }) {
    const bIndex = node.op === 'QLinearMatMul' ? 3 : 1;
    const a: Dims = inputs[0] ?? null,
      b: Dims = inputs[bIndex] ?? null,
      y = outputs[0];
    if (!a || !b || !y) return null;
    if (node.op === 'Gemm') {
      const k = node.int('transA', 0) ? a[0]! : a[1]!;
      return { macs: product(y) * k, otherOps: node.inputs[2] ? product(y) : 0 };
    }
    return { macs: matmulMacs(a, b, y), otherOps: 0 };
  },
};
