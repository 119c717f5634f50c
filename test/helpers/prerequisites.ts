/**
 * What tests need from the machine, defined once. Each is a `Prereq` for `needing(test, …)`: a counted skip when
 * missing, a failure with CI=true.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { CORPUS, ONNX_TESTDATA } from './paths.js';
import { PYTHON } from './onnx-checker.js';
import type { Prereq } from './prereq.js';

const pythonHas = (module: string): boolean =>
  spawnSync(PYTHON, ['-c', `import ${module}`], { stdio: 'ignore' }).status === 0;
const resolvable = (pkg: string): boolean => {
  try {
    createRequire(import.meta.url).resolve(pkg);
    return true;
  } catch {
    return false;
  }
};
const onPath = (tool: string): boolean =>
  spawnSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' }).status === 0;

/** The real-model corpus (CONVCHECK_CORPUS, default ../shared/corpus): its sources.json lists. */
export const CORPUS_PREREQ: Prereq = {
  name: `corpus at ${CORPUS}`,
  ok: ['caffe', 'tflite'].every((kind) => existsSync(join(CORPUS, kind, 'sources.json'))),
  install: 'provide ../shared/corpus or set CONVCHECK_CORPUS',
};
export const ONNX_TESTDATA_PREREQ: Prereq = {
  name: 'libonnx-testdata',
  ok: existsSync(ONNX_TESTDATA),
  install: 'apt-get install libonnx-testdata',
};
export const PYTHON_ONNX: Prereq = {
  name: 'python3-onnx',
  ok: pythonHas('onnx'),
  install: 'apt-get install python3-onnx',
};
export const NUMPY: Prereq = {
  name: 'python3-numpy',
  ok: pythonHas('numpy'),
  install: 'apt-get install python3-numpy',
};
export const PYTHON_YAML: Prereq = {
  name: 'python3-yaml',
  ok: pythonHas('yaml'),
  install: 'apt-get install python3-yaml',
};
export const TMUX: Prereq = { name: 'tmux', ok: onPath('tmux'), install: 'apt-get install tmux' };
export const LITERT: Prereq = {
  name: 'LiteRT.js (@litertjs/core)',
  ok: resolvable('@litertjs/core/package.json'),
  install: 'npm install',
};
/** An npm package a test reads models from (e.g. @mediapipe/selfie_segmentation). */
export function npmPackage(pkg: string): Prereq {
  return { name: `npm ${pkg}`, ok: resolvable(`${pkg}/package.json`), install: 'npm install' };
}
