import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (works from test/ under tsx and from dist/test/ after tsc). */
export const ROOT = ((): string => {
  let d = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(d, 'package.json')) || existsSync(join(d, 'tsconfig.json')) === false) d = dirname(d);
  return d;
})();
/**
 * The real-model corpus: $CONVCHECK_CORPUS, else ../shared/corpus beside the repository (present in CI). Tests that
 * need it register through `needing(test, CORPUS_PREREQ)` (test/helpers/prerequisites.ts).
 */
export const CORPUS = process.env.CONVCHECK_CORPUS || join(ROOT, '..', 'shared', 'corpus');
export const SAMPLES = join(ROOT, 'samples');
/** Debian's libonnx-testdata. */
export const ONNX_TESTDATA = '/usr/share/libonnx-testdata/data';
