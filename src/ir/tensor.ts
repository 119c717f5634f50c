import { readSync, openSync, closeSync } from 'node:fs';
import { type DType, byteSize } from './dtype.js';
import { numel } from './shape.js';

/** Quantization parameters carried by a tensor (TFLite, ncnn int8): per tensor or per axis. */
export interface Quantization {
  scale: number[];
  zeroPoint: number[];
  axis?: number;
  min?: number[];
  max?: number[];
}

/** Where the bytes of a tensor live outside the model file, read only on demand. */
export interface ExternalRef {
  path: string;
  offset: number;
  length: number;
}

/**
 * Constant tensor data. Never a copy of the model file: `bytes` is a view into the file buffer,
 * `external` a handle read on demand; `strings` only for string tensors.
 */
export class Tensor {
  constructor(
    readonly dtype: DType,
    readonly dims: number[],
    private bytesView: Uint8Array | null,
    readonly external: ExternalRef | null = null,
    readonly strings: Uint8Array[] | null = null,
    public quant: Quantization | null = null,
  ) {}

  static fromBytes(dtype: DType, dims: number[], bytes: Uint8Array, quant: Quantization | null = null): Tensor {
    return new Tensor(dtype, dims, bytes, null, null, quant);
  }
  static fromExternal(dtype: DType, dims: number[], ref: ExternalRef): Tensor {
    return new Tensor(dtype, dims, null, ref);
  }
  static fromStrings(dims: number[], strings: Uint8Array[]): Tensor {
    return new Tensor('string', dims, null, null, strings);
  }
  /** A new tensor owning a typed array's bytes (for data computed by rewrites, not read from a file). */
  static fromArray(dtype: DType, dims: number[], arr: ArrayBufferView): Tensor {
    return new Tensor(dtype, dims, new Uint8Array(arr.buffer, arr.byteOffset, arr.byteLength));
  }

  get count(): number {
    return numel(this.dims);
  }
  get byteLength(): number {
    return this.external
      ? this.external.length
      : this.bytesView
        ? this.bytesView.byteLength
        : byteSize(this.dtype, this.count);
  }
  get isLoaded(): boolean {
    return this.bytesView !== null || this.strings !== null;
  }

  /** The raw little-endian bytes; external data is read from disk now (and kept). */
  bytes(): Uint8Array {
    if (this.bytesView) return this.bytesView;
    if (this.external) {
      const { path, offset, length } = this.external;
      const buf = Buffer.allocUnsafe(length);
      const fd = openSync(path, 'r');
      try {
        let got = 0;
        while (got < length) {
          const n = readSync(fd, buf, got, length - got, offset + got);
          if (n === 0) throw new Error(`external data ${path}: file ends before offset ${offset + length}`);
          got += n;
        }
      } finally {
        closeSync(fd);
      }
      this.bytesView = buf;
      return buf;
    }
    if (this.strings) throw new Error('string tensor has no raw bytes');
    this.bytesView = new Uint8Array(byteSize(this.dtype, this.count));
    return this.bytesView;
  }

  /** Release data read from external files (handles are kept). */
  unload(): void {
    if (this.external) this.bytesView = null;
  }
}
