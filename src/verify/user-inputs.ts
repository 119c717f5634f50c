/**
 * User-given inputs for verification: `--input name=file.npy` (dtype and shape from the file, checked
 * against the model input) or `--input name=file.raw` / `.bin` (little-endian C-order data of the model
 * input's dtype and static shape).
 */
import { readFileSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import type { Model } from '../ir/model.js';
import { InputError, UsageError } from '../io/input-error.js';
import { parseNpy } from '../io/npy.js';

export interface FeedTensor {
  type: string;
  data: Float32Array | Int32Array | BigInt64Array | Uint8Array;
  dims: number[];
}

const ITEM: Record<string, number> = { float32: 4, int32: 4, int64: 8, uint8: 1, bool: 1 };

function typed(type: string, bytes: Uint8Array): FeedTensor['data'] {
  const copy = Uint8Array.prototype.slice.call(bytes); // a copy, aligned (a Buffer's own slice() would be a view)
  if (type === 'float32') return new Float32Array(copy.buffer);
  if (type === 'int32') return new Int32Array(copy.buffer);
  if (type === 'int64') return new BigInt64Array(copy.buffer);
  return copy;
}

/** Parse `name=path` specs into feeds for the model's inputs. */
export function loadUserInputs(specs: string[], model: Model): Record<string, FeedTensor> {
  const feeds: Record<string, FeedTensor> = {};
  for (const spec of specs) {
    const eq = spec.indexOf('=');
    if (eq <= 0) throw new UsageError(`bad --input '${spec}' (expected name=file.npy or name=file.raw)`);
    const name = spec.slice(0, eq),
      file = spec.slice(eq + 1);
    const v = model.graph.inputs.find((i) => i.name === name && !i.data);
    if (!v)
      throw new UsageError(
        `--input ${name}: the model has no input '${name}' (inputs: ${model.graph.inputs
          .filter((i) => !i.data)
          .map((i) => i.name)
          .join(', ')})`,
      );
    const want = v.dtype ?? 'float32';
    if (!ITEM[want])
      throw new InputError(
        file,
        `model input '${name}' has dtype ${want}; --input feeds float32, int32, int64, uint8 and bool`,
      );
    let size: number;
    try {
      size = statSync(file).size;
    } catch {
      throw new InputError(file, 'cannot read the input file');
    }
    if (size > 2 ** 31) throw new InputError(file, `input file of ${size} bytes is too large`);
    const buf = new Uint8Array(readFileSync(file));
    if (extname(file).toLowerCase() === '.npy') {
      const a = parseNpy(buf, file);
      if (a.dtype !== want)
        throw new InputError(file, `.npy dtype ${a.dtype} does not match model input '${name}' (${want})`);
      const s = v.shape;
      if (s && (s.length !== a.shape.length || s.some((d, i) => typeof d === 'number' && d !== a.shape[i])))
        throw new InputError(
          file,
          `.npy shape (${a.shape.join(',')}) does not match model input '${name}' [${s.join(',')}]`,
        );
      feeds[name] = { type: want, dims: a.shape, data: typed(want, a.bytes) };
    } else {
      const s = v.shape;
      if (!s || s.some((d) => typeof d !== 'number'))
        throw new InputError(
          file,
          `raw input for '${name}' needs a static input shape (give --input-shape or use .npy)`,
        );
      const dims = s as number[];
      const need = dims.reduce((a, b) => a * b, 1) * ITEM[want]!;
      if (buf.length !== need)
        throw new InputError(
          file,
          `raw input is ${buf.length} bytes; '${name}' [${dims.join(',')}] of ${want} needs ${need}`,
        );
      feeds[name] = { type: want, dims, data: typed(want, buf) };
    }
  }
  return feeds;
}
