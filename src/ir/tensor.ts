import { type DType, byteSize } from './dtype.js';
import { readRangeInto } from '../io/read-range.js';
import type { ReusableBuffer } from '../io/reusable-buffer.js';
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

/** Handles up to this size keep their bytes once read (shape glue, biases); larger ones are read on each use. */
const KEEP_READ_BYTES = 1 << 16;

/** Bytes kept where they are (a span of the model file, or a view) until read. */
export interface ByteSource {
  readonly byteLength: number;
  /** The bytes now; a file span is read afresh on each call (nothing keeps them). */
  read(): Uint8Array;
  /**
   * The same bytes, read (or computed) into `scratch` instead of a fresh buffer; valid until scratch's next use.
   * Sources without it are read with read().
   */
  readVia?(scratch: ReusableBuffer): Uint8Array;
  /** The first `byteLength` bytes only (read or computed into `scratch`), when the source can give them alone. */
  readHead?(byteLength: number, scratch: ReusableBuffer): Uint8Array;
}

/**
 * Constant tensor data. Never a copy of the model file: `bytes` is a view into the file buffer,
 * `external` a handle on an external data file and `source` a span of the model file, both read on
 * demand; `strings` only for string tensors.
 */
export class Tensor {
  constructor(
    readonly dtype: DType,
    readonly dims: number[],
    private bytesView: Uint8Array | null,
    readonly external: ExternalRef | null = null,
    readonly strings: Uint8Array[] | null = null,
    public quant: Quantization | null = null,
    private readonly source: ByteSource | null = null,
  ) {}

  /** Fields of the source format the IR does not model (e.g. an ONNX TensorProto's doc_string), written back as read. */
  extra: Record<string, unknown> | null = null;

  static fromBytes(dtype: DType, dims: number[], bytes: Uint8Array, quant: Quantization | null = null): Tensor {
    return new Tensor(dtype, dims, bytes, null, null, quant);
  }
  static fromExternal(dtype: DType, dims: number[], ref: ExternalRef): Tensor {
    return new Tensor(dtype, dims, null, ref);
  }
  /** A tensor whose bytes stay in the model file until first use (graph-only reading). */
  static fromSource(dtype: DType, dims: number[], source: ByteSource, quant: Quantization | null = null): Tensor {
    return new Tensor(dtype, dims, null, null, null, quant, source);
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
    if (this.external) return this.external.length;
    if (this.bytesView) return this.bytesView.byteLength;
    if (this.source) return this.source.byteLength;
    return byteSize(this.dtype, this.count);
  }
  get isLoaded(): boolean {
    return this.bytesView !== null || this.strings !== null;
  }

  /** Whether the bytes are still on disk (an external-data handle or a span of the model file, not read yet). */
  get isHandle(): boolean {
    return this.bytesView === null && (this.external !== null || this.source !== null);
  }

  /**
   * The raw little-endian bytes. External data and file spans are read from disk now; small ones are kept,
   * large ones are not (each call reads afresh, so weights a rewrite replaces are not held twice).
   */
  bytes(): Uint8Array {
    if (this.bytesView) return this.bytesView;
    const read = this.readNow();
    if (read) {
      if (read.byteLength <= KEEP_READ_BYTES) this.bytesView = read;
      return read;
    }
    if (this.strings) throw new Error('string tensor has no raw bytes');
    this.bytesView = new Uint8Array(byteSize(this.dtype, this.count));
    return this.bytesView;
  }

  /** The bytes without keeping them (writers stream weights this way: one tensor in memory at a time). */
  peekBytes(): Uint8Array {
    return this.bytesView ?? this.readNow() ?? this.bytes();
  }

  /**
   * The bytes for a reader that drops them before its next read (a writer, a digest): a view when they are in
   * memory, else read from disk (or computed) into `scratch` — valid only until scratch's next use, never to be
   * changed or kept. Nothing is allocated per call once scratch has grown to the largest tensor.
   */
  bytesVia(scratch: ReusableBuffer): Uint8Array {
    if (this.bytesView) return this.bytesView;
    if (this.external) {
      const { path, offset, length } = this.external;
      return readRangeInto(path, offset, scratch.view(length));
    }
    if (this.source) return this.source.readVia ? this.source.readVia(scratch) : this.source.read();
    return this.bytes();
  }

  /**
   * The first `byteLength` bytes (fewer for a smaller tensor), as bytesVia gives them but without reading or
   * computing the rest where the bytes are on disk or their source can give a head alone: a cheap fingerprint.
   */
  headVia(byteLength: number, scratch: ReusableBuffer): Uint8Array {
    const n = Math.min(byteLength, this.byteLength);
    if (this.bytesView) return this.bytesView.subarray(0, n);
    if (this.external) return readRangeInto(this.external.path, this.external.offset, scratch.view(n));
    if (this.source?.readHead) return this.source.readHead(n, scratch);
    return this.bytesVia(scratch).subarray(0, n);
  }

  private readNow(): Uint8Array | null {
    if (this.external) {
      const { path, offset, length } = this.external;
      return readRangeInto(path, offset, Buffer.allocUnsafe(length));
    }
    return this.source ? this.source.read() : null;
  }

  /** The same bytes under other dims of the same count (a handle stays a handle: nothing is read). */
  reshaped(dims: number[]): Tensor {
    if (this.isHandle && !this.external)
      return Tensor.fromSource(
        this.dtype,
        dims,
        {
          byteLength: this.byteLength,
          read: () => this.peekBytes(),
          readVia: (s) => this.bytesVia(s),
          readHead: (n, s) => this.headVia(n, s),
        },
        this.quant,
      );
    return Tensor.fromBytes(this.dtype, dims, this.bytes(), this.quant);
  }

  /** Release data read from external files or file spans (handles are kept). */
  unload(): void {
    if (this.external || this.source) this.bytesView = null;
  }
}
