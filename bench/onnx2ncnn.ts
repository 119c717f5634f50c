/**
 * The onnx2ncnn yardstick for the export bench: ncnn's C++ ONNX converter (tools/onnx in ncnn's source), built
 * once from the vendored release tarball and cached outside the checkout under
 * ~/.cache/convcheck/ncnn-<sha256 of the tarball>/onnx2ncnn/ (or $XDG_CACHE_HOME), like the test build of ncnn.
 * Only the bench builds it. One already on PATH is used as it is.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(fileURLToPath(import.meta.url), '..', '..', '..');
const TARBALL = join(ROOT, '..', 'shared', 'vendor', 'ncnn-20260526.tar.gz');
/** Where the converter's sources sit in ncnn's source tree. */
const TOOL_DIR = 'tools/onnx';

const has = (tool: string): boolean => spawnSync(tool, ['--version'], { stdio: 'ignore' }).status === 0;
const sh = (cmd: string, args: string[], cwd?: string): { ok: boolean; err: string } => {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8' });
  return { ok: r.status === 0, err: `${r.stderr ?? ''}${r.error?.message ?? ''}`.trim().split('\n').pop() ?? '' };
};

function cacheDir(): string {
  const base = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  const key = createHash('sha256').update(readFileSync(TARBALL)).digest('hex');
  return join(base, 'convcheck', `ncnn-${key}`, 'onnx2ncnn');
}

/** The tarball's top directory and whether it holds tools/onnx/onnx2ncnn.cpp and onnx.proto. */
function toolSources(): { top: string } | string {
  const list = spawnSync('tar', ['tzf', TARBALL], { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (list.status !== 0) return `cannot list ${TARBALL}`;
  const entries = list.stdout.split('\n');
  const top = entries[0]!.split('/')[0]!;
  const need = ['onnx2ncnn.cpp', 'onnx.proto'].map((f) => `${top}/${TOOL_DIR}/${f}`);
  const missing = need.filter((p) => !entries.includes(p));
  return missing.length
    ? `the vendored ncnn source has no ${missing.map((p) => p.slice(top.length + 1)).join(', ')}`
    : { top };
}

/** The onnx2ncnn binary, or why there is none (then the bench prints "onnx2ncnn absent: <reason>"). */
export function onnx2ncnn(): { path: string } | { absent: string } {
  const onPath = spawnSync('sh', ['-c', 'command -v onnx2ncnn'], { encoding: 'utf8' }).stdout.trim();
  if (onPath) return { path: onPath };
  if (!existsSync(TARBALL)) return { absent: `no ${TARBALL}` };
  const dir = cacheDir();
  const bin = join(dir, 'onnx2ncnn');
  if (existsSync(bin)) return { path: bin };
  // the sources first: without them no tool installed would make a converter
  const src = toolSources();
  if (typeof src === 'string') return { absent: src };
  const missingTools = ['g++', 'protoc'].filter((t) => !has(t));
  if (missingTools.length) return { absent: `no ${missingTools.join(', ')} (apt-get install g++ protobuf-compiler)` };
  if (!existsSync('/usr/include/google/protobuf/message.h'))
    return { absent: 'no protobuf headers (apt-get install libprotobuf-dev)' };
  const work = mkdtempSync(join(tmpdir(), 'convcheck-onnx2ncnn-'));
  try {
    const steps: [string, string[]][] = [
      ['tar', ['xzf', TARBALL, '-C', work, `${src.top}/${TOOL_DIR}`]],
      ['protoc', ['--cpp_out=.', 'onnx.proto']],
      ['g++', ['-O2', '-o', 'onnx2ncnn', 'onnx2ncnn.cpp', 'onnx.pb.cc', '-lprotobuf', '-lpthread']],
    ];
    const toolDir = join(work, src.top, TOOL_DIR);
    for (const [cmd, args] of steps) {
      const r = sh(cmd, args, cmd === 'tar' ? undefined : toolDir);
      if (!r.ok) return { absent: `${cmd} failed: ${r.err}` };
    }
    mkdirSync(dir, { recursive: true });
    renameSync(join(toolDir, 'onnx2ncnn'), bin);
    return { path: bin };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
