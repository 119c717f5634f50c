import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (works from test/ under tsx and from dist/test/ after tsc). */
export const ROOT = ((): string => {
  let d = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(d, 'package.json')) || existsSync(join(d, 'tsconfig.json')) === false) d = dirname(d);
  return d;
})();
/** ../shared/corpus beside the repository (present in CI); tests that need it skip with a message when absent. */
export const CORPUS = join(ROOT, '..', 'shared', 'corpus');
export const SAMPLES = join(ROOT, 'samples');
/** Debian's libonnx-testdata. */
export const ONNX_TESTDATA = '/usr/share/libonnx-testdata/data';
