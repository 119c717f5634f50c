import { readRangeInto } from '../../../src/io/read-range.js';
import type { ReusableBuffer } from '../../../src/io/reusable-buffer.js';

/**
 * The bytes of a length-delimited field left where they are: in the model file (read on demand by
 * positioned reads) or in a buffer already in memory (a view). The writer streams them; tensors
 * become handles on them.
 */
export class LazyBytes {
  constructor(
    /** Offset of the field's payload in the file or buffer. */
    readonly offset: number,
    readonly byteLength: number,
    readonly path: string | null,
    private readonly buffer: Uint8Array | null = null,
  ) {}

  /** The bytes now (a view of the buffer, or a fresh read of the file that nothing keeps). */
  read(): Uint8Array {
    if (this.buffer) return this.buffer.subarray(this.offset, this.offset + this.byteLength);
    return readFileRange(this.path!, this.offset, this.byteLength);
  }

  /** The bytes read into `scratch` (a view of the buffer when in memory); valid until scratch's next use. */
  readVia(scratch: ReusableBuffer): Uint8Array {
    if (this.buffer) return this.read();
    return readRangeInto(this.path!, this.offset, scratch.view(this.byteLength));
  }

  /** The first `byteLength` bytes alone (read into `scratch`, or a view of the buffer). */
  readHead(byteLength: number, scratch: ReusableBuffer): Uint8Array {
    const n = Math.min(byteLength, this.byteLength);
    if (this.buffer) return this.buffer.subarray(this.offset, this.offset + n);
    return readRangeInto(this.path!, this.offset, scratch.view(n));
  }
}

/** Read `length` bytes at `offset` of a file (positioned reads; throws if the file is shorter). */
export function readFileRange(path: string, offset: number, length: number): Buffer {
  return readRangeInto(path, offset, Buffer.allocUnsafe(length));
}
