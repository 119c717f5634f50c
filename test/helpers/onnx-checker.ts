import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Debian's python3 with python3-onnx (the first python3 on PATH may be another one without onnx). */
export const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';

export function haveOnnxChecker(): boolean {
  return spawnSync(PYTHON, ['-c', 'import onnx'], { stdio: 'ignore' }).status === 0;
}

/**
 * Run onnx.checker.check_model(m, full_check=True) on many files in ONE python process.
 * Returns path → null (valid) or the checker's message.
 */
export function checkOnnxFiles(paths: string[]): Map<string, string | null> {
  const script = `
import sys, json, onnx
res = {}
for p in json.load(sys.stdin):
    try:
        onnx.checker.check_model(onnx.load(p), full_check=True)
        res[p] = None
    except Exception as e:
        res[p] = (type(e).__name__ + ': ' + str(e)).strip().splitlines()[0][:300] if str(e).strip() else type(e).__name__
print(json.dumps(res))
`;
  const r = spawnSync(PYTHON, ['-c', script], { input: JSON.stringify(paths), encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`onnx checker failed to run: ${r.stderr}`);
  return new Map(Object.entries(JSON.parse(r.stdout) as Record<string, string | null>));
}
