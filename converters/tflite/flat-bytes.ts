/**
 * The bytes a flatbuffer reader addresses by absolute offset: a buffer in memory, or a file read page by
 * page on first touch (positioned reads), so reading a model's tables leaves its buffers' data on disk.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import type { ByteSource } from '../../src/ir/tensor.js';
import { LazyBytes, readFileRange } from '../onnx/wire/lazy-bytes.js';

/** A span [at, at + n) as a DataView over a buffer holding it and the offset of `at` in that view. */
export interface Covered {
  view: DataView;
  bytes: Uint8Array;
  index: number;
}

export interface FlatBytes {
  readonly size: number;
  /** A view covering [at, at + n) (the caller checked the span lies inside the file). */
  cover(at: number, n: number): Covered;
  /** The span as a byte source: a view of the buffer, or (past `keepUnder` bytes) a handle read on use. */
  source(at: number, n: number): ByteSource;
  /** Bytes read from the file so far (the cost of a graph-only read). */
  readonly bytesRead: number;
  close(): void;
}

const coverOf = (bytes: Uint8Array, index: number): Covered => ({
  view: new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength),
  bytes,
  index,
});

export function bufferBytes(buf: Uint8Array): FlatBytes {
  const whole = coverOf(buf, 0);
  return {
    size: buf.length,
    bytesRead: buf.length,
    cover: (at) => ({ ...whole, index: at }),
    source: (at, n) => new LazyBytes(at, n, null, buf),
    close: () => undefined,
  };
}

const PAGE = 1 << 16;
/** Spans up to this size are read with the tables (shape glue, biases); larger ones stay in the file. */
export const TFLITE_GRAPH_ONLY_OVER = 4096;

/** A file read in 64 KiB pages, each once, when a table, vector or string on it is first read. */
export class PagedFile implements FlatBytes {
  readonly size: number;
  bytesRead = 0;
  private fd: number;
  private pages = new Map<number, Covered>();

  constructor(readonly path: string) {
    this.fd = openSync(path, 'r');
    this.size = fstatSync(this.fd).size;
  }

  cover(at: number, n: number): Covered {
    const first = Math.floor(at / PAGE);
    if (Math.floor((at + Math.max(n, 1) - 1) / PAGE) === first) {
      const page = this.page(first);
      return { ...page, index: at - first * PAGE };
    }
    // a span across pages (a long string or vector): read it on its own
    this.bytesRead += n;
    return coverOf(readFileRange(this.path, at, n), 0);
  }

  source(at: number, n: number): ByteSource {
    if (n > TFLITE_GRAPH_ONLY_OVER) return new LazyBytes(at, n, this.path);
    const c = this.cover(at, n);
    return new LazyBytes(0, n, null, c.bytes.subarray(c.index, c.index + n));
  }

  private page(i: number): Covered {
    let p = this.pages.get(i);
    if (!p) {
      const at = i * PAGE;
      const want = Math.min(PAGE, this.size - at);
      const buf = Buffer.allocUnsafe(want);
      let got = 0;
      while (got < want) {
        const r = readSync(this.fd, buf, got, want - got, at + got);
        if (r === 0) break;
        got += r;
      }
      this.bytesRead += got;
      p = coverOf(buf.subarray(0, got), 0);
      this.pages.set(i, p);
    }
    return p;
  }

  close(): void {
    closeSync(this.fd);
  }
}
