import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../package-root.js';
import { readJsonIndex } from './json-index.js';

/** Where the build writes the index of a package data file (scripts/bundle.mjs). */
export const indexPath = (relPath: string): string => join(PACKAGE_ROOT, 'dist', 'bundle', 'data', `${relPath}.idx`);

/**
 * src/io/package-json.ts as the bundled bin has it: the data file through its index, so an audit parses the
 * records it reads and not the rest (targets.json: the five targets' op tables of nine; opsets/onnx.json: the
 * model's ops). A missing index, or one built from a source of another size (the data file was edited after
 * the build), is passed over for the file itself.
 */
export function readPackageJson<T>(relPath: string): T {
  const source = join(PACKAGE_ROOT, relPath);
  return readJsonIndex<T>(indexPath(relPath), statSync(source).size) ?? (JSON.parse(readFileSync(source, 'utf8')) as T);
}
