import { openSync, readSync, closeSync } from 'node:fs';
import { extname } from 'node:path';
import type { Importer, ImportOptions } from './converter.js';
import type { Model } from '../src/ir/model.js';
import { InputError } from '../src/io/input-error.js';
import { enforceModelLimits } from '../src/io/model-limits.js';

/**
 * Read a model with the first of `importers` whose sniff accepts the file's head and name, else the first
 * that claims its extension; the model's structural limits are enforced.
 */
export function loadModelWith(importers: Importer[], path: string, options: ImportOptions = {}): Model {
  let head: Uint8Array;
  try {
    const fd = openSync(path, 'r');
    const buf = Buffer.alloc(4096);
    const n = readSync(fd, buf, 0, 4096, 0);
    closeSync(fd);
    head = buf.subarray(0, n);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(
      path,
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'is a directory, not a model file'
          : `cannot read (${(e as Error).message})`,
    );
  }
  if (head.length === 0) throw new InputError(path, 'file is empty');
  const ext = extname(path).toLowerCase();
  const imp = importers.find((i) => i.sniff(head, path)) ?? importers.find((i) => i.extensions.includes(ext));
  if (!imp)
    throw new InputError(
      path,
      `not a model file convcheck can read (formats: ${importers.map((i) => i.format).join(', ')})`,
    );
  const model = imp.read(path, options);
  enforceModelLimits(model, path);
  return model;
}
