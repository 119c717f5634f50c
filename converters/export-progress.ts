import type { AtomicWriteOptions } from '../src/io/atomic-write.js';
import type { ExportOptions } from './converter.js';

/** An exporter's progress option as the atomic writer's callback (undefined when nobody listens). */
export function exportProgress(options: ExportOptions): AtomicWriteOptions['onProgress'] {
  const report = options.onProgress;
  return report && ((bytes, totalBytes) => report({ bytes, totalBytes }));
}
