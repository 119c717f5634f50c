import { Tensor } from '../../src/ir/tensor.js';
import { byteSize } from '../../src/ir/dtype.js';
import { tensorToNumbers } from '../../src/ir/typed-data.js';
import { InputError } from '../../src/io/input-error.js';
import { num, type SparseTensorProto } from './proto-types.js';
import { checkDims, tensorFromProto, type TensorContext } from './tensor-proto.js';

/**
 * A sparse initializer is densified on import (the IR has dense constants only; the value is marked
 * `meta.sparse` so the exporter can write it back as sparse). Indices are either [NNZ] linear
 * indices or [NNZ, rank] coordinates (onnx.proto SparseTensorProto).
 */
export function sparseToDense(s: SparseTensorProto, ctx: TensorContext): Tensor {
  const name = s.values?.name ?? '';
  const dims = (s.dims ?? []).map(num);
  checkDims(dims, `sparse tensor '${name}'`, ctx);
  if (!s.values) throw new InputError(ctx.file, `sparse tensor '${name}' has no values`);
  const values = tensorFromProto(s.values, ctx, `sparse tensor '${name}' values`);
  const idx = s.indices ? tensorToNumbers(tensorFromProto(s.indices, ctx, `sparse tensor '${name}' indices`)) : [];
  const count = dims.reduce((a, b) => a * b, 1);
  const elem = byteSize(values.dtype, 1);
  const out = new Uint8Array(byteSize(values.dtype, count));
  const src = values.bytes();
  const nnz = values.count;
  const rank = dims.length;
  const linear = idx.length === nnz;
  if (!linear && idx.length !== nnz * rank)
    throw new InputError(ctx.file, `sparse tensor '${name}': ${idx.length} indices for ${nnz} values`);
  for (let k = 0; k < nnz; k++) {
    let at = 0;
    if (linear) at = idx[k]!;
    else for (let r = 0; r < rank; r++) at = at * dims[r]! + idx[k * rank + r]!;
    if (!(at >= 0 && at < count))
      throw new InputError(ctx.file, `sparse tensor '${name}': index ${at} outside ${count} elements`);
    out.set(src.subarray(k * elem, (k + 1) * elem), at * elem);
  }
  return Tensor.fromBytes(values.dtype, dims, out);
}
