import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package's root folder (holds package.json, targets.json, opsets/), from src/ or dist/src/. */
export const PACKAGE_ROOT = ((): string => {
  let d = dirname(fileURLToPath(import.meta.url));
  while (!(existsSync(join(d, 'package.json')) && existsSync(join(d, 'targets.json'))) && dirname(d) !== d)
    d = dirname(d);
  return d;
})();
