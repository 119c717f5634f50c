import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync, realpathSync, existsSync } from 'node:fs';
import { dirname, basename, join, resolve } from 'node:path';
import { InputError } from './input-error.js';

export type Chunk = Uint8Array | string;

/** A file to write: its chunks in order, and its size when the writer knows it ahead (for progress). */
export interface FileToWrite {
  path: string;
  /** Each chunk is written before the next is asked for, so a producer may reuse one buffer for every chunk. */
  chunks: Iterable<Chunk>;
  size?: number;
}

export interface AtomicWriteOptions {
  /** Called after each chunk: bytes written so far, and the total (0 unless every file states its size). */
  onProgress?: (written: number, total: number) => void;
}

/** The bytes of a chunk as written (a string is written as UTF-8). */
export const chunkBytes = (c: Chunk): number => (typeof c === 'string' ? Buffer.byteLength(c, 'utf8') : c.byteLength);

/**
 * Write files atomically: each goes to a temp file beside its target, and only when all are written
 * are they renamed into place. Refuses to overwrite any of `protect` (the input files).
 */
export function writeFilesAtomic(
  files: FileToWrite[],
  protect: string[] = [],
  options: AtomicWriteOptions = {},
): string[] {
  const guarded = new Set(protect.filter(existsSync).map((p) => realpathSync(p)));
  for (const f of files) {
    const target = existsSync(f.path) ? realpathSync(f.path) : resolve(f.path);
    if (guarded.has(target)) throw new InputError(f.path, 'refusing to overwrite an input file');
  }
  const temps: string[] = [];
  const total = files.every((f) => f.size !== undefined) ? files.reduce((a, f) => a + f.size!, 0) : 0;
  let written = 0;
  try {
    for (const f of files) {
      const tmp = join(dirname(f.path), `.${basename(f.path)}.tmp-${process.pid}-${temps.length}`);
      temps.push(tmp);
      let fd: number;
      try {
        fd = openSync(tmp, 'w');
      } catch (e) {
        throw new InputError(f.path, `cannot write (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
      }
      try {
        for (const c of f.chunks) {
          const b = typeof c === 'string' ? Buffer.from(c, 'utf8') : c;
          let off = 0;
          while (off < b.byteLength) off += writeSync(fd, b, off, b.byteLength - off);
          written += b.byteLength;
          options.onProgress?.(written, total);
        }
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
    }
    files.forEach((f, i) => renameSync(temps[i]!, f.path));
    return files.map((f) => f.path);
  } catch (e) {
    for (const t of temps) rmSync(t, { force: true });
    throw e;
  }
}
