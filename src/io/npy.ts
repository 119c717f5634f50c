/**
 * NumPy .npy reader (format versions 1.0, 2.0 and 3.0): magic "\x93NUMPY", version, a little-endian
 * header length (2 bytes in 1.0, 4 bytes after), then a Python-literal dict with 'descr', 'fortran_order'
 * and 'shape', then the raw array data. Source: https://numpy.org/doc/stable/reference/generated/numpy.lib.format.html
 */
import { InputError } from './input-error.js';

export type NpyDType = 'float32' | 'float64' | 'float16' | 'int8' | 'uint8' | 'int16' | 'int32' | 'int64' | 'bool';
export interface NpyArray {
  dtype: NpyDType;
  shape: number[];
  bytes: Uint8Array;
}

/** numpy descr (little-endian or byte-order-free) → dtype name and item size. */
const DESCR: Record<string, [NpyDType, number]> = {
  '<f4': ['float32', 4],
  '<f8': ['float64', 8],
  '<f2': ['float16', 2],
  '|i1': ['int8', 1],
  '|u1': ['uint8', 1],
  '<i2': ['int16', 2],
  '<i4': ['int32', 4],
  '<i8': ['int64', 8],
  '|b1': ['bool', 1],
};

export function parseNpy(buf: Uint8Array, file: string): NpyArray {
  const magic = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59];
  if (buf.length < 10 || magic.some((b, i) => buf[i] !== b))
    throw new InputError(file, 'not a .npy file (no \\x93NUMPY magic)');
  const major = buf[6]!;
  if (major < 1 || major > 3)
    throw new InputError(file, `.npy format version ${major}.${buf[7]} is not supported (1.0–3.0)`);
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const lenBytes = major === 1 ? 2 : 4;
  const headerLen = major === 1 ? dv.getUint16(8, true) : buf.length >= 12 ? dv.getUint32(8, true) : Infinity;
  const start = 8 + lenBytes;
  if (start + headerLen > buf.length)
    throw new InputError(file, `.npy header length ${headerLen} runs past the end of the file (${buf.length} bytes)`);
  const header = new TextDecoder(major === 3 ? 'utf-8' : 'latin1').decode(buf.subarray(start, start + headerLen));
  const descr = header.match(/'descr'\s*:\s*'([^']*)'/)?.[1];
  const fortran = header.match(/'fortran_order'\s*:\s*(True|False)/)?.[1];
  const shapeText = header.match(/'shape'\s*:\s*\(([^)]*)\)/)?.[1];
  if (descr === undefined || fortran === undefined || shapeText === undefined)
    throw new InputError(file, `.npy header is not a dict with descr, fortran_order and shape: ${header.trim()}`);
  const known = DESCR[descr] ?? DESCR[descr.replace(/^=/, '<').replace(/^\|(?=[fi])/, '<')];
  if (!known)
    throw new InputError(
      file,
      `.npy dtype '${descr}' is not supported (little-endian float16/32/64, int8/16/32/64, uint8, bool)`,
    );
  if (fortran === 'True')
    throw new InputError(file, '.npy array is in Fortran order; save it C-contiguous (np.ascontiguousarray)');
  const shape = shapeText
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map(Number);
  if (shape.some((d) => !Number.isSafeInteger(d) || d < 0))
    throw new InputError(file, `.npy shape (${shapeText}) is not a tuple of non-negative integers`);
  const [dtype, size] = known;
  const need = shape.reduce((a, b) => a * b, 1) * size;
  const dataStart = start + headerLen;
  if (buf.length - dataStart !== need)
    throw new InputError(
      file,
      `.npy data is ${buf.length - dataStart} bytes; shape (${shape.join(',')}) of ${dtype} needs ${need}`,
    );
  return { dtype, shape, bytes: buf.subarray(dataStart) };
}
