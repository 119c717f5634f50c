import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../package-root.js';

/**
 * A JSON data file of the package (targets.json, opsets/onnx.json), parsed whole. The bundled bin reads
 * the same data through the build's index instead (src/io/package-json-indexed.ts, swapped in by
 * scripts/bundle.mjs), so records it never reads are never parsed.
 */
export function readPackageJson<T>(relPath: string): T {
  return JSON.parse(readFileSync(join(PACKAGE_ROOT, relPath), 'utf8')) as T;
}
