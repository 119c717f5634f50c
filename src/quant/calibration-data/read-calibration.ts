/**
 * Calibration data → input samples of a single-input model: `.npy` (float32 or float64, the input's element
 * count), raw little-endian float32 (`.raw`, `.bin`: exactly the input's size), or PNG/JPEG images (decoded,
 * resized and normalized by image-to-tensor.ts). A directory contributes its files of those kinds, sorted by name.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { Model } from '../../ir/model.js';
import { InputError } from '../../io/input-error.js';
import { parseNpy } from '../../io/npy.js';
import type { Sample } from '../analysis/sample-feeds.js';
import { decodeImage } from './decode-image.js';
import { imageToTensor, type TensorGeometry } from './image-to-tensor.js';
import type { PreprocessOptions } from './preprocess-options.js';
import { staticDims } from './synthetic-inputs.js';

export const CALIBRATION_EXTENSIONS = ['.npy', '.raw', '.bin', '.png', '.jpg', '.jpeg'];
const IMAGE_EXTENSIONS = new Set(['.png', '.jpg', '.jpeg']);

/** The files named by the specs (files, directories, comma-separated lists), in order. */
export function calibrationFiles(specs: readonly string[]): string[] {
  const files: string[] = [];
  for (const path of specs.flatMap((s) => s.split(',')).filter(Boolean)) {
    let isDir: boolean;
    try {
      isDir = statSync(path).isDirectory();
    } catch {
      throw new InputError(path, 'no such calibration file or directory');
    }
    if (!isDir) files.push(path);
    else
      files.push(
        ...readdirSync(path)
          .filter((f) => CALIBRATION_EXTENSIONS.includes(extname(f).toLowerCase()))
          .sort()
          .map((f) => join(path, f)),
      );
    if (isDir && files.length === 0)
      throw new InputError(path, `no calibration files in the directory (${CALIBRATION_EXTENSIONS.join(', ')})`);
  }
  return files;
}

function geometry(dims: number[], pre: PreprocessOptions, file: string): TensorGeometry {
  if (dims.length !== 4)
    throw new InputError(file, `images feed 4-D inputs; the model input has dims [${dims.join(',')}]`);
  const nhwc = pre.layout ? pre.layout === 'nhwc' : [1, 3, 4].includes(dims[3]!) && ![1, 3, 4].includes(dims[1]!);
  const [height, width, channels] = nhwc ? [dims[1]!, dims[2]!, dims[3]!] : [dims[2]!, dims[3]!, dims[1]!];
  return { channels, height, width, layout: nhwc ? 'nhwc' : 'nchw' };
}

function floats(file: string, bytes: Uint8Array, count: number): Float32Array {
  const ext = extname(file).toLowerCase();
  if (ext === '.npy') {
    const a = parseNpy(bytes, file);
    const n = a.shape.reduce((x, y) => x * y, 1);
    if (n !== count) throw new InputError(file, `.npy holds ${n} values; the model input takes ${count}`);
    const copy = Uint8Array.prototype.slice.call(a.bytes);
    if (a.dtype === 'float32') return new Float32Array(copy.buffer);
    if (a.dtype === 'float64') return Float32Array.from(new Float64Array(copy.buffer));
    throw new InputError(file, `.npy dtype ${a.dtype}: calibration data must be float32 or float64`);
  }
  if (bytes.length !== count * 4)
    throw new InputError(file, `raw float32 data of ${bytes.length} bytes; the model input takes ${count * 4}`);
  return new Float32Array(Uint8Array.prototype.slice.call(bytes).buffer);
}

export function readCalibration(
  specs: readonly string[],
  model: Model,
  pre: PreprocessOptions,
  limit: number,
  modelPath: string,
): Sample[] {
  const inputs = model.graph.inputs.filter((v) => !v.data);
  if (inputs.length !== 1 || (inputs[0]!.dtype !== 'float32' && inputs[0]!.dtype !== null))
    throw new InputError(
      modelPath,
      `--calib feeds models with one float input; this one has ${inputs.map((v) => `${v.name} (${v.dtype})`).join(', ')}`,
    );
  const input = inputs[0]!;
  const dims = staticDims(model, input.name);
  const count = dims.reduce((a, b) => a * b, 1);
  return calibrationFiles(specs)
    .slice(0, limit)
    .map((file) => {
      let bytes: Uint8Array;
      try {
        bytes = new Uint8Array(readFileSync(file));
      } catch {
        throw new InputError(file, 'cannot read the calibration file');
      }
      const data = IMAGE_EXTENSIONS.has(extname(file).toLowerCase())
        ? imageToTensor(decodeImage(bytes, file), geometry(dims, pre, file), pre)
        : floats(file, bytes, count);
      return { [input.name]: { type: 'float32', dims, data } } as Sample;
    });
}
