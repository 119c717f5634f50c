/** What an op importer sees of one TFLite operator, and the shape of an op family's table. */
import type { Value } from '../../../src/ir/value.js';
import type { Attrs } from '../../../src/ir/attr.js';
import type { Tensor } from '../../../src/ir/tensor.js';
import type { TflOperator, TflSubgraph } from '../read-model.js';
import type { DType } from '../../../src/ir/dtype.js';

export interface OpCtx {
  op: TflOperator;
  name: string;
  /** Float (dequantized) input i, or null when absent (-1). */
  input(i: number): Value | null;
  /** Constant data of input i (raw, as stored), or null. */
  constData(i: number): Tensor | null;
  /** A float constant derived from input i's data by `f` (e.g. permuted weights), dequantized if quantized. */
  weight(i: number, f: (t: Tensor) => Tensor, axis?: number): Value;
  shapeOf(i: number): number[];
  /** Input i is a variable tensor (is_variable: state kept across invocations, e.g. recurrent states). */
  isVariable(i: number): boolean;
  /** Static shape of output i as the file declares it. */
  outShapeOf(i: number): number[];
  /** TensorType name of input i / output i as the file declares it (FLOAT32, INT8, INT32, BOOL, …). */
  typeOf(i: number): string;
  outTypeOf(i: number): string;
  constant(name: string, dtype: DType, dims: number[], values: number[]): Value;
  /** Subgraph `index` of the model as stored (a body or computation an option names), or null if absent. */
  subgraph(index: number): TflSubgraph | null;
  node(op: string, inputs: (Value | null)[], attrs?: Attrs, domain?: string, outputs?: number): Value[];
}

/** Maps one operator to the IR: its output values in order, or null to keep it foreign (domain 'tflite'). */
export type TfliteImporter = (c: OpCtx) => Value[] | null;

/**
 * One op family: builtin name (as in the schema's BuiltinOperator enum) → importer. Custom ops are keyed
 * `CUSTOM:<custom_code>`.
 */
export type TfliteOpTable = Readonly<Record<string, TfliteImporter>>;
