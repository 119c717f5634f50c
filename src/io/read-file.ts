import { readFileSync, statSync } from 'node:fs';
import { InputError } from './input-error.js';

/** Read a whole model file into one buffer; tensors are views into it (never copied). */
export function readModelFile(path: string): Buffer {
  modelFileSize(path);
  try {
    return readFileSync(path);
  } catch (e) {
    throw new InputError(path, `cannot read (${(e as Error).message})`);
  }
}

/** The size of a model file, with the same one-line errors as readModelFile (for readers that read by position). */
export function modelFileSize(path: string): number {
  let size: number;
  try {
    const st = statSync(path);
    if (st.isDirectory()) throw new InputError(path, 'is a directory, not a model file');
    size = st.size;
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(
      path,
      (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : `cannot read (${(e as Error).message})`,
    );
  }
  if (size === 0) throw new InputError(path, 'file is empty');
  return size;
}
