import type { Value } from '../../src/ir/value.js';
import type { Dim } from '../../src/ir/shape.js';
import { dtypeCode, dtypeFromCode } from '../../src/ir/dtype.js';
import { num, type TensorTypeProto, type TypeProto } from './proto-types.js';

/** A tensor type's dims as the IR spells them: numbers, symbolic names, or null for unknown. */
export function protoDims(tt: TensorTypeProto): Dim[] | null {
  if (!tt.shape) return null;
  return (tt.shape.dim ?? []).map((d) => {
    if (d.dimValue !== undefined && d.dimValue !== null) {
      const n = num(d.dimValue);
      return n >= 0 ? n : null;
    }
    return d.dimParam ? d.dimParam : null;
  });
}

/** Whether a TypeProto read from the file still says what the IR knows of the value (then it is written as read). */
function agrees(tp: TypeProto, v: Value): boolean {
  const tt = tp.tensorType ?? tp.sparseTensorType;
  if (!tt) return false;
  if ((dtypeFromCode(tt.elemType ?? 0) ?? null) !== (v.dtype ?? null)) return false;
  const dims = protoDims(tt);
  if (dims === null || v.shape === null) return dims === v.shape;
  return dims.length === v.shape.length && dims.every((d, i) => d === v.shape![i]);
}

/** The TypeProto to write for a value: as read (denotations, sparse types kept) while it agrees, else from the IR. */
export function typeProtoOf(v: Value): TypeProto | undefined {
  if (v.meta.type) return v.meta.type as TypeProto;
  const read = v.meta.onnxType as TypeProto | undefined;
  if (read && agrees(read, v)) return read;
  if (!v.dtype) return undefined;
  const tensorType: TensorTypeProto = { elemType: dtypeCode(v.dtype) };
  if (v.shape)
    tensorType.shape = {
      dim: v.shape.map((d) => (typeof d === 'number' ? { dimValue: d } : typeof d === 'string' ? { dimParam: d } : {})),
    };
  return { tensorType };
}
