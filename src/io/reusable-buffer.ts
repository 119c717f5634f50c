/**
 * One byte buffer reused for a run of reads (a writer reading one weight at a time): it grows to the largest
 * request and is never given up in between, so a long export leaves no trail of read buffers for the garbage
 * collector, and its memory stays at the largest tensor instead of the sum of those read since the last GC.
 */
export class ReusableBuffer {
  private buffer = new Uint8Array(0);
  private second: ReusableBuffer | null = null;

  /** A second buffer of the same lifetime, for a source that reads into one and computes into the other. */
  spare(): ReusableBuffer {
    return (this.second ??= new ReusableBuffer());
  }

  /** A view of its first `byteLength` bytes (contents unspecified); valid until the next call. 4-byte aligned. */
  view(byteLength: number): Uint8Array {
    if (this.buffer.byteLength < byteLength) {
      this.buffer = new Uint8Array(0); // let the old one go before the new one is made
      this.buffer = new Uint8Array(roundUp(byteLength));
    }
    return this.buffer.subarray(0, byteLength);
  }

  /** Whether `bytes` lie in this buffer (a result of view(), not a view of something else). */
  holds(bytes: Uint8Array): boolean {
    return bytes.buffer === this.buffer.buffer;
  }
}

/** Sizes grow by whole 64 KiB steps, so a run of slightly larger requests does not reallocate each time. */
const STEP = 1 << 16;
const roundUp = (n: number): number => Math.ceil(n / STEP) * STEP;

/** `count` float32 slots in `buffer` (contents unspecified; valid until its next use). */
export function floatsIn(buffer: ReusableBuffer, count: number): Float32Array {
  const bytes = buffer.view(count * 4);
  return new Float32Array(bytes.buffer, bytes.byteOffset, count);
}
