/**
 * The commands' progress bars around the long steps: reading a model (bytes and nodes as the
 * importer reports them) and writing an export (bytes written). Each bar is erased when its step
 * ends, also when it throws, so an error message starts on a clean line.
 */
import { basename } from 'node:path';
import type { ImportOptions, ExportOptions } from '../../converters/converter.js';
import { progressShown, startProgress } from './progress-bar.js';

type ReadProgress = NonNullable<ImportOptions['onProgress']>;
type WriteProgress = NonNullable<ExportOptions['onProgress']>;

/**
 * Run `read` with a bar fed by the importer's progress callback; without a bar to draw (not a terminal, quiet,
 * CI) the importer gets no callback and keeps no count.
 */
export function withReadProgress<T>(
  path: string,
  quiet: boolean,
  read: (onProgress: ReadProgress | undefined) => T,
): T {
  if (!progressShown({ quiet })) return read(undefined);
  const bar = startProgress({ label: `reading ${basename(path)}`, unit: 'bytes', quiet });
  try {
    return read((p) => bar.update(p.bytes, p.totalBytes, p.nodes ? `${p.nodes} nodes` : undefined));
  } finally {
    bar.done();
  }
}

/** Run `write` with a bar fed by the exporter's progress callback. */
export function withWriteProgress<T>(label: string, quiet: boolean, write: (onProgress: WriteProgress) => T): T {
  const bar = startProgress({ label, unit: 'bytes', quiet });
  try {
    return write((p) => bar.update(p.bytes, p.totalBytes));
  } finally {
    bar.done();
  }
}
