/**
 * Run an exported ncnn model in the real ncnn runtime (test/ncnn-runner/run-ncnn.cpp, built by ncnn-build.ts):
 * named inputs in, every requested blob out, with ncnn's own dims (batch axis dropped, outermost first).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ncnnRunner } from './ncnn-build.js';

export interface NcnnInput {
  name: string;
  /** ncnn dims, outermost first (c, d, h, w), without the batch axis. */
  dims: number[];
  /** float32, or int32 token ids (ncnn's Embed reads the words as integers). */
  data: Float32Array | Int32Array;
}
export interface NcnnOutput {
  dims: number[];
  data: Float32Array;
}

/** Run `<base>.param`/`<base>.bin` in real ncnn (fp32, one thread) and return the named blobs. */
export async function runNcnn(
  paramPath: string,
  inputs: NcnnInput[],
  outputs: string[],
): Promise<Map<string, NcnnOutput>> {
  const exe = await ncnnRunner();
  const dir = mkdtempSync(join(tmpdir(), 'convcheck-ncnn-run-'));
  try {
    const args = [paramPath, paramPath.replace(/\.param$/, '.bin'), dir];
    inputs.forEach((x, i) => {
      const file = join(dir, `in${i}.raw`);
      writeFileSync(file, new Uint8Array(x.data.buffer, x.data.byteOffset, x.data.byteLength));
      args.push('--in', x.name, file, x.dims.join(','));
    });
    for (const o of outputs) args.push('--out', o);
    const r = spawnSync(exe, args, { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`real ncnn failed on ${paramPath}: ${(r.stderr || String(r.signal)).trim()}`);
    const result = new Map<string, NcnnOutput>();
    for (const line of r.stdout.trim().split('\n')) {
      const [index, name, ...dims] = line.split(' ');
      const bytes = readFileSync(join(dir, `${index}.f32`));
      const data = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
      result.set(name!, { dims: dims.map(Number), data });
    }
    return result;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** ncnn's Input param ids: 0 = w, 1 = h, 11 = d, 2 = c. */
const INPUT_DIM_IDS = ['2', '11', '1', '0'];
/** The dims each Input layer of a .param declares, outermost first. */
export function ncnnInputDims(paramText: string): Map<string, number[]> {
  const found = new Map<string, number[]>();
  for (const line of paramText.split('\n')) {
    const f = line.trim().split(/\s+/);
    if (f[0] !== 'Input') continue;
    // Input <name> 0 1 <top> <id>=<value> …
    const params = new Map(f.slice(5).map((kv) => kv.split('=') as [string, string]));
    const dims = INPUT_DIM_IDS.filter((id) => params.has(id)).map((id) => Number(params.get(id)));
    found.set(f[4]!, dims);
  }
  return found;
}
