import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

/** Bytes of a model addressed by absolute offset: the whole buffer, or a file read window by window. */
export interface ByteWindow {
  readonly size: number;
  /** File path when the bytes come from a file (for handles on skipped fields). */
  readonly path: string | null;
  /** The whole content when it is in memory. */
  readonly whole: Uint8Array | null;
  /** A buffer `buf` and its file offset `base` such that buf covers [at, at + n) (n clipped to the end). */
  cover(at: number, n: number): { buf: Uint8Array; base: number };
  /** Bytes read from the file so far (the cost of a graph-only read). */
  readonly bytesRead: number;
  close(): void;
}

export function bufferWindow(buf: Uint8Array): ByteWindow {
  return {
    size: buf.length,
    path: null,
    whole: buf,
    bytesRead: buf.length,
    cover: () => ({ buf, base: 0 }),
    close: () => undefined,
  };
}

/** Reads start small after a jump (a skipped tensor) and double while reading on sequentially. */
const FIRST_READ = 4096;
const MAX_READ = 1 << 20;

/** Positioned reads of a file through one reusable window: a graph-only read touches little beyond the graph. */
export class FileWindow implements ByteWindow {
  readonly size: number;
  readonly whole = null;
  bytesRead = 0;
  private fd: number;
  private buf: Buffer = Buffer.alloc(0);
  private view: Uint8Array = this.buf;
  private base = 0;
  private nextRead = FIRST_READ;

  constructor(readonly path: string) {
    this.fd = openSync(path, 'r');
    this.size = fstatSync(this.fd).size;
  }

  cover(at: number, n: number): { buf: Uint8Array; base: number } {
    const end = Math.min(this.size, at + n);
    if (at >= this.base && end <= this.base + this.view.length) return { buf: this.view, base: this.base };
    const sequential = at >= this.base && at <= this.base + this.view.length;
    this.nextRead = sequential ? Math.min(MAX_READ, this.nextRead * 2) : FIRST_READ;
    const want = Math.min(this.size - at, Math.max(this.nextRead, end - at));
    if (this.buf.length < want) this.buf = Buffer.allocUnsafe(Math.max(want, FIRST_READ));
    let got = 0;
    while (got < want) {
      const r = readSync(this.fd, this.buf, got, want - got, at + got);
      if (r === 0) break;
      got += r;
    }
    this.bytesRead += got;
    this.base = at;
    // a plain Uint8Array view: the decoder's many subarrays of it are then plain arrays, not Buffers
    this.view = new Uint8Array(this.buf.buffer, this.buf.byteOffset, got);
    return { buf: this.view, base: at };
  }

  close(): void {
    closeSync(this.fd);
  }
}
